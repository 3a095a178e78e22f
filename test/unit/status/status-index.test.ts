/** src/status/index.ts is the area's public surface: only what other areas import. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/paths.js';

function sourcesOutsideStatus(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory())
      return full.endsWith(`${path.sep}status`) ? [] : sourcesOutsideStatus(full);
    return entry.name.endsWith('.ts') ? [readFileSync(full, 'utf8')] : [];
  });
}

describe('status/index.ts', () => {
  it('exports only names that another area imports from it', () => {
    const index = readFileSync(path.join(REPO_ROOT, 'src', 'status', 'index.ts'), 'utf8');
    const exported = [...index.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((match) =>
      (match[1] ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    );
    const imports = sourcesOutsideStatus(path.join(REPO_ROOT, 'src'))
      .flatMap((source) => [
        ...source.matchAll(/import (?:type )?\{([^}]*)\} from '[./]*status\/index\.js'/g),
      ])
      .flatMap((match) =>
        (match[1] ?? '').split(',').map((name) => name.trim().replace(/^type /, '')),
      );
    expect(exported.filter((name) => !imports.includes(name))).toEqual([]);
  });
});
