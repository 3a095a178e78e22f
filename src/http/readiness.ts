/**
 * /readyz: can the gateway take work? Each check is bounded by a short timeout so that a
 * probe never hangs: Redis answers PING, the registry takes a write lock, the SFTP server
 * listens, and the data folder's file system has room.
 */
import { accessSync, constants, statfsSync } from 'node:fs';
import net from 'node:net';
import type { SqlDatabase } from '../store/index.js';

const CHECK_TIMEOUT_MS = 1000;

export interface CheckResult {
  readonly ok: boolean;
  readonly detail: string;
}

export interface ReadinessSources {
  readonly ping: () => Promise<unknown>;
  readonly db: SqlDatabase;
  readonly dataDir: string;
  /** Where the SFTP server listens; undefined when it is disabled. */
  readonly sftp: { readonly host: string; readonly port: number } | undefined;
  readonly minFreeDiskBytes: number;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, CheckResult>>;
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`no answer within ${ms} ms`));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function checkRedis(ping: () => Promise<unknown>): Promise<CheckResult> {
  try {
    await withTimeout(ping(), CHECK_TIMEOUT_MS);
    return { ok: true, detail: 'PING answered' };
  } catch (error) {
    return { ok: false, detail: message(error) };
  }
}

/** A TCP connection opened and closed at once (the SSH server logs it at debug level only). */
async function checkListening(host: string, port: number): Promise<CheckResult> {
  const target = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: target, port });
    const done = (result: CheckResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(CHECK_TIMEOUT_MS, () => {
      done({ ok: false, detail: `no answer on ${target}:${port}` });
    });
    socket.once('connect', () => {
      done({ ok: true, detail: `listening on ${target}:${port}` });
    });
    socket.once('error', (error) => {
      done({ ok: false, detail: error.message });
    });
  });
}

async function checkRegistry(db: SqlDatabase, dataDir: string): Promise<CheckResult> {
  try {
    accessSync(dataDir, constants.W_OK);
    // A write transaction opened and closed: fails on a read-only or unreachable database.
    await withTimeout(db.checkWritable(), CHECK_TIMEOUT_MS);
    return { ok: true, detail: `${db.dialect} takes writes` };
  } catch (error) {
    return { ok: false, detail: message(error) };
  }
}

function checkDisk(dataDir: string, minFreeBytes: number): CheckResult {
  try {
    const stats = statfsSync(dataDir);
    const free = stats.bavail * stats.bsize;
    return {
      ok: free >= minFreeBytes,
      detail: `${Math.floor(free / 1048576)} MiB free, ${Math.floor(minFreeBytes / 1048576)} MiB required`,
    };
  } catch (error) {
    return { ok: false, detail: message(error) };
  }
}

export async function checkReadiness(sources: ReadinessSources): Promise<Readiness> {
  const checks: Record<string, CheckResult> = {
    redis: await checkRedis(sources.ping),
    registry: await checkRegistry(sources.db, sources.dataDir),
    sftp:
      sources.sftp === undefined
        ? { ok: true, detail: 'disabled' }
        : await checkListening(sources.sftp.host, sources.sftp.port),
    disk: checkDisk(sources.dataDir, sources.minFreeDiskBytes),
  };
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}
