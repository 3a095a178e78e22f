/** The lint rule that keeps areas apart: another area is imported only through its index. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/paths.js';

type ConfigBlock = { readonly files?: string[]; readonly rules?: Record<string, unknown> };
// The flat config is plain JavaScript: loaded by URL so that TypeScript does not type it.
const { default: config } = (await import(
  pathToFileURL(path.join(REPO_ROOT, 'eslint.config.js')).href
)) as { default: readonly ConfigBlock[] };

interface RestrictedPattern {
  readonly regex: string;
}

function areaPatterns(): RegExp[] {
  for (const block of config) {
    const rule = block.rules?.['no-restricted-imports'];
    if (Array.isArray(rule) && block.files?.includes('src/**/*.ts')) {
      const options = rule[1] as { patterns: readonly RestrictedPattern[] };
      return options.patterns.map((pattern) => new RegExp(pattern.regex));
    }
  }
  throw new Error('no no-restricted-imports rule for src/');
}

describe('import another area only through its index', () => {
  const patterns = areaPatterns();
  const pattern = { test: (specifier: string) => patterns.some((regex) => regex.test(specifier)) };

  it.each([
    '../status/render-status-xml.js',
    '../../ingest/archive/extract-zip.js',
    '../formats/model/read-ubl.js',
    '../../formats/model/index.js',
    '../formats/facturx/index.js',
  ])('refuses %s', (specifier) => {
    expect(pattern.test(specifier)).toBe(true);
  });

  it.each([
    '../status/index.js',
    '../../formats/index.js',
    '../ingest/archive/index.js',
    './fr/index.js',
    './check-schemas.js',
    '../schema-catalog.js',
    'node:fs',
    'saxes',
  ])('allows %s', (specifier) => {
    expect(pattern.test(specifier)).toBe(false);
  });
});
