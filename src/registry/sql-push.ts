/**
 * The push-delivery half of the registry (docs/push-delivery.md): which invoices and status
 * files are owed to an entity's own server, and what became of them. Each change is guarded by
 * `push_state = 'PENDING'`, so a replayed push or reroute records once at most.
 */
import type { StatusFileFormat } from '../status/index.js';
import type { SqlDatabase } from '../store/index.js';
import type { FeedKey, PushOutcome } from './push-records.js';

export class SqlPushRecords {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async markInvoicePushed(
    invoiceId: string,
    outcome: PushOutcome,
    deliveredPath: string,
  ): Promise<boolean> {
    const result = await this.#db.run(
      `UPDATE invoices SET push_state = ?, delivered_path = ?, updated_at = ?
       WHERE id = ? AND push_state = 'PENDING'`,
      [outcome, deliveredPath, new Date().toISOString(), invoiceId],
    );
    return result.changes === 1;
  }

  async listPendingInvoicePushes(limit: number): Promise<string[]> {
    const rows = await this.#db.all<{ id: string }>(
      `SELECT id FROM invoices WHERE push_state = 'PENDING' ORDER BY id LIMIT ?`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  async markFeedPushed(key: FeedKey, outcome: PushOutcome): Promise<boolean> {
    const result = await this.#db.run(
      `UPDATE status_feed SET push_state = ?
       WHERE account = ? AND seq = ? AND format = ? AND push_state = 'PENDING'`,
      [outcome, key.account, key.seq, key.format],
    );
    return result.changes === 1;
  }

  listPendingFeedPushes(limit: number): Promise<FeedKey[]> {
    return this.#db.all<{ account: string; seq: number; format: StatusFileFormat }>(
      `SELECT account, seq, format FROM status_feed
       WHERE push_state = 'PENDING' AND written = 1 ORDER BY account, seq, format LIMIT ?`,
      [limit],
    );
  }
}
