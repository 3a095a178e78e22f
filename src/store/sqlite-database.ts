/**
 * The embedded SQLite store behind the async SQL interface. better-sqlite3 is synchronous:
 * a statement runs at once and its promise is already settled, so the async API costs a
 * microtask, not a thread hop. A transaction spans awaits, so it holds a lock that every
 * statement from outside waits for; statements inside it run through its own executor.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AsyncMutex } from './async-mutex.js';
import { MIGRATIONS } from './migrations.js';
import type {
  RunResult,
  SqlDatabase,
  SqlExecutor,
  SqlValue,
  TransactionOptions,
} from './sql-database.js';

/**
 * One cached statement per SQL text: compiling a statement cost 5–6 % of the gateway's CPU
 * when every registry call prepared its own. Bounded, should SQL text ever be built dynamically.
 */
const MAX_CACHED_STATEMENTS = 1000;

class SqliteExecutor implements SqlExecutor {
  readonly #db: Database.Database;
  readonly #cache = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  prepare(sql: string): Database.Statement {
    let statement = this.#cache.get(sql);
    if (statement === undefined) {
      if (this.#cache.size >= MAX_CACHED_STATEMENTS) this.#cache.clear();
      statement = this.#db.prepare(sql);
      this.#cache.set(sql, statement);
    }
    return statement;
  }

  allNow(sql: string, params: readonly SqlValue[] = []): unknown[] {
    return this.prepare(sql).all(...params);
  }

  getNow(sql: string, params: readonly SqlValue[] = []): unknown {
    return this.prepare(sql).get(...params);
  }

  runNow(sql: string, params: readonly SqlValue[] = []): RunResult {
    return { changes: this.prepare(sql).run(...params).changes };
  }

  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return settle(() => this.allNow(sql, params) as Row[]);
  }

  get<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined> {
    return settle(() => this.getNow(sql, params) as Row | undefined);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<RunResult> {
    return settle(() => this.runNow(sql, params));
  }
}

function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

export class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite';
  readonly #db: Database.Database;
  readonly #executor: SqliteExecutor;
  readonly #lock = new AsyncMutex();

  constructor(db: Database.Database) {
    this.#db = db;
    this.#executor = new SqliteExecutor(db);
  }

  get isOpen(): boolean {
    return this.#db.open;
  }

  /** Runs `work` now when no transaction holds the connection, else after it. */
  #outside<T>(work: () => T): Promise<T> {
    const waiting = this.#lock.tryAcquire();
    if (waiting === undefined) {
      try {
        return settle(work);
      } finally {
        this.#lock.release();
      }
    }
    return waiting.then(() => {
      try {
        return work();
      } finally {
        this.#lock.release();
      }
    });
  }

  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return this.#outside(() => this.#executor.allNow(sql, params) as Row[]);
  }

  get<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined> {
    return this.#outside(() => this.#executor.getNow(sql, params) as Row | undefined);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<RunResult> {
    return this.#outside(() => this.#executor.runNow(sql, params));
  }

  async transaction<T>(
    work: (tx: SqlExecutor) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    await this.#lock.tryAcquire();
    const db = this.#db;
    try {
      if (options.durable) db.pragma('synchronous = FULL');
      // IMMEDIATE: the write lock is taken at once, so a second process waits (busy_timeout)
      // instead of failing when both upgrade from a read.
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.#executor);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      if (options.durable && db.open) db.pragma('synchronous = NORMAL');
      this.#lock.release();
    }
  }

  checkWritable(): Promise<void> {
    // A write lock taken and released: fails on a read-only or unusable database.
    return this.transaction(() => Promise.resolve());
  }

  close(): Promise<void> {
    return this.#outside(() => {
      if (this.#db.open) this.#db.close();
    });
  }
}

/**
 * Opens the embedded SQLite store in WAL mode (the gateway and the CLI may use it at once)
 * and applies pending migrations in one transaction each. Under WAL, synchronous=NORMAL
 * survives any process crash but may lose the last commits to a power loss: only durable
 * transactions (a flow's creation) are committed with FULL.
 */
export function openSqlite(file: string): SqliteDatabase {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const currentVersion = (): number =>
    (
      db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as {
        version: number | null;
      }
    ).version ?? 0;
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    if (version <= currentVersion()) return;
    // IMMEDIATE, and the version read again under the lock: two processes starting together
    // apply each migration once.
    db.transaction(() => {
      if (version <= currentVersion()) return;
      db.exec(sql);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(version);
    }).immediate();
  });
  db.pragma('synchronous = NORMAL');
  return new SqliteDatabase(db);
}
