import type { SqlDatabase, SqlExecutor } from '../store/index.js';
import type {
  AckState,
  FlowCounts,
  FlowRecord,
  FlowState,
  IntakeOutcome,
  InvoiceCounts,
  InvoiceRecord,
  NewFlow,
  NewInvoice,
  Settlement,
} from './records.js';
import type { Registry } from './registry.js';
import { toFlow, toInvoice, type FlowRow, type InvoiceRow } from './registry-rows.js';
import { SqlLifecycle } from './sql-lifecycle.js';

const INSERT_FLOW = `INSERT INTO flows (id, account, file_name, sha256, size_bytes, archive_path,
    received_at, state, updated_at, kind)
  VALUES (?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?) ON CONFLICT DO NOTHING`;

const INSERT_INVOICE = `INSERT INTO invoices (id, flow_id, seq, syntax, source_name, source_path, sha256,
    number, issue_date, buyer_siret, service_code, commitment_number, seller_id, seller_name, state,
    issues, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function insertInvoice(tx: SqlExecutor, flowId: string, invoice: NewInvoice, now: string) {
  const { keys } = invoice;
  return tx.run(INSERT_INVOICE, [
    invoice.id,
    flowId,
    invoice.seq,
    invoice.syntax ?? null,
    invoice.sourceName,
    invoice.sourcePath,
    invoice.sha256,
    keys.number ?? null,
    keys.issueDate ?? null,
    keys.buyerSiret ?? null,
    keys.serviceCode ?? null,
    keys.commitmentNumber ?? null,
    keys.sellerId ?? null,
    keys.sellerName ?? null,
    invoice.state,
    JSON.stringify(invoice.issues),
    now,
  ]);
}

/**
 * The registry on either database (SQLite or PostgreSQL), written once in portable SQL.
 * Every method is one statement or one transaction; guards in the WHERE clauses (`state =
 * 'RECEIVED'`...) make a replayed or concurrent call change nothing.
 */
export class SqlRegistry extends SqlLifecycle implements Registry {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    super(db);
    this.#db = db;
  }

  /** The creation of a flow (the moment a file is accepted) is the one durable commit. */
  async createFlow(flow: NewFlow): Promise<boolean> {
    return this.#db.transaction(async (tx) => this.#insertFlow(tx, flow), { durable: true });
  }

  async createFlows(flows: readonly NewFlow[]): Promise<void> {
    if (flows.length === 0) return;
    await this.#db.transaction(
      async (tx) => {
        for (const flow of flows) await this.#insertFlow(tx, flow);
      },
      { durable: true },
    );
  }

  async #insertFlow(tx: SqlExecutor, flow: NewFlow): Promise<boolean> {
    const result = await tx.run(INSERT_FLOW, [
      flow.id,
      flow.account,
      flow.fileName,
      flow.sha256,
      flow.sizeBytes,
      flow.archivePath,
      flow.receivedAt,
      new Date().toISOString(),
      flow.kind ?? null,
    ]);
    return result.changes === 1;
  }

  async getFlow(id: string): Promise<FlowRecord | undefined> {
    const row = await this.#db.get<FlowRow>('SELECT * FROM flows WHERE id = ?', [id]);
    return row ? toFlow(row) : undefined;
  }

  recordIntake(flowId: string, outcome: IntakeOutcome): Promise<boolean> {
    const now = new Date().toISOString();
    return this.#db.transaction(async (tx) => {
      const moved = await tx.run(
        `UPDATE flows SET state = 'PROCESSING', syntax = ?, issues = ?, updated_at = ?
         WHERE id = ? AND state = 'RECEIVED'`,
        [outcome.syntax ?? null, JSON.stringify(outcome.issues), now, flowId],
      );
      if (moved.changes !== 1) return false;
      for (const invoice of outcome.invoices) await insertInvoice(tx, flowId, invoice, now);
      return true;
    });
  }

  async listInvoices(flowId: string): Promise<InvoiceRecord[]> {
    const rows = await this.#db.all<InvoiceRow>(
      'SELECT * FROM invoices WHERE flow_id = ? ORDER BY seq',
      [flowId],
    );
    return rows.map(toInvoice);
  }

  async countInvoices(flowId: string): Promise<InvoiceCounts> {
    const row = await this.#db.get<{ total: number; pending: number }>(
      `SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN state = 'PENDING' THEN 1 ELSE 0 END), 0) AS pending
       FROM invoices WHERE flow_id = ?`,
      [flowId],
    );
    return { total: row?.total ?? 0, pending: row?.pending ?? 0 };
  }

  async listPendingInvoiceIds(flowId: string): Promise<string[]> {
    const rows = await this.#db.all<{ id: string }>(
      "SELECT id FROM invoices WHERE flow_id = ? AND state = 'PENDING' ORDER BY seq",
      [flowId],
    );
    return rows.map((row) => row.id);
  }

  async getInvoice(id: string): Promise<InvoiceRecord | undefined> {
    const row = await this.#db.get<InvoiceRow>('SELECT * FROM invoices WHERE id = ?', [id]);
    return row ? toInvoice(row) : undefined;
  }

  /**
   * The flow's `updated_at` (the reconciler's heartbeat) is bumped after the invoice's own
   * commit, not in its transaction: the invoices of a batch settle in parallel, and holding the
   * flow's row across a round trip would make them take turns on it (PostgreSQL). Lost in a
   * crash, the bump only makes the reconciler look at the flow sooner.
   */
  async settleInvoice(id: string, settlement: Settlement): Promise<boolean> {
    const now = new Date().toISOString();
    const delivered = settlement.state === 'DELIVERED' ? settlement : undefined;
    const changed = await this.#db.run(
      `UPDATE invoices SET state = ?, recipient_siret = ?, recipient_account = ?,
         delivered_path = ?, push_state = ?, issues = ?, updated_at = ?
       WHERE id = ? AND state IN ('PENDING', 'INCIDENT')`,
      [
        settlement.state,
        settlement.recipientSiret ?? null,
        delivered?.recipientAccount ?? null,
        delivered?.deliveredPath ?? null,
        delivered?.isPushOwed === true ? 'PENDING' : null,
        JSON.stringify(settlement.issues),
        now,
        id,
      ],
    );
    if (changed.changes !== 1) return false;
    await this.#db.run(
      `UPDATE flows SET updated_at = ?
       WHERE id = (SELECT flow_id FROM invoices WHERE id = ?) AND updated_at < ?`,
      [now, id, now],
    );
    return true;
  }

  markAcked(flowId: string, ackState: AckState, ackAt: string): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      const acked = await tx.get<{ account: string }>(
        `UPDATE flows SET state = 'ACKED', ack_state = ?, ack_at = ?, updated_at = ?
         WHERE id = ? AND state = 'PROCESSING' RETURNING account`,
        [ackState, ackAt, new Date().toISOString(), flowId],
      );
      if (acked === undefined) return false;
      await this.recordFlowStatus(tx, flowId, acked.account);
      return true;
    });
  }

  async listOpenFlows(before: string, limit: number): Promise<FlowRecord[]> {
    const rows = await this.#db.all<FlowRow>(
      `SELECT * FROM flows WHERE state != 'ACKED' AND updated_at < ?
       ORDER BY updated_at LIMIT ?`,
      [before, limit],
    );
    return rows.map(toFlow);
  }

  async listRecentFlows(account: string | undefined, limit: number): Promise<FlowRecord[]> {
    const rows =
      account === undefined
        ? await this.#db.all<FlowRow>('SELECT * FROM flows ORDER BY received_at DESC LIMIT ?', [
            limit,
          ])
        : await this.#db.all<FlowRow>(
            'SELECT * FROM flows WHERE account = ? ORDER BY received_at DESC LIMIT ?',
            [account, limit],
          );
    return rows.map(toFlow);
  }

  async countFlows(): Promise<FlowCounts> {
    // On SQLite, kept by triggers (migration 9): a GROUP BY over a million flows took a second.
    const rows = await this.#db.all<{ state: FlowState; n: number }>(
      this.#db.dialect === 'sqlite'
        ? "SELECT state, SUM(count) AS n FROM registry_counts WHERE tbl = 'flows' GROUP BY state"
        : 'SELECT state, COUNT(*) AS n FROM flows GROUP BY state',
    );
    const count = (state: FlowState): number => rows.find((row) => row.state === state)?.n ?? 0;
    return { received: count('RECEIVED'), processing: count('PROCESSING'), acked: count('ACKED') };
  }

  async findFlowsBySha(account: string, sha256: string): Promise<FlowRecord[]> {
    const rows = await this.#db.all<FlowRow>(
      'SELECT * FROM flows WHERE account = ? AND sha256 = ? ORDER BY received_at, id',
      [account, sha256],
    );
    return rows.map(toFlow);
  }

  async findInvoicesByNumber(account: string, number: string): Promise<InvoiceRecord[]> {
    const rows = await this.#db.all<InvoiceRow>(
      `SELECT i.* FROM invoices i JOIN flows f ON f.id = i.flow_id
       WHERE f.account = ? AND i.number = ? ORDER BY f.received_at, i.flow_id, i.seq`,
      [account, number],
    );
    return rows.map(toInvoice);
  }

  async findInvoicesBySeller(sellerId: string, number: string): Promise<InvoiceRecord[]> {
    const rows = await this.#db.all<InvoiceRow>(
      `SELECT i.* FROM invoices i JOIN flows f ON f.id = i.flow_id
       WHERE i.seller_id = ? AND i.number = ? ORDER BY f.received_at, i.flow_id, i.seq`,
      [sellerId, number],
    );
    return rows.map(toInvoice);
  }

  async findInvoicesBySupplierSiret(siret: string, number: string): Promise<InvoiceRecord[]> {
    const rows = await this.#db.all<InvoiceRow>(
      `SELECT i.* FROM invoices i JOIN flows f ON f.id = i.flow_id
         JOIN accounts a ON a.login = f.account
       WHERE a.siret = ? AND a.role = 'supplier' AND i.number = ?
       ORDER BY f.received_at, i.flow_id, i.seq`,
      [siret, number],
    );
    return rows.map(toInvoice);
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}
