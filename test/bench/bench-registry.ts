/**
 * The registry a bench gateway runs on: the embedded SQLite file, or a database on a private
 * PostgreSQL server started like the tests' (`--registry=postgres`). Counts are read from it
 * the same way for both; the server's CPU is sampled too, since it works for the gateway.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PostgresProcess } from '../support/postgres-process.js';
import { TreeMonitor } from './process-tree.js';

export type RegistryKind = 'sqlite' | 'postgres';

let server: Promise<PostgresProcess> | undefined;

export class BenchRegistry {
  readonly kind: RegistryKind;
  readonly #url: string | undefined;
  readonly #serverPid: number | undefined;

  private constructor(kind: RegistryKind, url?: string, serverPid?: number) {
    this.kind = kind;
    this.#url = url;
    this.#serverPid = serverPid;
  }

  static async create(kind: RegistryKind): Promise<BenchRegistry> {
    if (kind === 'sqlite') return new BenchRegistry(kind);
    server ??= PostgresProcess.start();
    const started = await server;
    return new BenchRegistry(kind, await started.createDatabase('bench'), started.pid);
  }

  /** Stops the PostgreSQL server, if one was started. */
  static async stopAll(): Promise<void> {
    const started = server;
    server = undefined;
    if (started) await (await started).stop();
  }

  /** Environment of the gateway and its CLI commands. */
  get env(): Readonly<Record<string, string>> {
    return this.#url === undefined ? {} : { DATABASE_URL: this.#url };
  }

  /** CPU of the PostgreSQL server while the batch runs (undefined on SQLite). */
  monitorServer(): TreeMonitor | undefined {
    return this.#serverPid === undefined ? undefined : new TreeMonitor(this.#serverPid);
  }

  /** A `SELECT COUNT(*) AS n ...` on the registry. */
  async count(dataDir: string, sql: string): Promise<number> {
    if (this.#url === undefined) {
      const db = new Database(path.join(dataDir, 'passerelle.db'), { readonly: true });
      try {
        return (db.prepare(sql).get() as { n: number }).n;
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: this.#url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(sql);
      return Number(rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
  }
}
