/**
 * A private redis-server child for the embedded defaults: unix socket only (no TCP port, so
 * no other local user can reach it), append-only file synced every second under the data
 * directory, and no eviction. It is restarted if it dies. A server left running by a gateway
 * that was killed is stopped first, so two servers never share one data folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from '../logging/index.js';
import { PasserelleError } from '../errors/index.js';

const MAX_SOCKET_PATH = 100;

export interface EmbeddedRedisOptions {
  readonly dir: string;
  readonly binary: string;
  readonly logger: Logger;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
}

async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Whether a redis-server binary can be run, and the line to print when it cannot. */
export function checkRedisBinary(binary: string): string | undefined {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return `redis-server not found (${binary}). Install it (Debian/Ubuntu: apt-get install -y redis-server) or set REDIS_URL to an existing Redis.`;
  }
  return undefined;
}

export class EmbeddedRedis {
  readonly #options: EmbeddedRedisOptions;
  readonly socketPath: string;
  readonly #pidFile: string;
  #child: ChildProcess | undefined;
  #isStopping = false;

  constructor(options: EmbeddedRedisOptions) {
    this.#options = options;
    this.socketPath = path.join(options.dir, 'redis.sock');
    this.#pidFile = path.join(options.dir, 'redis.pid');
    if (this.socketPath.length > MAX_SOCKET_PATH) {
      throw new PasserelleError(
        'CONFIG_INVALID',
        `the data directory path is too long for a unix socket (${this.socketPath}); use a shorter dataDir or set REDIS_URL`,
      );
    }
  }

  async #stopLeftover(): Promise<void> {
    if (!existsSync(this.#pidFile)) return;
    const pid = Number(readFileSync(this.#pidFile, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
    if (!commandLineOf(pid)?.includes('redis')) return;
    this.#options.logger.warn({ pid }, 'stopping a redis-server left by an earlier run');
    process.kill(pid, 'SIGTERM');
    await waitFor(() => !isAlive(pid), 15_000);
  }

  async #ping(): Promise<boolean> {
    const client = new Redis({
      path: this.socketPath,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }

  #spawn(): ChildProcess {
    const { dir, binary, logger } = this.#options;
    const child = spawn(
      binary,
      [
        '--port',
        '0',
        '--unixsocket',
        this.socketPath,
        '--unixsocketperm',
        '700',
        '--dir',
        dir,
        '--pidfile',
        this.#pidFile,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      logger.debug({ redis: chunk.toString().trim() }, 'redis-server');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      logger.warn({ redis: chunk.toString().trim() }, 'redis-server');
    });
    child.on('exit', (code, signal) => {
      if (this.#isStopping) return;
      logger.error({ code, signal }, 'embedded redis-server exited; restarting');
      setTimeout(() => {
        if (!this.#isStopping) this.#child = this.#spawn();
      }, 1000).unref();
    });
    writeFileSync(this.#pidFile, String(child.pid ?? ''));
    return child;
  }

  async start(): Promise<void> {
    mkdirSync(this.#options.dir, { recursive: true, mode: 0o700 });
    await this.#stopLeftover();
    this.#child = this.#spawn();
    if (!(await waitFor(() => this.#ping(), 30_000))) {
      throw new PasserelleError(
        'REDIS_UNAVAILABLE',
        `embedded redis-server did not answer on ${this.socketPath}`,
      );
    }
  }

  async stop(): Promise<void> {
    this.#isStopping = true;
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        resolve();
      }),
    );
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
}
