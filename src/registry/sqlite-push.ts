/**
 * The push-delivery half of the SQLite registry (docs/push-delivery.md): which invoices and
 * status files are owed to an entity's own server, and what became of them. Each change is
 * guarded by `push_state = 'PENDING'`, so a replayed push or reroute records once at most.
 */
import type { StatusFileFormat } from '../status/index.js';
import type { SqliteDatabase } from '../store/index.js';
import type { FeedKey, PushOutcome } from './push-records.js';

export class SqlitePushRecords {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  markInvoicePushed(invoiceId: string, outcome: PushOutcome, deliveredPath: string): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE invoices SET push_state = ?, delivered_path = ?, updated_at = ?
           WHERE id = ? AND push_state = 'PENDING'`,
        )
        .run(outcome, deliveredPath, new Date().toISOString(), invoiceId).changes === 1
    );
  }

  listPendingInvoicePushes(limit: number): string[] {
    const rows = this.#db
      .prepare(`SELECT id FROM invoices WHERE push_state = 'PENDING' ORDER BY id LIMIT ?`)
      .all(limit) as { id: string }[];
    return rows.map((row) => row.id);
  }

  markFeedPushed(key: FeedKey, outcome: PushOutcome): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE status_feed SET push_state = ?
           WHERE account = ? AND seq = ? AND format = ? AND push_state = 'PENDING'`,
        )
        .run(outcome, key.account, key.seq, key.format).changes === 1
    );
  }

  listPendingFeedPushes(limit: number): FeedKey[] {
    return this.#db
      .prepare(
        `SELECT account, seq, format FROM status_feed
         WHERE push_state = 'PENDING' AND written = 1 ORDER BY account, seq, format LIMIT ?`,
      )
      .all(limit) as { account: string; seq: number; format: StatusFileFormat }[];
  }
}
