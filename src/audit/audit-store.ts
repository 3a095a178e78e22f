/**
 * The SFTP audit trail in the registry database (table `sftp_audit`, migration 4).
 * Events are buffered and written in one transaction per tick (`flushIntervalMs`), so a busy
 * front costs one fsync per tick, not one per event. `flush` is called at shutdown.
 */
import type { SqlDatabase } from '../store/index.js';
import type { AuditEvent, AuditRecord, AuditSink } from './audit-event.js';

export interface AuditQuery {
  readonly account?: string | undefined;
  /** ISO 8601 lower bound, inclusive. */
  readonly since?: string | undefined;
  readonly limit?: number | undefined;
}

interface AuditRow {
  id: number;
  at: string;
  event: AuditRecord['event'];
  account: string | null;
  address: string | null;
  port: number | null;
  method: string | null;
  result: string | null;
  file: string | null;
  bytes: number | null;
  detail: string | null;
}

function toRecord(row: AuditRow): AuditRecord {
  const optional = (key: string, value: string | number | null) =>
    value === null ? {} : { [key]: value };
  return {
    id: row.id,
    at: row.at,
    event: row.event,
    ...optional('account', row.account),
    ...optional('address', row.address),
    ...optional('port', row.port),
    ...optional('method', row.method),
    ...optional('result', row.result),
    ...optional('file', row.file),
    ...optional('bytes', row.bytes),
    ...optional('detail', row.detail),
  };
}

export class AuditStore implements AuditSink {
  readonly #db: SqlDatabase;
  readonly #flushIntervalMs: number;
  #pending: (AuditEvent & { readonly at: string })[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(db: SqlDatabase, flushIntervalMs = 200) {
    this.#db = db;
    this.#flushIntervalMs = flushIntervalMs;
  }

  record(event: AuditEvent): void {
    this.#pending.push({ ...event, at: new Date().toISOString() });
    this.#timer ??= setTimeout(() => {
      void this.flush().catch(() => undefined);
    }, this.#flushIntervalMs);
    this.#timer.unref();
  }

  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const rows = this.#pending;
    // After the database closed (shutdown), nothing more can be written.
    if (rows.length === 0 || !this.#db.isOpen) return;
    this.#pending = [];
    try {
      await this.#write(rows);
    } catch (error) {
      // Kept for the next tick: a database briefly unavailable loses no event.
      this.#pending = [...rows, ...this.#pending];
      throw error;
    }
  }

  #write(rows: readonly (AuditEvent & { readonly at: string })[]): Promise<void> {
    return this.#db.transaction(async (tx) => {
      for (const row of rows) {
        await tx.run(
          `INSERT INTO sftp_audit (at, event, account, address, port, method, result, file, bytes, detail)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            row.at,
            row.event,
            row.account ?? null,
            row.address ?? null,
            row.port ?? null,
            row.method ?? null,
            row.result ?? null,
            row.file ?? null,
            row.bytes ?? null,
            row.detail ?? null,
          ],
        );
      }
    });
  }

  /** Oldest first, after `since`, for one account when given; at most `limit` (newest kept). */
  async query(query: AuditQuery = {}): Promise<AuditRecord[]> {
    const where: string[] = [];
    const values: (string | number)[] = [];
    if (query.account !== undefined) {
      where.push('account = ?');
      values.push(query.account);
    }
    if (query.since !== undefined) {
      where.push('at >= ?');
      values.push(query.since);
    }
    const rows = await this.#db.all<AuditRow>(
      `SELECT * FROM (SELECT * FROM sftp_audit ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT ?) AS newest ORDER BY id`,
      [...values, query.limit ?? 1000],
    );
    return rows.map(toRecord);
  }
}
