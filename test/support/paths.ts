import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from this file's place in test/support/ (or dist/test/support/). */
const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = here.includes(`${path.sep}dist${path.sep}`)
  ? path.resolve(here, '..', '..', '..')
  : path.resolve(here, '..', '..');

/** The read-only shared folder beside the checkout (official schemas and samples). */
export const SHARED_DIR =
  process.env.PASSERELLE_SHARED_DIR ?? path.resolve(REPO_ROOT, '..', 'shared');
export const SHARED_SCHEMAS = path.join(SHARED_DIR, 'schemas');
export const SHARED_SAMPLES = path.join(SHARED_DIR, 'samples');

export function listSamples(kind: 'ubl' | 'cii' | 'factur-x'): string[] {
  const dir = path.join(SHARED_SAMPLES, kind);
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => path.join(dir, name));
}
