/**
 * Concurrent writers on one registry: several pools (processes, on PostgreSQL) or the one
 * connection a process holds (SQLite). Sequences stay gapless and unique, and a claim (a flow
 * id, a recycle, a first use of an invoice number) goes to exactly one writer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInvoiceNumber } from '../../../src/lifecycle/index.js';
import { SqlRegistry, type NewFlow } from '../../../src/registry/index.js';
import type { SqlDatabase } from '../../../src/store/index.js';
import {
  ENGINES,
  openTestDatabase,
  useTestDatabases,
  type TestDatabase,
} from '../../support/test-databases.js';
import { LifecycleWorld } from '../lifecycle/lifecycle-world.js';

useTestDatabases();

const WRITERS = 4;
const INVOICES = 40;

describe.each(ENGINES)('concurrent writers on %s', (engine) => {
  let database: TestDatabase;
  let world: LifecycleWorld;
  let writers: SqlRegistry[];

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    world = await LifecycleWorld.create(database.db);
    // SQLite: one connection per process, shared by its writers (a second connection in the
    // same thread would wait on the first one's lock while holding the thread).
    const pools: SqlDatabase[] = [];
    for (let index = 0; index < WRITERS; index += 1)
      pools.push(engine === 'sqlite' ? database.db : await database.openAnother(3));
    writers = pools.map((db) => new SqlRegistry(db));
  });

  afterEach(async () => {
    await world.dispose();
    await database.dispose();
  });

  const writer = (index: number): SqlRegistry => {
    const chosen = writers[index % WRITERS];
    if (!chosen) throw new Error('no writer');
    return chosen;
  };

  it('numbers one account feed gaplessly and uniquely under concurrent status changes', async () => {
    const ids: string[] = [];
    for (let index = 0; index < INVOICES; index += 1) ids.push(await world.deliver(`F-${index}`));
    const recorded = await Promise.all(
      ids.map((invoiceId, index) =>
        writer(index).recordStatusChange({
          invoiceId,
          from: null,
          to: 'DEPOSEE',
          reformCode: '200',
          actor: 'platform',
          changedAt: '2026-11-24T06:01:00.000Z',
          notify: ['acme', 'ministere'],
        }),
      ),
    );
    expect(recorded.every((change) => change !== undefined)).toBe(true);
    for (const account of ['acme', 'ministere']) {
      const seqs = (await world.registry.listStatusFeed(account, 0)).map((row) => row.seq);
      expect(seqs).toEqual(Array.from({ length: INVOICES }, (_, index) => index + 1));
    }
  });

  it('applies a change once when every writer tries it at the same time', async () => {
    const id = await world.deliver('F-1');
    const results = await Promise.all(
      writers.map((registry) =>
        registry.recordStatusChange({
          invoiceId: id,
          from: null,
          to: 'DEPOSEE',
          reformCode: '200',
          actor: 'platform',
          changedAt: '2026-11-24T06:01:00.000Z',
          notify: ['acme'],
        }),
      ),
    );
    expect(results.filter((result) => result !== undefined)).toHaveLength(1);
    expect(await world.registry.listStatusFeed('acme', 0)).toHaveLength(1);
  });

  it('creates a flow claimed by every writer at once exactly once', async () => {
    const flow: NewFlow = {
      id: '20261124-00000000000000ff',
      account: 'acme',
      fileName: 'invoice.xml',
      sha256: 'a'.repeat(64),
      sizeBytes: 10,
      archivePath: '/archive/x',
      receivedAt: '2026-11-24T06:00:00.000Z',
    };
    const created = await Promise.all(writers.map((registry) => registry.createFlow(flow)));
    expect(created.filter(Boolean)).toHaveLength(1);
    expect((await world.registry.countFlows()).received).toBe(1);
  });

  it('gives an A_RECYCLER invoice one recycle when two resends claim it at once', async () => {
    const original = await world.deliver('F-1');
    await world.db.run("UPDATE invoices SET status = 'A_RECYCLER' WHERE id = ?", [original]);
    const first = await world.deliver('F-1', 'c'.repeat(64));
    const second = await world.deliver('F-1', 'd'.repeat(64));
    const claimed = await Promise.all([
      writer(0).markRecycle(first, original),
      writer(1).markRecycle(second, original),
    ]);
    expect(claimed.filter(Boolean)).toHaveLength(1);
  });

  it('lets one of two invoices with one number, checked at once, be the new one', async () => {
    const first = await world.deliver('F-7');
    const second = await world.deliver('F-7', 'c'.repeat(64));
    const checks = await Promise.all(
      [first, second].map(async (id, index) => {
        const invoice = await writer(index).getInvoice(id);
        if (!invoice) throw new Error(`no invoice ${id}`);
        return (await checkInvoiceNumber(writer(index), 'acme', invoice)).kind;
      }),
    );
    expect(checks.sort()).toEqual(['duplicate', 'new']);
  });
});
