import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatusChange } from '../../../src/registry/index.js';
import {
  ENGINES,
  openTestDatabase,
  useTestDatabases,
  type TestDatabase,
} from '../../support/test-databases.js';
import { LifecycleWorld } from '../lifecycle/lifecycle-world.js';

useTestDatabases();

function change(invoiceId: string, overrides: Partial<StatusChange> = {}): StatusChange {
  return {
    invoiceId,
    from: null,
    to: 'DEPOSEE',
    reformCode: '200',
    actor: 'platform',
    changedAt: '2026-11-24T06:01:00.000Z',
    notify: ['acme', 'ministere'],
    ...overrides,
  };
}

describe.each(ENGINES)('SqlRegistry: lifecycle on %s', (engine) => {
  let database: TestDatabase;
  let world: LifecycleWorld;
  beforeEach(async () => {
    database = await openTestDatabase(engine);
    world = await LifecycleWorld.create(database.db);
  });
  afterEach(async () => {
    await world.dispose();
    await database.dispose();
  });

  it('applies a change once: a replay from the same status changes nothing', async () => {
    const id = await world.deliver('F-1');
    const first = await world.registry.recordStatusChange(change(id));
    expect(first?.history).toMatchObject({ invoiceId: id, status: 'DEPOSEE', previous: null });
    expect(await world.registry.recordStatusChange(change(id))).toBeUndefined();
    expect((await world.registry.getInvoice(id))?.status).toBe('DEPOSEE');
    expect(await world.registry.getStatusHistory(id)).toHaveLength(1);
    expect(await world.registry.listStatusFeed('acme', 0)).toHaveLength(1);
  });

  it('numbers each account feed on its own, in the order of the changes', async () => {
    const a = await world.deliver('F-1');
    const b = await world.deliver('F-2');
    await world.registry.recordStatusChange(change(a));
    await world.registry.recordStatusChange(change(b, { notify: ['acme'] }));
    await world.registry.recordStatusChange(
      change(a, { from: 'DEPOSEE', to: 'MISE_A_DISPOSITION', reformCode: '203' }),
    );
    expect(
      (await world.registry.listStatusFeed('acme', 0)).map((row) => [row.seq, row.invoiceId]),
    ).toEqual([
      [1, a],
      [2, b],
      [3, a],
    ]);
    expect((await world.registry.listStatusFeed('ministere', 0)).map((row) => row.seq)).toEqual([
      1, 2,
    ]);
    expect((await world.registry.listStatusFeed('acme', 2)).map((row) => row.seq)).toEqual([3]);
    expect((await world.registry.listStatusFeed('acme', 0))[0]?.fileName).toBe(
      `STATUS_0000000001_${a}.xml`,
    );
  });

  it('writes one row per format under one sequence number for an account in format both', async () => {
    expect(await world.registry.getStatusFormat('acme')).toBe('xml');
    expect(await world.registry.setStatusFormat('acme', 'both')).toBe(true);
    expect(await world.registry.setStatusFormat('nobody', 'cdar')).toBe(false);
    const id = await world.deliver('F-1');
    const recorded = await world.registry.recordStatusChange(change(id, { notify: ['acme'] }));
    expect(recorded?.feed.map((row) => [row.seq, row.format, row.fileName])).toEqual([
      [1, 'xml', `STATUS_0000000001_${id}.xml`],
      [1, 'cdar', `STATUS_0000000001_${id}.cdar.xml`],
    ]);
    expect(await world.registry.getStatusFeedEntry('acme', 1)).toHaveLength(2);
  });

  it('tracks which files are written', async () => {
    const id = await world.deliver('F-1');
    await world.registry.recordStatusChange(change(id));
    expect(await world.registry.listUnwrittenFeed(10)).toHaveLength(2);
    expect(await world.registry.markFeedWritten('acme', 1, 'xml')).toBe(true);
    expect(await world.registry.markFeedWritten('acme', 1, 'xml')).toBe(false);
    expect((await world.registry.listUnwrittenFeed(10)).map((row) => row.account)).toEqual([
      'ministere',
    ]);
    expect((await world.registry.getStatusFeedEntry('acme', 1))[0]?.isWritten).toBe(true);
  });

  it('stores the result of a status line with its change, and only once', async () => {
    const id = await world.deliver('F-1');
    const flowId = (await world.registry.getInvoice(id))?.flowId ?? '';
    const line = { flowId, index: 0, result: '{"accepted":true}' };
    expect(await world.registry.recordStatusChange(change(id), line)).toBeDefined();
    expect(await world.registry.listStatusLines(flowId)).toEqual([line]);
    expect(await world.registry.recordStatusLine({ ...line, result: 'other' })).toBe(false);
    expect(await world.registry.recordStatusLine({ flowId, index: 1, result: 'x' })).toBe(true);
    expect((await world.registry.listStatusLines(flowId)).map((row) => row.index)).toEqual([0, 1]);
  });

  it('writes nothing, not even the line, when the status moved meanwhile', async () => {
    const id = await world.deliver('F-1');
    const flowId = (await world.registry.getInvoice(id))?.flowId ?? '';
    await world.registry.recordStatusChange(change(id));
    const stale = await world.registry.recordStatusChange(change(id, { to: 'REJETEE' }), {
      flowId,
      index: 0,
      result: 'r',
    });
    expect(stale).toBeUndefined();
    expect(await world.registry.listStatusLines(flowId)).toEqual([]);
    expect((await world.registry.getStatusHistory(id)).map((entry) => entry.status)).toEqual([
      'DEPOSEE',
    ]);
  });

  it('finds invoices by number for the supplier account and by supplier SIRET', async () => {
    const id = await world.deliver('F-9');
    expect((await world.registry.findInvoicesByNumber('acme', 'F-9')).map((i) => i.id)).toEqual([
      id,
    ]);
    expect(await world.registry.findInvoicesByNumber('other', 'F-9')).toEqual([]);
    expect(
      (await world.registry.findInvoicesBySupplierSiret('12345678901234', 'F-9')).map((i) => i.id),
    ).toEqual([id]);
    const flow = await world.registry.getFlow((await world.registry.getInvoice(id))?.flowId ?? '');
    expect(await world.registry.findFlowsBySha('acme', flow?.sha256 ?? '')).toHaveLength(1);
  });

  it('makes an invoice the recycle of another once', async () => {
    const original = await world.deliver('F-1');
    const recycle = await world.deliver('F-1', 'c'.repeat(64));
    expect(await world.registry.markRecycle(recycle, original)).toBe(true);
    expect(await world.registry.markRecycle(recycle, original)).toBe(false);
    expect(await world.registry.getInvoice(recycle)).toMatchObject({
      status: 'A_RECYCLER',
      recycledFrom: original,
    });
  });
});
