/**
 * The lifecycle half of the SQLite registry (its base class, sharing its connection): statuses, their history, the per-account feed of
 * status files and the stored results of incoming status lines. Every change is one
 * transaction guarded by `WHERE status IS <the status it was decided from>`, so a replayed or
 * concurrent change applies once at most.
 */
import type { Actor, InvoiceStatus, StatusFileFormat } from '../status/index.js';
import { flowStatusFileName, statusFileName } from '../status/index.js';
import type { AckLanguage } from '../errors/index.js';
import type { SqliteDatabase } from '../store/index.js';
import type {
  RecordedStatusChange,
  StatusChange,
  StatusFeedRecord,
  StatusFormatPreference,
  StatusHistoryRecord,
  StatusLineRecord,
} from './lifecycle-records.js';
import type { PushState } from './push-records.js';
import { SqlitePushRecords } from './sqlite-push.js';

interface HistoryRow {
  id: number;
  invoice_id: string;
  status: InvoiceStatus;
  previous: InvoiceStatus | null;
  reform_code: string;
  actor: Actor;
  actor_account: string | null;
  reason: string | null;
  reason_code: string | null;
  changed_at: string;
}

interface FeedRow {
  account: string;
  seq: number;
  format: StatusFileFormat;
  invoice_id: string | null;
  history_id: number | null;
  flow_id: string | null;
  file_name: string;
  written: number;
  push_state: PushState | null;
}

function toHistory(row: HistoryRow): StatusHistoryRecord {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    status: row.status,
    previous: row.previous,
    reformCode: row.reform_code,
    actor: row.actor,
    actorAccount: row.actor_account ?? undefined,
    reason: row.reason ?? undefined,
    reasonCode: row.reason_code ?? undefined,
    changedAt: row.changed_at,
  };
}

function toFeed(row: FeedRow): StatusFeedRecord {
  return {
    account: row.account,
    seq: row.seq,
    format: row.format,
    ...(row.invoice_id === null ? {} : { invoiceId: row.invoice_id }),
    ...(row.history_id === null ? {} : { historyId: row.history_id }),
    ...(row.flow_id === null ? {} : { flowId: row.flow_id }),
    fileName: row.file_name,
    isWritten: row.written === 1,
    pushState: row.push_state ?? undefined,
  };
}

function formatsOf(preference: StatusFormatPreference): StatusFileFormat[] {
  return preference === 'both' ? ['xml', 'cdar'] : [preference];
}

export class SqliteLifecycle extends SqlitePushRecords {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    super(db);
    this.#db = db;
  }

  recordStatusChange(
    change: StatusChange,
    line?: StatusLineRecord,
  ): RecordedStatusChange | undefined {
    const db = this.#db;
    return db.transaction((): RecordedStatusChange | undefined => {
      const moved = db
        .prepare('UPDATE invoices SET status = ?, updated_at = ? WHERE id = ? AND status IS ?')
        .run(change.to, new Date().toISOString(), change.invoiceId, change.from).changes;
      if (moved !== 1) return undefined;
      const historyId = Number(
        db
          .prepare(
            `INSERT INTO status_history (invoice_id, status, previous, reform_code, actor,
               actor_account, reason, reason_code, changed_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            change.invoiceId,
            change.to,
            change.from,
            change.reformCode,
            change.actor,
            change.actorAccount ?? null,
            change.reason ?? null,
            change.reasonCode ?? null,
            change.changedAt,
          ).lastInsertRowid,
      );
      const feed: StatusFeedRecord[] = [];
      for (const account of new Set(change.notify)) {
        const seq = this.#nextSeq(account);
        for (const format of formatsOf(this.getStatusFormat(account))) {
          const fileName = statusFileName({ sequence: seq, invoiceId: change.invoiceId }, format);
          db.prepare(
            `INSERT INTO status_feed (account, seq, format, invoice_id, history_id, file_name)
             VALUES (?, ?, ?, ?, ?, ?)`,
          ).run(account, seq, format, change.invoiceId, historyId, fileName);
          feed.push({
            account,
            seq,
            format,
            invoiceId: change.invoiceId,
            historyId,
            fileName,
            isWritten: false,
          });
        }
      }
      if (line) this.#insertLine(line);
      const history = this.getHistoryEntry(historyId);
      if (!history) throw new Error(`status history ${historyId} vanished`);
      return { history, feed };
    })();
  }

  /**
   * Records the flow-level status owed for a deposited file, once: only accounts that chose
   * CPP Statut get one. Called in the transaction that acknowledges the flow, so that the
   * acknowledgement and its status file are never one without the other.
   */
  recordFlowStatus(flowId: string, account: string): void {
    if (this.getStatusFormat(account) !== 'cppstatut') return;
    const known = this.#db.prepare('SELECT 1 FROM status_feed WHERE flow_id = ?').get(flowId);
    if (known !== undefined) return;
    const seq = this.#nextSeq(account);
    this.#db
      .prepare(
        `INSERT INTO status_feed (account, seq, format, flow_id, file_name)
         VALUES (?, ?, 'cppstatut', ?, ?)`,
      )
      .run(account, seq, flowId, flowStatusFileName(seq, flowId));
  }

  getFlowStatusFeed(flowId: string): StatusFeedRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM status_feed WHERE flow_id = ?')
      .all(flowId) as FeedRow[];
    return rows.map(toFeed);
  }

  #nextSeq(account: string): number {
    const row = this.#db
      .prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM status_feed WHERE account = ?')
      .get(account) as { next: number };
    return row.next;
  }

  #insertLine(line: StatusLineRecord): boolean {
    return (
      this.#db
        .prepare(
          'INSERT OR IGNORE INTO status_update_lines (flow_id, idx, result) VALUES (?, ?, ?)',
        )
        .run(line.flowId, line.index, line.result).changes === 1
    );
  }

  markRecycle(invoiceId: string, originalId: string): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE invoices SET recycled_from = ?, status = 'A_RECYCLER', updated_at = ?
           WHERE id = ? AND status IS NULL AND recycled_from IS NULL`,
        )
        .run(originalId, new Date().toISOString(), invoiceId).changes === 1
    );
  }

  recordStatusLine(line: StatusLineRecord): boolean {
    return this.#insertLine(line);
  }

  listStatusLines(flowId: string): StatusLineRecord[] {
    const rows = this.#db
      .prepare(
        'SELECT flow_id, idx, result FROM status_update_lines WHERE flow_id = ? ORDER BY idx',
      )
      .all(flowId) as { flow_id: string; idx: number; result: string }[];
    return rows.map((row) => ({ flowId: row.flow_id, index: row.idx, result: row.result }));
  }

  getStatusHistory(invoiceId: string): StatusHistoryRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM status_history WHERE invoice_id = ? ORDER BY id')
      .all(invoiceId) as HistoryRow[];
    return rows.map(toHistory);
  }

  getHistoryEntry(id: number): StatusHistoryRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM status_history WHERE id = ?').get(id) as
      HistoryRow | undefined;
    return row ? toHistory(row) : undefined;
  }

  listStatusFeed(account: string, afterSeq: number): StatusFeedRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM status_feed WHERE account = ? AND seq > ? ORDER BY seq, format')
      .all(account, afterSeq) as FeedRow[];
    return rows.map(toFeed);
  }

  getStatusFeedEntry(account: string, seq: number): StatusFeedRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM status_feed WHERE account = ? AND seq = ? ORDER BY format')
      .all(account, seq) as FeedRow[];
    return rows.map(toFeed);
  }

  listUnwrittenFeed(limit: number): StatusFeedRecord[] {
    const rows = this.#db
      .prepare('SELECT * FROM status_feed WHERE written = 0 ORDER BY account, seq, format LIMIT ?')
      .all(limit) as FeedRow[];
    return rows.map(toFeed);
  }

  markFeedWritten(
    account: string,
    seq: number,
    format: StatusFileFormat,
    isPushOwed = false,
  ): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE status_feed SET written = 1,
             push_state = CASE WHEN ? = 1 THEN 'PENDING' ELSE push_state END
           WHERE account = ? AND seq = ? AND format = ? AND written = 0`,
        )
        .run(isPushOwed ? 1 : 0, account, seq, format).changes === 1
    );
  }

  getLanguage(login: string): AckLanguage {
    const row = this.#db.prepare('SELECT language FROM accounts WHERE login = ?').get(login) as
      { language: AckLanguage } | undefined;
    return row?.language ?? 'fr';
  }

  setLanguage(login: string, language: AckLanguage): boolean {
    return (
      this.#db.prepare('UPDATE accounts SET language = ? WHERE login = ?').run(language, login)
        .changes === 1
    );
  }

  getStatusFormat(login: string): StatusFormatPreference {
    const row = this.#db
      .prepare('SELECT status_format FROM accounts WHERE login = ?')
      .get(login) as { status_format: StatusFormatPreference } | undefined;
    return row?.status_format ?? 'xml';
  }

  setStatusFormat(login: string, preference: StatusFormatPreference): boolean {
    return (
      this.#db
        .prepare('UPDATE accounts SET status_format = ? WHERE login = ?')
        .run(preference, login).changes === 1
    );
  }
}
