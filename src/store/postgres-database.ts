/**
 * The registry on PostgreSQL behind the async SQL interface: a pg Pool, `?` placeholders
 * turned into `$n` once per SQL text, and each SQL text a named (server-side prepared)
 * statement. Integers come back as numbers (COUNT and BIGINT columns included). Lost
 * connections are retried a few times, then REGISTRY_UNAVAILABLE; serialization failures and
 * deadlocks rerun the transaction.
 */
import type pg from 'pg';
import { isConnectionError, isRerunnable, unavailable } from './postgres-errors.js';
import type { RunResult, SqlDatabase, SqlExecutor, SqlValue } from './sql-database.js';

const MAX_ATTEMPTS = 4;
const RETRY_BASE_MS = 100;

export type PgDriver = typeof pg;

let driver: Promise<PgDriver> | undefined;

/**
 * The pg module, loaded at the first PostgreSQL connection: an SQLite installation and the
 * operator CLI never pay for it. COUNT(*), SUM() and BIGINT columns then come back as
 * numbers, as from SQLite (the values here are counts, sizes and ids, far below 2^53); set
 * once for the process, as pg is used only here.
 */
export function loadPgDriver(): Promise<PgDriver> {
  driver ??= import('pg').then(({ default: module }) => {
    module.types.setTypeParser(module.types.builtins.INT8, (value: string) => Number(value));
    module.types.setTypeParser(module.types.builtins.NUMERIC, (value: string) => Number(value));
    return module;
  });
  return driver;
}

/** `?` → `$1, $2…` outside quoted strings and identifiers. */
export function toPositional(sql: string): string {
  let out = '';
  let n = 0;
  let quote: string | undefined;
  for (const char of sql) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '?') {
      n += 1;
      out += `$${n}`;
      continue;
    }
    out += char;
  }
  return out;
}

const sleep = (ms: number) =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

class StatementNames {
  readonly #texts = new Map<string, { readonly name: string; readonly text: string }>();

  of(sql: string): { readonly name: string; readonly text: string } {
    let statement = this.#texts.get(sql);
    if (statement === undefined) {
      statement = { name: `passerelle_${this.#texts.size + 1}`, text: toPositional(sql) };
      this.#texts.set(sql, statement);
    }
    return statement;
  }
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

class PostgresExecutor implements SqlExecutor {
  readonly #on: Queryable;
  readonly #names: StatementNames;

  constructor(on: Queryable, names: StatementNames) {
    this.#on = on;
    this.#names = names;
  }

  async #query(sql: string, params: readonly SqlValue[] = []): Promise<pg.QueryResult> {
    const { name, text } = this.#names.of(sql);
    return this.#on.query({ name, text, values: [...params] });
  }

  async all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return (await this.#query(sql, params)).rows as Row[];
  }

  async get<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined> {
    return (await this.#query(sql, params)).rows[0] as Row | undefined;
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<RunResult> {
    return { changes: (await this.#query(sql, params)).rowCount ?? 0 };
  }
}

export interface PostgresOptions {
  readonly url: string;
  readonly poolSize: number;
  /** Called with errors of idle connections (a killed backend), which must not crash the process. */
  readonly onIdleError?: (error: Error) => void;
}

export class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres';
  readonly #pool: pg.Pool;
  readonly #names = new StatementNames();
  readonly #executor: PostgresExecutor;
  #isOpen = true;

  constructor(options: PostgresOptions, driver: PgDriver) {
    this.#pool = new driver.Pool({
      connectionString: options.url,
      max: options.poolSize,
      connectionTimeoutMillis: 10_000,
    });
    this.#pool.on('error', (error) => {
      options.onIdleError?.(error);
    });
    this.#executor = new PostgresExecutor(this.#pool, this.#names);
  }

  get isOpen(): boolean {
    return this.#isOpen;
  }

  /** The pool itself, for the migrations' advisory lock. */
  connect(): Promise<pg.PoolClient> {
    return this.#pool.connect();
  }

  async #withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        const isLost = isConnectionError(error);
        if (attempt >= MAX_ATTEMPTS || (!isLost && !isRerunnable(error))) {
          throw isLost ? unavailable(error) : error;
        }
        await sleep(RETRY_BASE_MS * 2 ** (attempt - 1) * (0.5 + Math.random()));
      }
    }
  }

  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return this.#withRetry(() => this.#executor.all<Row>(sql, params));
  }

  get<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined> {
    return this.#withRetry(() => this.#executor.get<Row>(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<RunResult> {
    return this.#withRetry(() => this.#executor.run(sql, params));
  }

  /** READ COMMITTED: row locks (the feed counter, guarded UPDATEs) serialise what must be. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.#withRetry(async () => {
      const client = await this.#pool.connect();
      // A checked-out client whose backend dies between two statements emits `error`; with no
      // listener that would crash the process. The next statement fails and is handled.
      const ignore = () => undefined;
      client.on('error', ignore);
      let isBroken = false;
      try {
        await client.query('BEGIN');
        const result = await work(new PostgresExecutor(client, this.#names));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        isBroken = isConnectionError(error);
        if (!isBroken) await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', ignore);
        client.release(isBroken);
      }
    });
  }

  async checkWritable(): Promise<void> {
    await this.transaction(async (tx) => {
      const row = await tx.get<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
      if (row?.standby) throw new Error('connected to a standby (read-only) server');
    });
  }

  async close(): Promise<void> {
    if (!this.#isOpen) return;
    this.#isOpen = false;
    await this.#pool.end();
  }
}
