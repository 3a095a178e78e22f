/**
 * Applies pending PostgreSQL migrations at start, each in its own transaction, recorded in
 * `schema_migrations`. A session advisory lock makes processes starting together take turns:
 * the first applies, the others find nothing left to do.
 */
import { loadPgDriver, PostgresDatabase, type PostgresOptions } from './postgres-database.js';
import { unavailable, isConnectionError } from './postgres-errors.js';
import { POSTGRES_MIGRATIONS } from './postgres-schema.js';

/** Any fixed 64-bit key: it names the lock, shared by every Passerelle process on the database. */
const MIGRATION_LOCK_KEY = 7_316_002_511;

async function migrate(db: PostgresDatabase): Promise<void> {
  const client = await db.connect();
  const ignore = () => undefined;
  client.on('error', ignore);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
      );
      const applied = await client.query<{ version: number }>(
        'SELECT version FROM schema_migrations',
      );
      const done = new Set(applied.rows.map((row) => row.version));
      for (const [index, sql] of POSTGRES_MIGRATIONS.entries()) {
        const version = index + 1;
        if (done.has(version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(sql);
          await client.query(
            'INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)',
            [version, new Date().toISOString()],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.off('error', ignore);
    client.release();
  }
}

/** Connects to the PostgreSQL registry and brings its schema up to date. */
export async function openPostgres(options: PostgresOptions): Promise<PostgresDatabase> {
  const db = new PostgresDatabase(options, await loadPgDriver());
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw isConnectionError(error) ? unavailable(error) : error;
  }
  return db;
}
