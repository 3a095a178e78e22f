/**
 * A real PostgreSQL server (Debian's `postgresql` package) for tests and the bench: initdb in
 * a temporary folder, `postgres` on a free loopback port with settings for speed (no fsync:
 * a test database need not survive a power loss of the machine; synchronous_commit stays on,
 * since a crash of the server itself, which the e2e tests cause, must not lose an
 * acknowledged commit), stopped and removed by `stop()`. initdb and
 * postgres refuse to run as root: as root they run as the `postgres` user (setpriv), in a
 * folder given to that user. Each test takes a fresh database from `createDatabase()`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

const FALLBACK_BINDIRS = [
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
];

/** Where initdb and postgres are: `pg_config --bindir`, else Debian's usual folders. */
export function postgresBinDir(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config is in libpq-dev or postgresql-common; the fallbacks cover a bare server.
  }
  candidates.push(...FALLBACK_BINDIRS);
  return candidates.find(
    (dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'postgres')),
  );
}

interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

function postgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** The command line, run as the `postgres` user when we are root (setpriv execs: same pid). */
function commandFor(
  runAs: RunAs | undefined,
  binary: string,
  args: readonly string[],
): [string, string[]] {
  if (runAs === undefined) return [binary, [...args]];
  return [
    'setpriv',
    [`--reuid=${runAs.uid}`, `--regid=${runAs.gid}`, '--clear-groups', '--', binary, ...args],
  ];
}

let databaseCount = 0;

export class PostgresProcess {
  readonly port: number;
  readonly dir: string;
  readonly #binDir: string;
  readonly #runAs: RunAs | undefined;
  #child: ChildProcess | undefined;

  private constructor(port: number, dir: string, binDir: string, runAs: RunAs | undefined) {
    this.port = port;
    this.dir = dir;
    this.#binDir = binDir;
    this.#runAs = runAs;
  }

  static async start(): Promise<PostgresProcess> {
    const binDir = postgresBinDir();
    if (binDir === undefined)
      throw new Error(
        'PostgreSQL server binaries not found: apt-get install postgresql (see .ci/run)',
      );
    const runAs = postgresUser();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-pg-'));
    if (runAs) chownSync(dir, runAs.uid, runAs.gid);
    const server = new PostgresProcess(await freePort(), dir, binDir, runAs);
    const [command, args] = commandFor(runAs, path.join(binDir, 'initdb'), [
      '-D',
      server.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '--locale=C',
      '-E',
      'UTF8',
    ]);
    execFileSync(command, args, { stdio: 'ignore' });
    await server.#launch();
    return server;
  }

  /** The postmaster's pid (its backends are its children). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  /** The URL of database `name` (the superuser `postgres`, trusted on loopback). */
  url(name = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  async #launch(): Promise<void> {
    const [command, args] = commandFor(this.#runAs, path.join(this.#binDir, 'postgres'), [
      '-D',
      this.dataDir,
      '-p',
      String(this.port),
      '-h',
      '127.0.0.1',
      '-k',
      this.dir,
      '-c',
      'fsync=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
      '-c',
      'log_min_messages=fatal',
    ]);
    this.#child = spawn(command, args, { stdio: 'ignore' });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const client = new pg.Client({ connectionString: this.url() });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    throw new Error(`postgres did not start on port ${this.port}`);
  }

  async #admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  /** A new empty database; returns its URL. */
  async createDatabase(prefix = 'passerelle'): Promise<string> {
    databaseCount += 1;
    const name = `${prefix}_${process.pid}_${databaseCount}`;
    await this.#admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE template0`));
    return this.url(name);
  }

  /**
   * Ends every session on `database` but ours, as a crash of those backends would look to the
   * gateway: SIGTERM through pg_terminate_backend, or SIGKILL to the backend processes (the
   * server then restarts all sessions, a harsher fault). Returns how many were ended.
   */
  async killBackends(database: string, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<number> {
    return this.#admin(async (client) => {
      const { rows } = await client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      for (const { pid } of rows) {
        if (signal === 'SIGKILL') killIfAlive(pid);
        else await client.query('SELECT pg_terminate_backend($1)', [pid]);
      }
      return rows.length;
    });
  }

  /** Fast shutdown, then the folder removed. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGINT');
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The first SIGKILLed backend makes the server end all the others: those are gone already. */
function killIfAlive(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
