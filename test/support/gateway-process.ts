import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, SHARED_SCHEMAS } from './paths.js';

const LAUNCHER = path.join(REPO_ROOT, 'bin', 'passerelle.js');

export interface GatewayEnv {
  readonly dataDir: string;
  readonly sftpPort: number;
  readonly redisUrl?: string;
  readonly queuePrefix?: string;
  readonly extra?: Readonly<Record<string, string>>;
  /** `passerelle start --role …` (all when absent). */
  readonly role?: 'all' | 'sftp' | 'worker';
  /** Node options for the gateway process only (the bench profiles it with --cpu-prof). */
  readonly nodeArgs?: readonly string[];
}

function envOf(options: GatewayEnv): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PASSERELLE_DATA_DIR: options.dataDir,
    PASSERELLE_SCHEMAS_DIR: SHARED_SCHEMAS,
    PASSERELLE_SFTP_PORT: String(options.sftpPort),
    PASSERELLE_STABILITY_MS: '300',
    PASSERELLE_LOCK_DURATION_MS: '5000',
    PASSERELLE_LOG_LEVEL: 'info',
    // A free port each: gateways of parallel test runs must not fight over the default 8080.
    PASSERELLE_HTTP_PORT: '0',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...(options.queuePrefix ? { PASSERELLE_QUEUE_PREFIX: options.queuePrefix } : {}),
    ...options.extra,
  };
}

/** Runs a CLI command of the built gateway and returns its exit code and output. */
export function runCli(options: GatewayEnv, args: readonly string[], input?: string) {
  const result = spawnSync(process.execPath, [LAUNCHER, ...args], {
    env: envOf(options),
    input: input ?? '',
    encoding: 'utf8',
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `runCli` without blocking this process: for tests that serve something themselves (an
 * entity's SFTP server) while the command runs.
 */
export function runCliAsync(
  options: GatewayEnv,
  args: readonly string[],
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], {
      env: envOf(options),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ status: code ?? -1, stdout, stderr });
    });
  });
}

/** The real gateway (`passerelle start`) in a child process, as a user runs it. */
export class GatewayProcess {
  readonly options: GatewayEnv;
  readonly logFile: string;
  #child: ChildProcess | undefined;
  #log = '';
  #stderr = '';

  constructor(options: GatewayEnv) {
    this.options = options;
    this.logFile = path.join(options.dataDir, '..', 'gateway.log');
  }

  get log(): string {
    return this.#log;
  }

  /** The gateway's process id while it runs (the bench samples its CPU and memory). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** The exit status of the last run once it ended (null after a signal), else undefined. */
  get exitCode(): number | null | undefined {
    const child = this.#child;
    if (!child || (child.exitCode === null && child.signalCode === null)) return undefined;
    return child.exitCode;
  }

  /** Everything the gateway wrote on stderr (banner, warnings), until it exited. */
  get stderr(): string {
    return this.#stderr;
  }

  async start(): Promise<void> {
    const role = this.options.role === undefined ? [] : ['--role', this.options.role];
    const args = [...(this.options.nodeArgs ?? []), LAUNCHER, 'start', ...role];
    const child = spawn(process.execPath, args, {
      env: envOf(this.options),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    child.stdout?.on('data', (chunk: Buffer) => {
      this.#log += chunk.toString();
    });
    let banner = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`gateway did not start:\n${banner}\n${this.#log}`));
      }, 60_000);
      child.stderr?.on('data', (chunk: Buffer) => {
        banner += chunk.toString();
        this.#stderr += chunk.toString();
        if (banner.includes('Passerelle is running.')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`gateway exited with ${code}:\n${banner}\n${this.#log}`));
      });
    });
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => {
        resolve();
      });
      child.kill(signal);
    });
  }

  /** The base URL of the gateway's HTTP server (metrics, health, console), from its run file. */
  httpUrl(): string {
    const run = path.join(this.options.dataDir, 'run');
    const name = readdirSync(run).find((file) => file.endsWith(`-${String(this.pid)}.json`));
    if (name === undefined) throw new Error(`no run file for pid ${String(this.pid)}`);
    const runtime = JSON.parse(readFileSync(path.join(run, name), 'utf8')) as {
      http?: { host: string; port: number };
    };
    if (!runtime.http) throw new Error('the gateway runs no HTTP server');
    return `http://${runtime.http.host}:${runtime.http.port}`;
  }

  /** The embedded Redis pid, when the gateway runs one (to stop it after a SIGKILL test). */
  embeddedRedisPid(): number | undefined {
    try {
      return Number(readFileSync(path.join(this.options.dataDir, 'redis', 'redis.pid'), 'utf8'));
    } catch {
      return undefined;
    }
  }
}
