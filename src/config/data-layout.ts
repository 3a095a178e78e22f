import path from 'node:path';
import type { Config } from './config-schema.js';

/** Where each kind of file lives under the data directory. One place, so nothing guesses. */
export interface DataLayout {
  readonly root: string;
  readonly homes: string;
  readonly archive: string;
  readonly claims: string;
  readonly database: string;
  readonly redis: string;
  /** What each running gateway process publishes for the CLI (run/<role>-<host>-<pid>.json). */
  readonly runDir: string;
}

export function dataLayoutOf(config: Pick<Config, 'dataDir'>): DataLayout {
  const root = config.dataDir;
  return {
    root,
    homes: path.join(root, 'homes'),
    archive: path.join(root, 'archive'),
    claims: path.join(root, 'claims'),
    database: path.join(root, 'passerelle.db'),
    redis: path.join(root, 'redis'),
    runDir: path.join(root, 'run'),
  };
}
