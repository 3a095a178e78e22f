/**
 * The registry database of a unit test, on either engine: a fresh SQLite file, or a fresh
 * database on one PostgreSQL server per test file (started on first use, stopped after the
 * file by the hook `useTestDatabases` registers). Suites run on both with
 * `describe.each(ENGINES)`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  openPostgres,
  openSqlite,
  type SqlDatabase,
  type SqlDialect,
} from '../../src/store/index.js';
import { PostgresProcess } from './postgres-process.js';

export const ENGINES: readonly SqlDialect[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  readonly db: SqlDatabase;
  /** Where it lives: the SQLite file or the PostgreSQL URL. */
  readonly location: string;
  /** Another connection (pool) to the same database, migrated as at a start. */
  openAnother(poolSize?: number): Promise<SqlDatabase>;
  dispose(): Promise<void>;
}

let server: Promise<PostgresProcess> | undefined;

/** The file's PostgreSQL server, started once. */
export function postgresServer(): Promise<PostgresProcess> {
  server ??= PostgresProcess.start();
  return server;
}

/** Registers the hooks that start and stop the file's PostgreSQL server (once per test file). */
export function useTestDatabases(): void {
  // initdb and the first start take seconds on a busy machine: not in a test's own hook time.
  beforeAll(async () => {
    await postgresServer();
  }, 120_000);
  afterAll(async () => {
    const started = server;
    server = undefined;
    if (started) await (await started).stop();
  });
}

export async function openTestDatabase(engine: SqlDialect): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-unit-db-'));
    const file = path.join(dir, 'passerelle.db');
    const db = openSqlite(file);
    const others: SqlDatabase[] = [];
    return {
      db,
      location: file,
      openAnother: () => {
        const other = openSqlite(file);
        others.push(other);
        return Promise.resolve(other);
      },
      dispose: async () => {
        for (const other of others) await other.close();
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = await (await postgresServer()).createDatabase();
  const db = await openPostgres({ url, poolSize: 4 });
  const others: SqlDatabase[] = [];
  return {
    db,
    location: url,
    openAnother: async (poolSize = 4) => {
      const other = await openPostgres({ url, poolSize });
      others.push(other);
      return other;
    },
    dispose: async () => {
      for (const other of others) await other.close();
      await db.close();
    },
  };
}
