/**
 * What operators did, with their name (table `operator_actions`, migration 7): retries,
 * downloads of originals, flows closed as incidents, expected batches declared. Written by the
 * console and the CLI; read by `passerelle audit --operators`.
 */
import type { SqliteDatabase } from '../store/index.js';

export interface OperatorAction {
  readonly at: string;
  readonly operator: string;
  /** retry, download, close-flow, expect-batch, unexpect-batch... */
  readonly action: string;
  readonly target: string | undefined;
  readonly detail: string | undefined;
}

export class OperatorActionStore {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  record(operator: string, action: string, target?: string, detail?: string): void {
    this.#db
      .prepare(
        'INSERT INTO operator_actions (at, operator, action, target, detail) VALUES (?, ?, ?, ?, ?)',
      )
      .run(new Date().toISOString(), operator, action, target ?? null, detail ?? null);
  }

  /** Newest first. */
  listRecent(limit: number): OperatorAction[] {
    const rows = this.#db
      .prepare(
        'SELECT at, operator, action, target, detail FROM operator_actions ORDER BY at DESC, id DESC LIMIT ?',
      )
      .all(limit) as {
      at: string;
      operator: string;
      action: string;
      target: string | null;
      detail: string | null;
    }[];
    return rows.map((row) => ({
      ...row,
      target: row.target ?? undefined,
      detail: row.detail ?? undefined,
    }));
  }
}
