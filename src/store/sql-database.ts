/**
 * The one SQL interface every store is written against, once, in SQL both SQLite and
 * PostgreSQL accept: `?` placeholders, ON CONFLICT, RETURNING, IS NOT DISTINCT FROM.
 * Two adapters implement it: better-sqlite3 (embedded default) and a pg Pool.
 */
export type SqlValue = string | number | null;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  readonly changes: number;
}

/** What a statement runs on: the database, or one open transaction. */
export interface SqlExecutor {
  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  get<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<RunResult>;
}

export interface TransactionOptions {
  /**
   * The commit must survive a power loss, not only a process crash (the creation of a flow).
   * SQLite commits the other transactions with synchronous=NORMAL; PostgreSQL always syncs.
   */
  readonly durable?: boolean;
}

export type SqlDialect = 'sqlite' | 'postgres';

export interface SqlDatabase extends SqlExecutor {
  readonly dialect: SqlDialect;
  readonly isOpen: boolean;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Statements inside go through `tx` only (never through the database: that would wait for
   * the transaction itself). PostgreSQL retries the whole `work` on a serialization failure
   * or a deadlock, so `work` must have no effect outside the database.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Throws when the database cannot take a write now (readiness probe). */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}
