/**
 * The operator views and the audit and operator stores run their own SQL: each is run on both
 * engines against the same small registry, and must give the same answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditStore } from '../../../src/audit/index.js';
import {
  countAcksByState,
  countFlowsByState,
  countInvoicesByState,
  describeEntity,
  describeInvoice,
  findInvoiceIds,
  listEntities,
  oldestOpenFlow,
  OperatorStore,
  readOverview,
  searchFlows,
} from '../../../src/ops/index.js';
import {
  ENGINES,
  openTestDatabase,
  useTestDatabases,
  type TestDatabase,
} from '../../support/test-databases.js';
import { ENTITY_SIRET, LifecycleWorld, SUPPLIER_SIRET } from '../lifecycle/lifecycle-world.js';

useTestDatabases();

describe.each(ENGINES)('operator views on %s', (engine) => {
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

  it('finds, counts and describes flows, invoices and entities', async () => {
    const id = await world.deliver('FA-1');
    await world.deliver('FA-2');
    const stores = {
      db: world.db,
      registry: world.registry,
      accounts: world.accounts,
      directory: world.directory,
    };
    expect(await findInvoiceIds(stores, 'FA-1')).toEqual([id]);
    expect(await findInvoiceIds(stores, 'FA-1', SUPPLIER_SIRET)).toEqual([id]);
    const view = await describeInvoice(stores, id);
    expect(view).toMatchObject({ supplierSiret: SUPPLIER_SIRET, recipientName: 'Ministère' });
    expect(view?.downloads).toEqual([]);
    const page = await searchFlows(world.db, { q: 'FA-2', limit: 10 });
    expect(page.flows).toHaveLength(1);
    expect(page.flows[0]).toMatchObject({ account: 'acme', invoices: 1 });
    const bySiret = await searchFlows(world.db, { q: ENTITY_SIRET, limit: 1 });
    expect(bySiret).toMatchObject({ hasMore: true });
    expect(await countFlowsByState(world.db)).toEqual([{ state: 'PROCESSING', count: 2 }]);
    expect(await countInvoicesByState(world.db)).toEqual([{ state: 'DELIVERED', count: 2 }]);
    expect(await countAcksByState(world.db)).toEqual([]);
    expect((await oldestOpenFlow(world.db))?.state).toBe('PROCESSING');
    const overview = await readOverview(world.db, new Date('2026-11-24T06:30:00.000Z'));
    expect(overview.invoicesPerMinute).toEqual([{ minute: '2026-11-24T06:00', count: 2 }]);
    expect(await listEntities(stores, { search: 'minist', limit: 10 })).toMatchObject([
      { siret: ENTITY_SIRET, services: 0, account: 'ministere' },
    ]);
    expect((await describeEntity(stores, ENTITY_SIRET))?.account?.login).toBe('ministere');
  });

  it('keeps the audit trail and the operators', async () => {
    const audit = new AuditStore(world.db, 60_000);
    audit.record({ event: 'login', account: 'acme', port: 22, result: 'ok' });
    audit.record({ event: 'download', account: 'ministere', file: '/inbox/x.xml', bytes: 10 });
    await audit.flush();
    expect((await audit.query({ account: 'ministere' })).map((row) => row.event)).toEqual([
      'download',
    ]);
    expect(await audit.query({ limit: 1 })).toMatchObject([{ event: 'download', bytes: 10 }]);
    const operators = new OperatorStore(world.db);
    await operators.add('alice', 'operator', 'correct horse battery');
    expect(await operators.list()).toMatchObject([{ name: 'alice', role: 'operator' }]);
    expect(await operators.get('alice')).toHaveProperty('createdAt');
    expect(await operators.remove('alice')).toBe(true);
  });
});
