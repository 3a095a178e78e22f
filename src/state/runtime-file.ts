/**
 * What each running gateway process publishes for the CLI and for other processes on the same
 * data directory: `run/<role>-<host>-<pid>.json` (where its Redis, SFTP and HTTP server are).
 * One file per process, so that an SFTP process and any number of workers can share a data
 * directory; written at start, removed at a clean stop, ignored once its process is gone.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataLayout, GatewayRole } from '../config/index.js';
import { writeFileDurable } from '../files/index.js';
import type { RedisTarget } from '../queues/index.js';

export interface RuntimeInfo {
  readonly pid: number;
  /** The machine the process runs on: liveness can be checked only there. */
  readonly host: string;
  readonly role: GatewayRole;
  readonly startedAt: string;
  /** Absent while the process is starting (its file is written first, to claim its place). */
  readonly redis: RedisTarget | undefined;
  readonly sftp: { readonly host: string; readonly port: number } | undefined;
  /** The operator's HTTP server (metrics, health, console), when enabled. */
  readonly http?: { readonly host: string; readonly port: number } | undefined;
}

/** A runtime file read back, with where it was found and whether its process still runs. */
export interface FoundRuntime {
  readonly file: string;
  readonly info: Partial<RuntimeInfo> & { readonly pid: unknown };
  /** Alive on this machine; undefined when it runs on another one (cannot be told from here). */
  readonly isAlive: boolean | undefined;
}

export function runtimeFileOf(layout: DataLayout, role: GatewayRole, pid = process.pid): string {
  return path.join(layout.runDir, `${role}-${os.hostname()}-${pid}.json`);
}

export async function writeRuntimeInfo(layout: DataLayout, info: RuntimeInfo): Promise<string> {
  const file = runtimeFileOf(layout, info.role, info.pid);
  await writeFileDurable(file, `${JSON.stringify(info, null, 2)}\n`);
  return file;
}

export function removeRuntimeInfo(file: string): void {
  rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A live Passerelle process (a pid reused by something else after a crash does not count). */
function isGatewayProcess(pid: number): boolean {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return command.includes('passerelle') && command.includes('start');
  } catch {
    return false;
  }
}

/** Every runtime file of the data directory (the older single `run/gateway.json` included). */
export function listRuntimes(layout: DataLayout): FoundRuntime[] {
  let names: string[];
  try {
    names = readdirSync(layout.runDir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const found: FoundRuntime[] = [];
  for (const name of names.sort()) {
    const file = path.join(layout.runDir, name);
    let info: FoundRuntime['info'];
    try {
      info = JSON.parse(readFileSync(file, 'utf8')) as FoundRuntime['info'];
    } catch {
      continue;
    }
    if (typeof info !== 'object' || info === null) continue;
    const isHere = info.host === undefined || info.host === os.hostname();
    const pid = typeof info.pid === 'number' ? info.pid : Number.NaN;
    found.push({
      file,
      info,
      isAlive: !isHere ? undefined : Number.isSafeInteger(pid) && isAlive(pid),
    });
  }
  return found;
}

/** Roles that claim files: at most one such process per data directory. */
const isClaimer = (role: GatewayRole | undefined) => role === undefined || role !== 'worker';

/**
 * Another live process on this machine that this one may not run beside: two processes that
 * claim uploads (`all` or `sftp`) would race on the same files and claim journals, and the
 * second `all` would stop the first one's embedded Redis. Workers run beside anything.
 * Stale files of dead processes on this machine are removed on the way.
 */
export function conflictingProcess(
  layout: DataLayout,
  role: GatewayRole,
): FoundRuntime | undefined {
  let conflict: FoundRuntime | undefined;
  for (const runtime of listRuntimes(layout)) {
    if (runtime.info.pid === process.pid) continue;
    if (runtime.isAlive === false) {
      removeRuntimeInfo(runtime.file);
      continue;
    }
    const isGateway = runtime.isAlive === true && isGatewayProcess(Number(runtime.info.pid));
    if (isGateway && isClaimer(role) && isClaimer(runtime.info.role)) conflict ??= runtime;
  }
  return conflict;
}
