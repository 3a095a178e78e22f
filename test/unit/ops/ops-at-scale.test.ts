import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore } from '../../../src/accounts/index.js';
import { issueOf } from '../../../src/errors/index.js';
import {
  closeFlowAsIncident,
  countFlowsByState,
  countInvoicesByState,
  listPartners,
  OperatorActionStore,
  searchFlows,
} from '../../../src/ops/index.js';
import { SqliteRegistry, type NewInvoice } from '../../../src/registry/index.js';
import { openDatabase, type SqliteDatabase } from '../../../src/store/index.js';

let dir: string;
let db: SqliteDatabase;
let registry: SqliteRegistry;

const flowId = (index: number) => `20261124-${index.toString(16).padStart(16, '0')}`;

function invoice(id: string, seq: number, state: 'PENDING' | 'REJECTED' = 'PENDING'): NewInvoice {
  return {
    id: `${id}-${String(seq).padStart(4, '0')}`,
    seq,
    syntax: 'ubl-invoice',
    sourceName: `invoice-${seq}.xml`,
    sourcePath: `/archive/${id}`,
    sha256: 'b'.repeat(64),
    keys: { number: `F-${id}-${seq}`, buyerSiret: '11000201100044' },
    state,
    issues: state === 'REJECTED' ? [issueOf('XML_MALFORMED')] : [],
  };
}

/** Flow `index`, received at minute `index`, with two invoices (the second rejected at intake). */
function addFlow(index: number): string {
  const id = flowId(index);
  registry.createFlow({
    id,
    account: 'acme',
    fileName: `batch-${index}.zip`,
    sha256: 'a'.repeat(64),
    sizeBytes: 10,
    archivePath: `/archive/${id}`,
    receivedAt: new Date(Date.UTC(2026, 10, 24, 6, index)).toISOString(),
  });
  registry.recordIntake(id, {
    syntax: 'ubl-invoice',
    issues: [],
    invoices: [invoice(id, 1), invoice(id, 2, 'REJECTED')],
  });
  return id;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-ops-scale-'));
  db = openDatabase(path.join(dir, 'passerelle.db'));
  registry = new SqliteRegistry(db);
  new AccountStore(db, path.join(dir, 'homes')).add({
    login: 'acme',
    role: 'supplier',
    siret: '35600000000048',
    passwordHash: 'scrypt$not-used-here',
  });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('operator views at scale', () => {
  it('keep counts by state in step with the rows (triggers)', () => {
    for (let index = 0; index < 3; index += 1) addFlow(index);
    registry.settleInvoice(`${flowId(0)}-0001`, {
      state: 'DELIVERED',
      recipientSiret: '11000201100044',
      recipientAccount: 'ministere',
      deliveredPath: '/x',
      issues: [],
    });
    expect(countFlowsByState(db)).toEqual([{ state: 'PROCESSING', count: 3 }]);
    expect(countInvoicesByState(db)).toEqual([
      { state: 'DELIVERED', count: 1 },
      { state: 'PENDING', count: 2 },
      { state: 'REJECTED', count: 3 },
    ]);
    expect(registry.countFlows()).toEqual({ received: 0, processing: 3, acked: 0 });
  });

  it('page flows by keyset, newest first, and find them by file name prefix', () => {
    for (let index = 0; index < 5; index += 1) addFlow(index);
    const first = searchFlows(db, { limit: 2 });
    expect(first.flows.map((flow) => flow.id)).toEqual([flowId(4), flowId(3)]);
    const second = searchFlows(db, { limit: 2, after: first.next });
    expect(second.flows.map((flow) => flow.id)).toEqual([flowId(2), flowId(1)]);
    const last = searchFlows(db, { limit: 2, after: second.next });
    expect(last.flows.map((flow) => flow.id)).toEqual([flowId(0)]);
    expect(last.next).toBeUndefined();
    expect(searchFlows(db, { limit: 10, fileName: 'batch-3' }).flows.map((f) => f.id)).toEqual([
      flowId(3),
    ]);
    expect(searchFlows(db, { limit: 10, q: '11000201100044' }).flows).toHaveLength(5);
  });

  it('count files, invoices, rejections and error codes per partner', () => {
    for (let index = 0; index < 2; index += 1) addFlow(index);
    const { partners, total } = listPartners(db, 7, undefined, new Date('2026-11-25T00:00:00Z'));
    expect(total).toBe(1);
    expect(partners[0]).toMatchObject({
      login: 'acme',
      files: 2,
      invoices: 2,
      rejected: 2,
      rejectionRate: 1,
      topErrors: [{ code: 'XML_MALFORMED', count: 2 }],
    });
  });

  it('close a flow with pending invoices as an incident, and refuse what cannot be closed', () => {
    const id = addFlow(0);
    expect(closeFlowAsIncident(registry, id, '  ')).toEqual({
      ok: false,
      problem: 'give a reason',
    });
    expect(closeFlowAsIncident(registry, 'nope', 'x')).toMatchObject({ ok: false });
    expect(closeFlowAsIncident(registry, id, 'inbox broken')).toEqual({ ok: true, invoices: 1 });
    const closed = registry.getInvoice(`${id}-0001`);
    expect(closed?.state).toBe('INCIDENT');
    expect(closed?.issues.at(-1)?.code).toBe('PROCESSING_INCIDENT');
    expect(closed?.issues.at(-1)?.message).toContain('Reason: inbox broken');
    expect(closeFlowAsIncident(registry, id, 'again')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('no pending invoice') as string,
    });
    registry.markAcked(id, 'IN_INCIDENTE', '2026-11-24T07:00:00.000Z');
    expect(closeFlowAsIncident(registry, id, 'again')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('already acknowledged') as string,
    });
    const actions = new OperatorActionStore(db);
    actions.record('alice', 'close-flow', id, 'inbox broken');
    expect(actions.listRecent(5)).toMatchObject([
      { operator: 'alice', action: 'close-flow', target: id },
    ]);
  });
});
