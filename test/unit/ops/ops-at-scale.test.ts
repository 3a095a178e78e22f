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
import { SqlRegistry, type NewInvoice } from '../../../src/registry/index.js';
import { openSqlite, type SqlDatabase } from '../../../src/store/index.js';
import {
  ENGINES,
  openTestDatabase,
  useTestDatabases,
  type TestDatabase,
} from '../../support/test-databases.js';

useTestDatabases();

let dir: string;
let db: SqlDatabase;
let registry: SqlRegistry;

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
async function addFlow(index: number): Promise<string> {
  const id = flowId(index);
  await registry.createFlow({
    id,
    account: 'acme',
    fileName: `batch-${index}.zip`,
    sha256: 'a'.repeat(64),
    sizeBytes: 10,
    archivePath: `/archive/${id}`,
    receivedAt: new Date(Date.UTC(2026, 10, 24, 6, index)).toISOString(),
  });
  await registry.recordIntake(id, {
    syntax: 'ubl-invoice',
    issues: [],
    invoices: [invoice(id, 1), invoice(id, 2, 'REJECTED')],
  });
  return id;
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-ops-scale-'));
  db = openSqlite(path.join(dir, 'passerelle.db'));
  registry = new SqlRegistry(db);
  await new AccountStore(db, path.join(dir, 'homes')).add({
    login: 'acme',
    role: 'supplier',
    siret: '35600000000048',
    passwordHash: 'scrypt$not-used-here',
  });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('operator views at scale', () => {
  it('keep counts by state in step with the rows (triggers)', async () => {
    for (let index = 0; index < 3; index += 1) await addFlow(index);
    await registry.settleInvoice(`${flowId(0)}-0001`, {
      state: 'DELIVERED',
      recipientSiret: '11000201100044',
      recipientAccount: 'ministere',
      deliveredPath: '/x',
      issues: [],
    });
    expect(await countFlowsByState(db)).toEqual([{ state: 'PROCESSING', count: 3 }]);
    expect(await countInvoicesByState(db)).toEqual([
      { state: 'DELIVERED', count: 1 },
      { state: 'PENDING', count: 2 },
      { state: 'REJECTED', count: 3 },
    ]);
    expect(await registry.countFlows()).toEqual({ received: 0, processing: 3, acked: 0 });
  });

  it('page flows by keyset, newest first, and find them by file name prefix', async () => {
    for (let index = 0; index < 5; index += 1) await addFlow(index);
    const first = await searchFlows(db, { limit: 2 });
    expect(first.flows.map((flow) => flow.id)).toEqual([flowId(4), flowId(3)]);
    const second = await searchFlows(db, { limit: 2, after: first.next });
    expect(second.flows.map((flow) => flow.id)).toEqual([flowId(2), flowId(1)]);
    const last = await searchFlows(db, { limit: 2, after: second.next });
    expect(last.flows.map((flow) => flow.id)).toEqual([flowId(0)]);
    expect(last.next).toBeUndefined();
    expect(
      (await searchFlows(db, { limit: 10, fileName: 'batch-3' })).flows.map((f) => f.id),
    ).toEqual([flowId(3)]);
    expect((await searchFlows(db, { limit: 10, q: '11000201100044' })).flows).toHaveLength(5);
  });

  it('count files, invoices, rejections and error codes per partner', async () => {
    for (let index = 0; index < 2; index += 1) await addFlow(index);
    const { partners, total } = await listPartners(
      db,
      7,
      undefined,
      new Date('2026-11-25T00:00:00Z'),
    );
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

  it('close a flow with pending invoices as an incident, and refuse what cannot be closed', async () => {
    const id = await addFlow(0);
    expect(await closeFlowAsIncident(registry, id, '  ')).toEqual({
      ok: false,
      problem: 'give a reason',
    });
    expect(await closeFlowAsIncident(registry, 'nope', 'x')).toMatchObject({ ok: false });
    expect(await closeFlowAsIncident(registry, id, 'inbox broken')).toEqual({
      ok: true,
      invoices: 1,
    });
    const closed = await registry.getInvoice(`${id}-0001`);
    expect(closed?.state).toBe('INCIDENT');
    expect(closed?.issues.at(-1)?.code).toBe('PROCESSING_INCIDENT');
    expect(closed?.issues.at(-1)?.message).toContain('Reason: inbox broken');
    expect(await closeFlowAsIncident(registry, id, 'again')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('no pending invoice') as string,
    });
    await registry.markAcked(id, 'IN_INCIDENTE', '2026-11-24T07:00:00.000Z');
    expect(await closeFlowAsIncident(registry, id, 'again')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('already acknowledged') as string,
    });
    const actions = new OperatorActionStore(db);
    await actions.record('alice', 'close-flow', id, 'inbox broken');
    expect(await actions.listRecent(5)).toMatchObject([
      { operator: 'alice', action: 'close-flow', target: id },
    ]);
  });
});

describe.each(ENGINES)('partners on %s', (engine) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await openTestDatabase(engine);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('count each partner in the window: supplier by login, entity by the SIRET invoiced', async () => {
    const { db: on } = database;
    const sql = new SqlRegistry(on);
    const accounts = new AccountStore(on, path.join(dir, `homes-${engine}`));
    await accounts.add({
      login: 'acme',
      role: 'supplier',
      siret: '35600000000048',
      passwordHash: 'scrypt$not-used-here',
    });
    await accounts.add({
      login: 'ministere',
      role: 'entity',
      siret: '11000201100044',
      passwordHash: 'scrypt$not-used-here',
    });
    // Flows 0 and 1 in the window (24 November), flow 2 long before it.
    const received = [
      Date.UTC(2026, 10, 24, 6),
      Date.UTC(2026, 10, 24, 7),
      Date.UTC(2026, 9, 1, 6),
    ];
    for (const [index, at] of received.entries()) {
      const id = flowId(index);
      await sql.createFlow({
        id,
        account: 'acme',
        fileName: `batch-${index}.zip`,
        sha256: 'a'.repeat(64),
        sizeBytes: 10,
        archivePath: `/archive/${id}`,
        receivedAt: new Date(at).toISOString(),
      });
      await sql.recordIntake(id, {
        syntax: 'ubl-invoice',
        issues: [],
        invoices: [invoice(id, 1), invoice(id, 2, 'REJECTED')],
      });
    }
    await sql.settleInvoice(`${flowId(0)}-0001`, {
      state: 'DELIVERED',
      recipientSiret: '11000201100044',
      recipientAccount: 'ministere',
      deliveredPath: '/x',
      issues: [],
    });
    await sql.settleInvoice(`${flowId(1)}-0001`, {
      state: 'REJECTED',
      recipientSiret: '11000201100044',
      issues: [issueOf('XML_MALFORMED'), issueOf('XML_DOCTYPE_FORBIDDEN')],
    });
    await on.run('INSERT INTO sftp_audit (at, event, account) VALUES (?, ?, ?)', [
      '2026-11-24T05:59:00.000Z',
      'login',
      'acme',
    ]);
    const page = await listPartners(on, 7, undefined, new Date('2026-11-25T00:00:00Z'));
    expect(page.total).toBe(2);
    expect(page.partners).toMatchObject([
      {
        login: 'acme',
        role: 'supplier',
        files: 2,
        invoices: 4,
        rejected: 3,
        rejectionRate: 0.75,
        topErrors: [
          { code: 'XML_MALFORMED', count: 3 },
          { code: 'XML_DOCTYPE_FORBIDDEN', count: 1 },
        ],
        lastLogin: '2026-11-24T05:59:00.000Z',
        lastUpload: undefined,
      },
      {
        login: 'ministere',
        role: 'entity',
        files: 0,
        invoices: 4,
        rejected: 3,
        topErrors: [
          { code: 'XML_MALFORMED', count: 3 },
          { code: 'XML_DOCTYPE_FORBIDDEN', count: 1 },
        ],
        lastLogin: undefined,
      },
    ]);
    const wider = await listPartners(on, 60, undefined, new Date('2026-11-25T00:00:00Z'));
    expect(wider.partners[0]).toMatchObject({ files: 3, invoices: 5, rejected: 4 });
  });
});
