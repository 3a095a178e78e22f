import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface BanRecord {
  readonly until: number;
  readonly offences: number;
}

/** What survives a restart: bans by address and account lockouts by login (epoch ms). */
export interface DefenderState {
  readonly bans: Record<string, BanRecord>;
  readonly lockouts: Record<string, BanRecord>;
}

export function readDefenderState(file: string): DefenderState {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<DefenderState>;
    return { bans: parsed.bans ?? {}, lockouts: parsed.lockouts ?? {} };
  } catch {
    return { bans: {}, lockouts: {} };
  }
}

/** Written beside its final name and renamed into place: a crash never leaves half a file. */
export function writeDefenderState(file: string, state: DefenderState): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}
