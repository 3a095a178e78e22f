import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type SqliteDatabase = Database.Database;

/**
 * Makes `db.prepare` return one cached statement per SQL text. Compiling a statement cost
 * 5–6 % of the gateway's CPU when every registry call prepared its own. Safe because no
 * caller iterates a statement lazily or switches its mode (pluck, raw, expand), the two
 * things a shared statement cannot do.
 */
const MAX_CACHED_STATEMENTS = 1000;

function cachePreparedStatements(db: SqliteDatabase): void {
  const cache = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  const cached = (sql: string): Database.Statement => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      // Bounded, should a caller ever build SQL text dynamically.
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      statement = prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  db.prepare = cached as SqliteDatabase['prepare'];
}

/**
 * Makes every `db.transaction(fn)` begin with BEGIN IMMEDIATE: the write lock is taken (waiting
 * up to busy_timeout) before the first read. A deferred transaction that reads and then
 * writes fails at once with SQLITE_BUSY when another process committed in between (its
 * snapshot is stale, and the busy handler cannot help), which several gateway processes on
 * one data directory (roles sftp and worker) would otherwise hit.
 */
function immediateTransactions(db: SqliteDatabase): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<SqliteDatabase['transaction']>[0]) => {
    // The variants need no `this` (each is a closure over the database) and carry the
    // deferred/immediate/exclusive properties, which a bound copy would lose.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    return transaction(fn).immediate;
  }) as SqliteDatabase['transaction'];
}

/**
 * Opens the embedded SQLite store in WAL mode (the gateway and the CLI may use it at once)
 * and applies pending migrations in one transaction each. Several processes may
 * write at once on one machine (WAL, busy_timeout, immediate transactions); WAL needs shared
 * memory, so not across machines (a network file system): PostgreSQL is for that.
 */
export function openDatabase(file: string): SqliteDatabase {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  immediateTransactions(db);
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const currentVersion = () =>
    (
      db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as
        { version: number | null } | undefined
    )?.version ?? 0;
  const current = currentVersion();
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      // Read again under the write lock: processes started together migrate once.
      if (version <= currentVersion()) return;
      db.exec(sql);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(version);
    })();
  });
  cachePreparedStatements(db);
  return db;
}
