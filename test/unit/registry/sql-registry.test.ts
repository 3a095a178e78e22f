import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { issueOf } from '../../../src/errors/index.js';
import {
  SqlRegistry,
  type IntakeOutcome,
  type NewFlow,
  type NewInvoice,
} from '../../../src/registry/index.js';
import {
  ENGINES,
  openTestDatabase,
  useTestDatabases,
  type TestDatabase,
} from '../../support/test-databases.js';

function newFlow(id: string, overrides: Partial<NewFlow> = {}): NewFlow {
  return {
    id,
    account: 'acme',
    fileName: 'invoice.xml',
    sha256: 'a'.repeat(64),
    sizeBytes: 1234,
    archivePath: `/data/archive/${id}`,
    receivedAt: '2026-11-24T06:00:00.000Z',
    ...overrides,
  };
}

function newInvoice(flowId: string, seq: number, overrides: Partial<NewInvoice> = {}): NewInvoice {
  return {
    id: `${flowId}-${String(seq).padStart(4, '0')}`,
    seq,
    syntax: 'ubl-invoice',
    sourceName: `invoice-${seq}.xml`,
    sourcePath: `/data/archive/${flowId}`,
    sha256: 'b'.repeat(64),
    keys: { number: `F-${seq}`, buyerSiret: '11000201100044', serviceCode: 'S1' },
    state: 'PENDING',
    issues: [],
    ...overrides,
  };
}

function outcome(flowId: string, count: number): IntakeOutcome {
  return {
    syntax: 'ubl-invoice',
    issues: [],
    invoices: Array.from({ length: count }, (_, index) => newInvoice(flowId, index + 1)),
  };
}

const DELIVERED = {
  state: 'DELIVERED',
  recipientSiret: '11000201100044',
  recipientAccount: 'ministere',
  deliveredPath: '/data/homes/ministere/inbox/x.xml',
  issues: [],
} as const;

useTestDatabases();

describe.each(ENGINES)('SqlRegistry on %s', (engine) => {
  let database: TestDatabase;
  let registry: SqlRegistry;

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    registry = new SqlRegistry(database.db);
  });

  afterEach(async () => {
    vi.useRealTimers();
    await database.dispose();
  });

  /** What a restart sees: a new connection to the same database. */
  async function reopen(): Promise<void> {
    registry = new SqlRegistry(await database.openAnother());
  }

  describe('createFlow', () => {
    it('creates a RECEIVED flow with every field', async () => {
      expect(await registry.createFlow(newFlow('F1'))).toBe(true);
      expect(await registry.getFlow('F1')).toMatchObject({
        ...newFlow('F1'),
        state: 'RECEIVED',
        syntax: undefined,
        issues: [],
        ackState: undefined,
        ackAt: undefined,
      });
    });

    it('is idempotent: a second call changes nothing and returns false', async () => {
      await registry.createFlow(newFlow('F1'));
      const first = await registry.getFlow('F1');
      expect(
        await registry.createFlow(newFlow('F1', { fileName: 'other.xml', sizeBytes: 1 })),
      ).toBe(false);
      expect(await registry.getFlow('F1')).toEqual(first);
      expect(await registry.countFlows()).toEqual({ received: 1, processing: 0, acked: 0 });
    });

    it('returns undefined for an unknown flow', async () => {
      expect(await registry.getFlow('nope')).toBeUndefined();
      expect(await registry.listInvoices('nope')).toEqual([]);
      expect(await registry.getInvoice('nope')).toBeUndefined();
    });
  });

  describe('recordIntake', () => {
    it('moves RECEIVED to PROCESSING and stores the invoices in seq order', async () => {
      await registry.createFlow(newFlow('F1'));
      const intake: IntakeOutcome = {
        syntax: 'archive',
        issues: [issueOf('FILE_EMPTY')],
        invoices: [
          newInvoice('F1', 2, { state: 'REJECTED', issues: [issueOf('XML_MALFORMED')] }),
          newInvoice('F1', 1, { keys: {} }),
        ],
      };
      expect(await registry.recordIntake('F1', intake)).toBe(true);
      const flow = await registry.getFlow('F1');
      expect(flow?.state).toBe('PROCESSING');
      expect(flow?.syntax).toBe('archive');
      expect(flow?.issues).toEqual([issueOf('FILE_EMPTY')]);
      const invoices = await registry.listInvoices('F1');
      expect(invoices.map((invoice) => [invoice.seq, invoice.state])).toEqual([
        [1, 'PENDING'],
        [2, 'REJECTED'],
      ]);
      expect(invoices[0]?.keys).toEqual({
        number: undefined,
        issueDate: undefined,
        buyerSiret: undefined,
        serviceCode: undefined,
        commitmentNumber: undefined,
        sellerId: undefined,
        sellerName: undefined,
      });
      expect(invoices[1]?.keys).toMatchObject({ number: 'F-2', buyerSiret: '11000201100044' });
      expect(invoices[1]?.issues).toEqual([issueOf('XML_MALFORMED')]);
      expect(await registry.getInvoice('F1-0002')).toEqual(invoices[1]);
    });

    it('is a no-op returning false on the second call', async () => {
      await registry.createFlow(newFlow('F1'));
      expect(await registry.recordIntake('F1', outcome('F1', 2))).toBe(true);
      expect(await registry.recordIntake('F1', outcome('F1', 5))).toBe(false);
      expect(await registry.listInvoices('F1')).toHaveLength(2);
    });

    it('does nothing for an unknown or acknowledged flow', async () => {
      expect(await registry.recordIntake('ghost', outcome('ghost', 1))).toBe(false);
      expect(await registry.getInvoice('ghost-0001')).toBeUndefined();
      await registry.createFlow(newFlow('F1'));
      await registry.recordIntake('F1', outcome('F1', 0));
      await registry.markAcked('F1', 'IN_REJETE', '2026-11-24T06:01:00.000Z');
      expect(await registry.recordIntake('F1', outcome('F1', 1))).toBe(false);
      expect((await registry.getFlow('F1'))?.state).toBe('ACKED');
    });

    it('rolls back the state change when an invoice cannot be inserted', async () => {
      await registry.createFlow(newFlow('F1'));
      const clash: IntakeOutcome = {
        syntax: 'archive',
        issues: [],
        invoices: [newInvoice('F1', 1), newInvoice('F1', 1, { id: 'other-id' })],
      };
      await expect(registry.recordIntake('F1', clash)).rejects.toThrow();
      expect((await registry.getFlow('F1'))?.state).toBe('RECEIVED');
      expect(await registry.listInvoices('F1')).toEqual([]);
      expect(await registry.recordIntake('F1', outcome('F1', 1))).toBe(true);
    });
  });

  describe('settleInvoice', () => {
    beforeEach(async () => {
      await registry.createFlow(newFlow('F1'));
      await registry.recordIntake('F1', {
        syntax: 'ubl-invoice',
        issues: [],
        invoices: [newInvoice('F1', 1), newInvoice('F1', 2, { state: 'REJECTED' })],
      });
    });

    it('settles a PENDING invoice once', async () => {
      expect(await registry.settleInvoice('F1-0001', DELIVERED)).toBe(true);
      expect(await registry.getInvoice('F1-0001')).toMatchObject({
        state: 'DELIVERED',
        recipientSiret: '11000201100044',
        recipientAccount: 'ministere',
        deliveredPath: '/data/homes/ministere/inbox/x.xml',
      });
      expect(
        await registry.settleInvoice('F1-0001', {
          state: 'REJECTED',
          issues: [issueOf('FILE_EMPTY')],
        }),
      ).toBe(false);
      expect((await registry.getInvoice('F1-0001'))?.state).toBe('DELIVERED');
    });

    it('refuses an invoice rejected at intake and an unknown id', async () => {
      expect(await registry.settleInvoice('F1-0002', DELIVERED)).toBe(false);
      expect((await registry.getInvoice('F1-0002'))?.state).toBe('REJECTED');
      expect(await registry.settleInvoice('nope', DELIVERED)).toBe(false);
    });

    it('lets an INCIDENT be settled again (operator retry), then not any more', async () => {
      const incident = [issueOf('ROUTE_RECIPIENT_NO_ACCOUNT')];
      expect(
        await registry.settleInvoice('F1-0001', {
          state: 'INCIDENT',
          recipientSiret: '11000201100044',
          issues: incident,
        }),
      ).toBe(true);
      expect(await registry.getInvoice('F1-0001')).toMatchObject({
        state: 'INCIDENT',
        recipientSiret: '11000201100044',
        recipientAccount: undefined,
        deliveredPath: undefined,
        issues: incident,
      });
      expect(await registry.settleInvoice('F1-0001', DELIVERED)).toBe(true);
      expect(await registry.getInvoice('F1-0001')).toMatchObject({
        state: 'DELIVERED',
        issues: [],
      });
      expect(await registry.settleInvoice('F1-0001', { state: 'INCIDENT', issues: incident })).toBe(
        false,
      );
    });

    it('touches the flow so that it is not seen as stale', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2030-01-01T00:00:00.000Z'));
      await registry.settleInvoice('F1-0001', DELIVERED);
      expect((await registry.getFlow('F1'))?.updatedAt).toBe('2030-01-01T00:00:00.000Z');
    });
  });

  describe('markAcked', () => {
    it('only acknowledges a PROCESSING flow, once', async () => {
      await registry.createFlow(newFlow('F1'));
      expect(await registry.markAcked('F1', 'IN_INTEGRE', '2026-11-24T06:05:00.000Z')).toBe(false);
      expect((await registry.getFlow('F1'))?.state).toBe('RECEIVED');
      await registry.recordIntake('F1', outcome('F1', 1));
      expect(await registry.markAcked('F1', 'IN_INTEGRE', '2026-11-24T06:05:00.000Z')).toBe(true);
      expect(await registry.getFlow('F1')).toMatchObject({
        state: 'ACKED',
        ackState: 'IN_INTEGRE',
        ackAt: '2026-11-24T06:05:00.000Z',
      });
      expect(await registry.markAcked('F1', 'IN_REJETE', '2026-11-24T07:00:00.000Z')).toBe(false);
      expect((await registry.getFlow('F1'))?.ackState).toBe('IN_INTEGRE');
      expect(await registry.markAcked('ghost', 'IN_REJETE', '2026-11-24T07:00:00.000Z')).toBe(
        false,
      );
    });
  });

  describe('listOpenFlows and countFlows', () => {
    async function createAt(id: string, iso: string): Promise<void> {
      vi.setSystemTime(new Date(iso));
      await registry.createFlow(newFlow(id));
    }

    it('lists open flows not updated since a time, oldest first, up to a limit', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      await createAt('C', '2026-11-24T06:03:00.000Z');
      await createAt('A', '2026-11-24T06:01:00.000Z');
      await createAt('B', '2026-11-24T06:02:00.000Z');
      await createAt('D', '2026-11-24T06:04:00.000Z');
      await createAt('E', '2026-11-24T06:00:30.000Z');
      vi.setSystemTime(new Date('2026-11-24T06:00:10.000Z'));
      await registry.recordIntake('E', outcome('E', 0));
      await registry.markAcked('E', 'IN_REJETE', '2026-11-24T06:00:10.000Z');

      const ids = async (before: string, limit: number): Promise<string[]> =>
        (await registry.listOpenFlows(before, limit)).map((flow) => flow.id);
      expect(await ids('2026-11-24T06:03:30.000Z', 10)).toEqual(['A', 'B', 'C']);
      expect(await ids('2026-11-24T06:03:30.000Z', 2)).toEqual(['A', 'B']);
      expect(await ids('2026-11-24T06:01:00.000Z', 10)).toEqual([]);
      expect(await ids('2027-01-01T00:00:00.000Z', 10)).toEqual(['A', 'B', 'C', 'D']);
    });

    it('counts flows per state', async () => {
      expect(await registry.countFlows()).toEqual({ received: 0, processing: 0, acked: 0 });
      for (const id of ['F1', 'F2', 'F3', 'F4']) await registry.createFlow(newFlow(id));
      await registry.recordIntake('F2', outcome('F2', 1));
      await registry.recordIntake('F3', outcome('F3', 1));
      await registry.recordIntake('F4', outcome('F4', 0));
      await registry.markAcked('F4', 'IN_REJETE', '2026-11-24T06:05:00.000Z');
      expect(await registry.countFlows()).toEqual({ received: 1, processing: 2, acked: 1 });
    });

    it('lists recent flows by account, newest first', async () => {
      await registry.createFlow(newFlow('F1', { receivedAt: '2026-11-24T06:00:00.000Z' }));
      await registry.createFlow(newFlow('F2', { receivedAt: '2026-11-24T08:00:00.000Z' }));
      await registry.createFlow(
        newFlow('F3', { receivedAt: '2026-11-24T07:00:00.000Z', account: 'other' }),
      );
      expect((await registry.listRecentFlows(undefined, 10)).map((flow) => flow.id)).toEqual([
        'F2',
        'F3',
        'F1',
      ]);
      expect((await registry.listRecentFlows('acme', 1)).map((flow) => flow.id)).toEqual(['F2']);
      expect(await registry.listRecentFlows('nobody', 10)).toEqual([]);
    });
  });

  describe('durability', () => {
    it('keeps flows, invoices and states across a close and reopen', async () => {
      await registry.createFlow(newFlow('F1'));
      await registry.recordIntake('F1', outcome('F1', 2));
      await registry.settleInvoice('F1-0001', DELIVERED);
      await registry.createFlow(newFlow('F2'));
      await registry.recordIntake('F2', outcome('F2', 1));
      await registry.settleInvoice('F2-0001', {
        state: 'REJECTED',
        issues: [issueOf('FILE_EMPTY')],
      });
      await registry.markAcked('F2', 'IN_REJETE', '2026-11-24T06:05:00.000Z');
      const before = {
        flows: [await registry.getFlow('F1'), await registry.getFlow('F2')],
        invoices: [...(await registry.listInvoices('F1')), ...(await registry.listInvoices('F2'))],
      };

      await reopen();

      expect([await registry.getFlow('F1'), await registry.getFlow('F2')]).toEqual(before.flows);
      expect([
        ...(await registry.listInvoices('F1')),
        ...(await registry.listInvoices('F2')),
      ]).toEqual(before.invoices);
      expect(await registry.countFlows()).toEqual({ received: 0, processing: 1, acked: 1 });
      expect(await registry.createFlow(newFlow('F1'))).toBe(false);
      expect(await registry.recordIntake('F1', outcome('F1', 3))).toBe(false);
      expect(await registry.settleInvoice('F1-0001', DELIVERED)).toBe(false);
      expect(await registry.settleInvoice('F1-0002', DELIVERED)).toBe(true);
    });
  });
});
