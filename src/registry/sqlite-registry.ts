import type { PushState } from './push-records.js';
import type { ValidationIssue } from '../errors/index.js';
import type { SqliteDatabase } from '../store/index.js';
import type {
  AckState,
  FlowCounts,
  FlowKind,
  FlowRecord,
  InvoiceCounts,
  FlowState,
  IntakeOutcome,
  InvoiceRecord,
  InvoiceState,
  NewFlow,
  Settlement,
} from './records.js';
import type { Registry } from './registry.js';
import type { InvoiceStatus } from '../status/index.js';
import { SqliteLifecycle } from './sqlite-lifecycle.js';

interface FlowRow {
  id: string;
  account: string;
  file_name: string;
  sha256: string;
  size_bytes: number;
  archive_path: string;
  received_at: string;
  state: FlowState;
  syntax: string | null;
  issues: string;
  ack_state: AckState | null;
  ack_at: string | null;
  updated_at: string;
  kind: FlowKind | null;
}

interface InvoiceRow {
  id: string;
  flow_id: string;
  seq: number;
  syntax: string | null;
  source_name: string;
  source_path: string;
  sha256: string;
  number: string | null;
  issue_date: string | null;
  buyer_siret: string | null;
  service_code: string | null;
  commitment_number: string | null;
  seller_id: string | null;
  seller_name: string | null;
  state: InvoiceState;
  recipient_siret: string | null;
  recipient_account: string | null;
  delivered_path: string | null;
  status: InvoiceStatus | null;
  recycled_from: string | null;
  push_state: PushState | null;
  issues: string;
  updated_at: string;
}

const orUndefined = <T>(value: T | null): T | undefined => value ?? undefined;

function toFlow(row: FlowRow): FlowRecord {
  return {
    id: row.id,
    account: row.account,
    fileName: row.file_name,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    archivePath: row.archive_path,
    receivedAt: row.received_at,
    state: row.state,
    syntax: orUndefined(row.syntax),
    issues: JSON.parse(row.issues) as ValidationIssue[],
    ackState: orUndefined(row.ack_state),
    ackAt: orUndefined(row.ack_at),
    updatedAt: row.updated_at,
    kind: orUndefined(row.kind),
  };
}

function toInvoice(row: InvoiceRow): InvoiceRecord {
  return {
    id: row.id,
    flowId: row.flow_id,
    seq: row.seq,
    syntax: orUndefined(row.syntax),
    sourceName: row.source_name,
    sourcePath: row.source_path,
    sha256: row.sha256,
    keys: {
      number: orUndefined(row.number),
      issueDate: orUndefined(row.issue_date),
      buyerSiret: orUndefined(row.buyer_siret),
      serviceCode: orUndefined(row.service_code),
      commitmentNumber: orUndefined(row.commitment_number),
      sellerId: orUndefined(row.seller_id),
      sellerName: orUndefined(row.seller_name),
    },
    state: row.state,
    recipientSiret: orUndefined(row.recipient_siret),
    recipientAccount: orUndefined(row.recipient_account),
    deliveredPath: orUndefined(row.delivered_path),
    status: orUndefined(row.status),
    recycledFrom: orUndefined(row.recycled_from),
    pushState: orUndefined(row.push_state),
    issues: JSON.parse(row.issues) as ValidationIssue[],
    updatedAt: row.updated_at,
  };
}

export class SqliteRegistry extends SqliteLifecycle implements Registry {
  readonly #db: SqliteDatabase;

  /**
   * Under WAL, `synchronous=NORMAL` survives any process crash (kill -9) but may lose the last
   * commits to a power loss. Only the creation of a flow (the moment a file is accepted) must
   * survive that too, so it alone is committed with FULL; every later state change is re-derived
   * from it by the idempotent stages and the reconciler if it were lost.
   */
  constructor(db: SqliteDatabase) {
    super(db);
    this.#db = db;
    this.#db.pragma('synchronous = NORMAL');
  }

  createFlow(flow: NewFlow): boolean {
    this.#db.pragma('synchronous = FULL');
    try {
      return this.#insertFlow(flow);
    } finally {
      this.#db.pragma('synchronous = NORMAL');
    }
  }

  createFlows(flows: readonly NewFlow[]): void {
    if (flows.length === 0) return;
    this.#db.pragma('synchronous = FULL');
    try {
      this.#db.transaction(() => {
        for (const flow of flows) this.#insertFlow(flow);
      })();
    } finally {
      this.#db.pragma('synchronous = NORMAL');
    }
  }

  #insertFlow(flow: NewFlow): boolean {
    const now = new Date().toISOString();
    return (
      this.#db
        .prepare(
          `INSERT OR IGNORE INTO flows (id, account, file_name, sha256, size_bytes, archive_path,
             received_at, state, updated_at, kind)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?)`,
        )
        .run(
          flow.id,
          flow.account,
          flow.fileName,
          flow.sha256,
          flow.sizeBytes,
          flow.archivePath,
          flow.receivedAt,
          now,
          flow.kind ?? null,
        ).changes === 1
    );
  }

  getFlow(id: string): FlowRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM flows WHERE id = ?').get(id) as FlowRow | undefined;
    return row ? toFlow(row) : undefined;
  }

  recordIntake(flowId: string, outcome: IntakeOutcome): boolean {
    const now = new Date().toISOString();
    const insert = this.#db.prepare(
      `INSERT INTO invoices (id, flow_id, seq, syntax, source_name, source_path, sha256, number, issue_date, buyer_siret,
         service_code, commitment_number, seller_id, seller_name, state, issues, updated_at)
       VALUES (@id, @flowId, @seq, @syntax, @sourceName, @sourcePath, @sha256, @number, @issueDate, @buyerSiret,
         @serviceCode, @commitmentNumber, @sellerId, @sellerName, @state, @issues, @now)`,
    );
    return this.#db.transaction((): boolean => {
      const moved = this.#db
        .prepare(
          `UPDATE flows SET state = 'PROCESSING', syntax = ?, issues = ?, updated_at = ?
           WHERE id = ? AND state = 'RECEIVED'`,
        )
        .run(outcome.syntax ?? null, JSON.stringify(outcome.issues), now, flowId).changes;
      if (moved !== 1) return false;
      for (const invoice of outcome.invoices) {
        const { keys } = invoice;
        insert.run({
          id: invoice.id,
          flowId,
          seq: invoice.seq,
          syntax: invoice.syntax ?? null,
          sourceName: invoice.sourceName,
          sourcePath: invoice.sourcePath,
          sha256: invoice.sha256,
          number: keys.number ?? null,
          issueDate: keys.issueDate ?? null,
          buyerSiret: keys.buyerSiret ?? null,
          serviceCode: keys.serviceCode ?? null,
          commitmentNumber: keys.commitmentNumber ?? null,
          sellerId: keys.sellerId ?? null,
          sellerName: keys.sellerName ?? null,
          state: invoice.state,
          issues: JSON.stringify(invoice.issues),
          now,
        });
      }
      return true;
    })();
  }

  listInvoices(flowId: string): InvoiceRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM invoices WHERE flow_id = ? ORDER BY seq')
      .all(flowId) as InvoiceRow[];
    return rows.map(toInvoice);
  }

  countInvoices(flowId: string): InvoiceCounts {
    const row = this.#db
      .prepare(
        `SELECT COUNT(*) AS total, COALESCE(SUM(state = 'PENDING'), 0) AS pending
         FROM invoices WHERE flow_id = ?`,
      )
      .get(flowId) as { total: number; pending: number };
    return { total: row.total, pending: row.pending };
  }

  listPendingInvoiceIds(flowId: string): string[] {
    const rows = this.#db
      .prepare("SELECT id FROM invoices WHERE flow_id = ? AND state = 'PENDING' ORDER BY seq")
      .all(flowId) as { id: string }[];
    return rows.map((row) => row.id);
  }

  getInvoice(id: string): InvoiceRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM invoices WHERE id = ?').get(id) as
      InvoiceRow | undefined;
    return row ? toInvoice(row) : undefined;
  }

  settleInvoice(id: string, settlement: Settlement): boolean {
    const now = new Date().toISOString();
    const delivered = settlement.state === 'DELIVERED' ? settlement : undefined;
    return this.#db.transaction((): boolean => {
      const changed = this.#db
        .prepare(
          `UPDATE invoices SET state = ?, recipient_siret = ?, recipient_account = ?,
             delivered_path = ?, push_state = ?, issues = ?, updated_at = ?
           WHERE id = ? AND state IN ('PENDING', 'INCIDENT')`,
        )
        .run(
          settlement.state,
          settlement.recipientSiret ?? null,
          delivered?.recipientAccount ?? null,
          delivered?.deliveredPath ?? null,
          delivered?.isPushOwed === true ? 'PENDING' : null,
          JSON.stringify(settlement.issues),
          now,
          id,
        ).changes;
      if (changed === 1) {
        this.#db
          .prepare(
            'UPDATE flows SET updated_at = ? WHERE id = (SELECT flow_id FROM invoices WHERE id = ?)',
          )
          .run(now, id);
      }
      return changed === 1;
    })();
  }

  markAcked(flowId: string, ackState: AckState, ackAt: string): boolean {
    return this.#db.transaction((): boolean => {
      const acked =
        this.#db
          .prepare(
            `UPDATE flows SET state = 'ACKED', ack_state = ?, ack_at = ?, updated_at = ?
             WHERE id = ? AND state = 'PROCESSING'`,
          )
          .run(ackState, ackAt, new Date().toISOString(), flowId).changes === 1;
      const account = acked ? this.getFlow(flowId)?.account : undefined;
      if (account !== undefined) this.recordFlowStatus(flowId, account);
      return acked;
    })();
  }

  listOpenFlows(before: string, limit: number): FlowRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM flows WHERE state != 'ACKED' AND updated_at < ?
         ORDER BY updated_at LIMIT ?`,
      )
      .all(before, limit) as FlowRow[];
    return rows.map(toFlow);
  }

  listRecentFlows(account: string | undefined, limit: number): FlowRecord[] {
    const rows = (
      account === undefined
        ? this.#db.prepare('SELECT * FROM flows ORDER BY received_at DESC LIMIT ?').all(limit)
        : this.#db
            .prepare('SELECT * FROM flows WHERE account = ? ORDER BY received_at DESC LIMIT ?')
            .all(account, limit)
    ) as FlowRow[];
    return rows.map(toFlow);
  }

  countFlows(): FlowCounts {
    const rows = this.#db
      // Kept by triggers (migration 7): a GROUP BY over a million flows took a second.
      .prepare(
        "SELECT state, SUM(count) AS n FROM registry_counts WHERE tbl = 'flows' GROUP BY state",
      )
      .all() as { state: FlowState; n: number }[];
    const count = (state: FlowState): number => rows.find((row) => row.state === state)?.n ?? 0;
    return { received: count('RECEIVED'), processing: count('PROCESSING'), acked: count('ACKED') };
  }

  findFlowsBySha(account: string, sha256: string): FlowRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM flows WHERE account = ? AND sha256 = ? ORDER BY received_at, id')
      .all(account, sha256) as FlowRow[];
    return rows.map(toFlow);
  }

  findInvoicesByNumber(account: string, number: string): InvoiceRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT i.* FROM invoices i JOIN flows f ON f.id = i.flow_id
         WHERE f.account = ? AND i.number = ? ORDER BY f.received_at, i.flow_id, i.seq`,
      )
      .all(account, number) as InvoiceRow[];
    return rows.map(toInvoice);
  }

  findInvoicesBySeller(sellerId: string, number: string): InvoiceRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT i.* FROM invoices i JOIN flows f ON f.id = i.flow_id
         WHERE i.seller_id = ? AND i.number = ? ORDER BY f.received_at, i.flow_id, i.seq`,
      )
      .all(sellerId, number) as InvoiceRow[];
    return rows.map(toInvoice);
  }

  findInvoicesBySupplierSiret(siret: string, number: string): InvoiceRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT i.* FROM invoices i JOIN flows f ON f.id = i.flow_id
           JOIN accounts a ON a.login = f.account
         WHERE a.siret = ? AND a.role = 'supplier' AND i.number = ?
         ORDER BY f.received_at, i.flow_id, i.seq`,
      )
      .all(siret, number) as InvoiceRow[];
    return rows.map(toInvoice);
  }

  close(): void {
    this.#db.close();
  }
}
