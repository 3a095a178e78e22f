import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInvoiceNumber, recordPlatformStatuses } from '../../../src/lifecycle/index.js';
import type { InvoiceRecord } from '../../../src/registry/index.js';
import { LifecycleWorld } from './lifecycle-world.js';

let world: LifecycleWorld;
beforeEach(() => {
  world = new LifecycleWorld();
});
afterEach(() => {
  world.dispose();
});

const invoice = (id: string): InvoiceRecord => {
  const record = world.registry.getInvoice(id);
  if (!record) throw new Error(`no invoice ${id}`);
  return record;
};
const kindOf = (id: string) => checkInvoiceNumber(world.registry, 'acme', invoice(id)).kind;

describe('checkInvoiceNumber', () => {
  it('accepts a first number, and refuses it again the same year', () => {
    const first = world.deliver('F-1');
    const second = world.deliver('F-1', 'c'.repeat(64));
    expect(kindOf(first)).toBe('new');
    const check = checkInvoiceNumber(world.registry, 'acme', invoice(second));
    expect(check.kind === 'duplicate' && check.issue.code).toBe('INVOICE_NUMBER_DUPLICATE');
  });

  it('lets a number be used again after a rejection at deposit, or in another year', () => {
    const rejected = world.deliver('F-1');
    world.db.prepare(`UPDATE invoices SET state = 'REJECTED' WHERE id = ?`).run(rejected);
    expect(kindOf(world.deliver('F-1', 'c'.repeat(64)))).toBe('new');
    const nextYear = world.deliver('F-2');
    world.db.prepare(`UPDATE invoices SET issue_date = '2027-01-05' WHERE id = ?`).run(nextYear);
    expect(kindOf(world.deliver('F-2', 'd'.repeat(64)))).toBe('new');
  });

  it('makes the resend of an A_RECYCLER invoice its recycle, once', () => {
    const original = world.deliver('F-1');
    world.db.prepare(`UPDATE invoices SET status = 'A_RECYCLER' WHERE id = ?`).run(original);
    const recycle = world.deliver('F-1', 'c'.repeat(64));
    expect(checkInvoiceNumber(world.registry, 'acme', invoice(recycle))).toEqual({
      kind: 'recycle',
      originalId: original,
    });
    world.registry.markRecycle(recycle, original);
    // Delivered, the recycle moves on (A_RECYCLER → DEPOSEE → MISE_A_DISPOSITION).
    expect(recordPlatformStatuses(world, recycle).length).toBeGreaterThan(0);
    expect(invoice(recycle).status).toBe('MISE_A_DISPOSITION');
    expect(kindOf(world.deliver('F-1', 'd'.repeat(64)))).toBe('duplicate');
  });
});
