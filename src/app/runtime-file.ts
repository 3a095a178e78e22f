import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataLayout } from '../config/index.js';
import { writeFileDurable } from '../files/index.js';
import type { RedisTarget } from '../pipeline/index.js';

/** What a running gateway tells the CLI's operator commands: where its Redis and SFTP are. */
export interface RuntimeInfo {
  readonly pid: number;
  readonly startedAt: string;
  readonly redis: RedisTarget;
  readonly sftp: { readonly host: string; readonly port: number } | undefined;
  /** The operator's HTTP server (metrics, health, console), when enabled. */
  readonly http?: { readonly host: string; readonly port: number } | undefined;
}

function fileOf(layout: DataLayout): string {
  return path.join(layout.root, 'run', 'gateway.json');
}

export async function writeRuntimeInfo(layout: DataLayout, info: RuntimeInfo): Promise<void> {
  await writeFileDurable(fileOf(layout), `${JSON.stringify(info, null, 2)}\n`);
}

export function readRuntimeInfo(layout: DataLayout): RuntimeInfo | undefined {
  try {
    return JSON.parse(readFileSync(fileOf(layout), 'utf8')) as RuntimeInfo;
  } catch {
    return undefined;
  }
}

/**
 * The pid of another gateway running on this data directory, if any: the runtime file names a
 * live process that is a Passerelle gateway (a pid reused by something else after a crash does
 * not count).
 */
export function otherRunningGateway(layout: DataLayout): number | undefined {
  const info = readRuntimeInfo(layout);
  if (info === undefined || info.pid === process.pid) return undefined;
  try {
    const command = readFileSync(`/proc/${info.pid}/cmdline`, 'utf8');
    return command.includes('passerelle') && command.includes('start') ? info.pid : undefined;
  } catch {
    return undefined;
  }
}
