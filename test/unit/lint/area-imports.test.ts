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

function areaPattern(): RegExp {
  for (const block of config) {
    const rule = block.rules?.['no-restricted-imports'];
    if (Array.isArray(rule) && block.files?.includes('src/**/*.ts')) {
      const options = rule[1] as { patterns: readonly RestrictedPattern[] };
      const pattern = options.patterns[0];
      if (pattern !== undefined) return new RegExp(pattern.regex);
    }
  }
  throw new Error('no no-restricted-imports rule for src/');
}

describe('import another area only through its index', () => {
  const pattern = areaPattern();

  it.each([
    '../status/render-status-xml.js',
    '../../ingest/archive/extract-zip.js',
    '../formats/model/read-ubl.js',
  ])('refuses %s', (specifier) => {
    expect(pattern.test(specifier)).toBe(true);
  });

  it.each([
    '../status/index.js',
    '../../formats/model/index.js',
    './fr/index.js',
    './check-schemas.js',
    '../schema-catalog.js',
    'node:fs',
    'saxes',
  ])('allows %s', (specifier) => {
    expect(pattern.test(specifier)).toBe(false);
  });
});
