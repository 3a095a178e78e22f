import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatusChange } from '../../../src/registry/index.js';
import { LifecycleWorld } from '../lifecycle/lifecycle-world.js';

let world: LifecycleWorld;
beforeEach(() => {
  world = new LifecycleWorld();
});
afterEach(() => {
  world.dispose();
});

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

describe('SqliteRegistry: lifecycle', () => {
  it('applies a change once: a replay from the same status changes nothing', () => {
    const id = world.deliver('F-1');
    const first = world.registry.recordStatusChange(change(id));
    expect(first?.history).toMatchObject({ invoiceId: id, status: 'DEPOSEE', previous: null });
    expect(world.registry.recordStatusChange(change(id))).toBeUndefined();
    expect(world.registry.getInvoice(id)?.status).toBe('DEPOSEE');
    expect(world.registry.getStatusHistory(id)).toHaveLength(1);
    expect(world.registry.listStatusFeed('acme', 0)).toHaveLength(1);
  });

  it('numbers each account feed on its own, in the order of the changes', () => {
    const a = world.deliver('F-1');
    const b = world.deliver('F-2');
    world.registry.recordStatusChange(change(a));
    world.registry.recordStatusChange(change(b, { notify: ['acme'] }));
    world.registry.recordStatusChange(
      change(a, { from: 'DEPOSEE', to: 'MISE_A_DISPOSITION', reformCode: '203' }),
    );
    expect(world.registry.listStatusFeed('acme', 0).map((row) => [row.seq, row.invoiceId])).toEqual(
      [
        [1, a],
        [2, b],
        [3, a],
      ],
    );
    expect(world.registry.listStatusFeed('ministere', 0).map((row) => row.seq)).toEqual([1, 2]);
    expect(world.registry.listStatusFeed('acme', 2).map((row) => row.seq)).toEqual([3]);
    expect(world.registry.listStatusFeed('acme', 0)[0]?.fileName).toBe(
      `STATUS_0000000001_${a}.xml`,
    );
  });

  it('writes one row per format under one sequence number for an account in format both', () => {
    expect(world.registry.getStatusFormat('acme')).toBe('xml');
    expect(world.registry.setStatusFormat('acme', 'both')).toBe(true);
    expect(world.registry.setStatusFormat('nobody', 'cdar')).toBe(false);
    const id = world.deliver('F-1');
    const recorded = world.registry.recordStatusChange(change(id, { notify: ['acme'] }));
    expect(recorded?.feed.map((row) => [row.seq, row.format, row.fileName])).toEqual([
      [1, 'xml', `STATUS_0000000001_${id}.xml`],
      [1, 'cdar', `STATUS_0000000001_${id}.cdar.xml`],
    ]);
    expect(world.registry.getStatusFeedEntry('acme', 1)).toHaveLength(2);
  });

  it('tracks which files are written', () => {
    const id = world.deliver('F-1');
    world.registry.recordStatusChange(change(id));
    expect(world.registry.listUnwrittenFeed(10)).toHaveLength(2);
    expect(world.registry.markFeedWritten('acme', 1, 'xml')).toBe(true);
    expect(world.registry.markFeedWritten('acme', 1, 'xml')).toBe(false);
    expect(world.registry.listUnwrittenFeed(10).map((row) => row.account)).toEqual(['ministere']);
    expect(world.registry.getStatusFeedEntry('acme', 1)[0]?.isWritten).toBe(true);
  });

  it('stores the result of a status line with its change, and only once', () => {
    const id = world.deliver('F-1');
    const flowId = world.registry.getInvoice(id)?.flowId ?? '';
    const line = { flowId, index: 0, result: '{"accepted":true}' };
    expect(world.registry.recordStatusChange(change(id), line)).toBeDefined();
    expect(world.registry.listStatusLines(flowId)).toEqual([line]);
    expect(world.registry.recordStatusLine({ ...line, result: 'other' })).toBe(false);
    expect(world.registry.recordStatusLine({ flowId, index: 1, result: 'x' })).toBe(true);
    expect(world.registry.listStatusLines(flowId).map((row) => row.index)).toEqual([0, 1]);
  });

  it('writes nothing, not even the line, when the status moved meanwhile', () => {
    const id = world.deliver('F-1');
    const flowId = world.registry.getInvoice(id)?.flowId ?? '';
    world.registry.recordStatusChange(change(id));
    const stale = world.registry.recordStatusChange(change(id, { to: 'REJETEE' }), {
      flowId,
      index: 0,
      result: 'r',
    });
    expect(stale).toBeUndefined();
    expect(world.registry.listStatusLines(flowId)).toEqual([]);
    expect(world.registry.getStatusHistory(id).map((entry) => entry.status)).toEqual(['DEPOSEE']);
  });

  it('finds invoices by number for the supplier account and by supplier SIRET', () => {
    const id = world.deliver('F-9');
    expect(world.registry.findInvoicesByNumber('acme', 'F-9').map((i) => i.id)).toEqual([id]);
    expect(world.registry.findInvoicesByNumber('other', 'F-9')).toEqual([]);
    expect(
      world.registry.findInvoicesBySupplierSiret('12345678901234', 'F-9').map((i) => i.id),
    ).toEqual([id]);
    const flow = world.registry.getFlow(world.registry.getInvoice(id)?.flowId ?? '');
    expect(world.registry.findFlowsBySha('acme', flow?.sha256 ?? '')).toHaveLength(1);
  });

  it('makes an invoice the recycle of another once', () => {
    const original = world.deliver('F-1');
    const recycle = world.deliver('F-1', 'c'.repeat(64));
    expect(world.registry.markRecycle(recycle, original)).toBe(true);
    expect(world.registry.markRecycle(recycle, original)).toBe(false);
    expect(world.registry.getInvoice(recycle)).toMatchObject({
      status: 'A_RECYCLER',
      recycledFrom: original,
    });
  });
});
