/**
 * The lifecycle half of the registry (its base class, sharing its connection): statuses, their history, the per-account feed of
 * status files and the stored results of incoming status lines. Every change is one
 * transaction guarded by `WHERE status IS NOT DISTINCT FROM <the status it was decided from>`, so a replayed or
 * concurrent change applies once at most.
 */
import type { Actor, InvoiceStatus, StatusFileFormat } from '../status/index.js';
import { flowStatusFileName, statusFileName } from '../status/file-name/index.js';
import type { AckLanguage } from '../errors/index.js';
import { isUniqueViolation, type SqlDatabase, type SqlExecutor } from '../store/index.js';
import type {
  RecordedStatusChange,
  StatusChange,
  StatusFeedRecord,
  StatusFormatPreference,
  StatusHistoryRecord,
  StatusLineRecord,
} from './lifecycle-records.js';
import type { PushState } from './push-records.js';
import { SqlPushRecords } from './sql-push.js';

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

/**
 * The next number of `account`'s feed: a counter row bumped in the change's transaction. The
 * row lock serialises concurrent writers for one account (across processes on PostgreSQL),
 * and a rolled-back change gives its number back, so the sequence stays gapless and unique.
 */
const NEXT_FEED_SEQ = `INSERT INTO status_feed_counters (account, last_seq) VALUES (?, 1)
  ON CONFLICT (account) DO UPDATE SET last_seq = status_feed_counters.last_seq + 1
  RETURNING last_seq`;

export class SqlLifecycle extends SqlPushRecords {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    super(db);
    this.#db = db;
  }

  recordStatusChange(
    change: StatusChange,
    line?: StatusLineRecord,
  ): Promise<RecordedStatusChange | undefined> {
    return this.#db.transaction(async (tx) => {
      const moved = await tx.run(
        'UPDATE invoices SET status = ?, updated_at = ? WHERE id = ? AND status IS NOT DISTINCT FROM ?',
        [change.to, new Date().toISOString(), change.invoiceId, change.from],
      );
      if (moved.changes !== 1) return undefined;
      const inserted = await tx.get<HistoryRow>(
        `INSERT INTO status_history (invoice_id, status, previous, reform_code, actor,
           actor_account, reason, reason_code, changed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [
          change.invoiceId,
          change.to,
          change.from,
          change.reformCode,
          change.actor,
          change.actorAccount ?? null,
          change.reason ?? null,
          change.reasonCode ?? null,
          change.changedAt,
        ],
      );
      if (!inserted) throw new Error(`status history of ${change.invoiceId} not written`);
      const history = toHistory(inserted);
      const feed: StatusFeedRecord[] = [];
      for (const account of new Set(change.notify)) {
        const counter = await tx.get<{ last_seq: number }>(NEXT_FEED_SEQ, [account]);
        const seq = counter?.last_seq ?? 1;
        for (const format of formatsOf(await statusFormatOf(tx, account))) {
          const fileName = statusFileName({ sequence: seq, invoiceId: change.invoiceId }, format);
          await tx.run(
            `INSERT INTO status_feed (account, seq, format, invoice_id, history_id, file_name)
             VALUES (?, ?, ?, ?, ?, ?)`,
            [account, seq, format, change.invoiceId, history.id, fileName],
          );
          feed.push({
            account,
            seq,
            format,
            invoiceId: change.invoiceId,
            historyId: history.id,
            fileName,
            isWritten: false,
          });
        }
      }
      if (line) await insertLine(tx, line);
      return { history, feed };
    });
  }

  /**
   * Records the flow-level status owed for a deposited file, once: only accounts that chose
   * CPP Statut get one. Called in the transaction that acknowledges the flow (`tx`), so that
   * the acknowledgement and its status file are never one without the other.
   */
  protected async recordFlowStatus(
    tx: SqlExecutor,
    flowId: string,
    account: string,
  ): Promise<void> {
    if ((await statusFormatOf(tx, account)) !== 'cppstatut') return;
    const known = await tx.get('SELECT 1 AS found FROM status_feed WHERE flow_id = ?', [flowId]);
    if (known !== undefined) return;
    const counter = await tx.get<{ last_seq: number }>(NEXT_FEED_SEQ, [account]);
    const seq = counter?.last_seq ?? 1;
    await tx.run(
      `INSERT INTO status_feed (account, seq, format, flow_id, file_name)
       VALUES (?, ?, 'cppstatut', ?, ?)`,
      [account, seq, flowId, flowStatusFileName(seq, flowId)],
    );
  }

  async getFlowStatusFeed(flowId: string): Promise<StatusFeedRecord[]> {
    const rows = await this.#db.all<FeedRow>('SELECT * FROM status_feed WHERE flow_id = ?', [
      flowId,
    ]);
    return rows.map(toFeed);
  }

  async markRecycle(invoiceId: string, originalId: string): Promise<boolean> {
    try {
      const result = await this.#db.run(
        `UPDATE invoices SET recycled_from = ?, status = 'A_RECYCLER', updated_at = ?
         WHERE id = ? AND status IS NULL AND recycled_from IS NULL`,
        [originalId, new Date().toISOString(), invoiceId],
      );
      return result.changes === 1;
    } catch (error) {
      // Another invoice became the recycle first (unique index invoices_one_recycle).
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  recordStatusLine(line: StatusLineRecord): Promise<boolean> {
    return insertLine(this.#db, line);
  }

  async listStatusLines(flowId: string): Promise<StatusLineRecord[]> {
    const rows = await this.#db.all<{ flow_id: string; idx: number; result: string }>(
      'SELECT flow_id, idx, result FROM status_update_lines WHERE flow_id = ? ORDER BY idx',
      [flowId],
    );
    return rows.map((row) => ({ flowId: row.flow_id, index: row.idx, result: row.result }));
  }

  async getStatusHistory(invoiceId: string): Promise<StatusHistoryRecord[]> {
    const rows = await this.#db.all<HistoryRow>(
      'SELECT * FROM status_history WHERE invoice_id = ? ORDER BY id',
      [invoiceId],
    );
    return rows.map(toHistory);
  }

  async getHistoryEntry(id: number): Promise<StatusHistoryRecord | undefined> {
    const row = await this.#db.get<HistoryRow>('SELECT * FROM status_history WHERE id = ?', [id]);
    return row ? toHistory(row) : undefined;
  }

  async listStatusFeed(account: string, afterSeq: number): Promise<StatusFeedRecord[]> {
    const rows = await this.#db.all<FeedRow>(
      'SELECT * FROM status_feed WHERE account = ? AND seq > ? ORDER BY seq, format',
      [account, afterSeq],
    );
    return rows.map(toFeed);
  }

  async getStatusFeedEntry(account: string, seq: number): Promise<StatusFeedRecord[]> {
    const rows = await this.#db.all<FeedRow>(
      'SELECT * FROM status_feed WHERE account = ? AND seq = ? ORDER BY format',
      [account, seq],
    );
    return rows.map(toFeed);
  }

  async listUnwrittenFeed(limit: number): Promise<StatusFeedRecord[]> {
    const rows = await this.#db.all<FeedRow>(
      'SELECT * FROM status_feed WHERE written = 0 ORDER BY account, seq, format LIMIT ?',
      [limit],
    );
    return rows.map(toFeed);
  }

  async markFeedWritten(
    account: string,
    seq: number,
    format: StatusFileFormat,
    isPushOwed = false,
  ): Promise<boolean> {
    const result = await this.#db.run(
      `UPDATE status_feed SET written = 1,
         push_state = CASE WHEN ? = 1 THEN 'PENDING' ELSE push_state END
       WHERE account = ? AND seq = ? AND format = ? AND written = 0`,
      [isPushOwed ? 1 : 0, account, seq, format],
    );
    return result.changes === 1;
  }

  async getLanguage(login: string): Promise<AckLanguage> {
    const row = await this.#db.get<{ language: AckLanguage }>(
      'SELECT language FROM accounts WHERE login = ?',
      [login],
    );
    return row?.language ?? 'fr';
  }

  async setLanguage(login: string, language: AckLanguage): Promise<boolean> {
    const result = await this.#db.run('UPDATE accounts SET language = ? WHERE login = ?', [
      language,
      login,
    ]);
    return result.changes === 1;
  }

  getStatusFormat(login: string): Promise<StatusFormatPreference> {
    return statusFormatOf(this.#db, login);
  }

  async setStatusFormat(login: string, preference: StatusFormatPreference): Promise<boolean> {
    const result = await this.#db.run('UPDATE accounts SET status_format = ? WHERE login = ?', [
      preference,
      login,
    ]);
    return result.changes === 1;
  }
}

async function statusFormatOf(on: SqlExecutor, login: string): Promise<StatusFormatPreference> {
  const row = await on.get<{ status_format: StatusFormatPreference }>(
    'SELECT status_format FROM accounts WHERE login = ?',
    [login],
  );
  return row?.status_format ?? 'xml';
}

async function insertLine(on: SqlExecutor, line: StatusLineRecord): Promise<boolean> {
  const result = await on.run(
    'INSERT INTO status_update_lines (flow_id, idx, result) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    [line.flowId, line.index, line.result],
  );
  return result.changes === 1;
}
