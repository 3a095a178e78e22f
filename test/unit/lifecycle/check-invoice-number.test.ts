import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInvoiceNumber, recordPlatformStatuses } from '../../../src/lifecycle/index.js';
import type { InvoiceRecord } from '../../../src/registry/index.js';
import { LifecycleWorld } from './lifecycle-world.js';

let world: LifecycleWorld;
beforeEach(async () => {
  world = await LifecycleWorld.create();
});
afterEach(async () => {
  await world.dispose();
});

const invoice = async (id: string): Promise<InvoiceRecord> => {
  const record = await world.registry.getInvoice(id);
  if (!record) throw new Error(`no invoice ${id}`);
  return record;
};
const kindOf = async (id: string) =>
  (await checkInvoiceNumber(world.registry, 'acme', await invoice(id))).kind;

describe('checkInvoiceNumber', () => {
  it('accepts a first number, and refuses it again the same year', async () => {
    const first = await world.deliver('F-1');
    const second = await world.deliver('F-1', 'c'.repeat(64));
    expect(await kindOf(first)).toBe('new');
    const check = await checkInvoiceNumber(world.registry, 'acme', await invoice(second));
    expect(check.kind === 'duplicate' && check.issue.code).toBe('INVOICE_NUMBER_DUPLICATE');
  });

  it('lets a number be used again after a rejection at deposit, or in another year', async () => {
    const rejected = await world.deliver('F-1');
    await world.db.run(`UPDATE invoices SET state = 'REJECTED' WHERE id = ?`, [rejected]);
    expect(await kindOf(await world.deliver('F-1', 'c'.repeat(64)))).toBe('new');
    const nextYear = await world.deliver('F-2');
    await world.db.run(`UPDATE invoices SET issue_date = '2027-01-05' WHERE id = ?`, [nextYear]);
    expect(await kindOf(await world.deliver('F-2', 'd'.repeat(64)))).toBe('new');
  });

  it('makes the resend of an A_RECYCLER invoice its recycle, once', async () => {
    const original = await world.deliver('F-1');
    await world.db.run(`UPDATE invoices SET status = 'A_RECYCLER' WHERE id = ?`, [original]);
    const recycle = await world.deliver('F-1', 'c'.repeat(64));
    expect(await checkInvoiceNumber(world.registry, 'acme', await invoice(recycle))).toEqual({
      kind: 'recycle',
      originalId: original,
    });
    await world.registry.markRecycle(recycle, original);
    // Delivered, the recycle moves on (A_RECYCLER → DEPOSEE → MISE_A_DISPOSITION).
    expect((await recordPlatformStatuses(world, recycle)).length).toBeGreaterThan(0);
    expect((await invoice(recycle)).status).toBe('MISE_A_DISPOSITION');
    expect(await kindOf(await world.deliver('F-1', 'd'.repeat(64)))).toBe('duplicate');
  });
});
