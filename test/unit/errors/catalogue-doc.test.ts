import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../src/errors/index.js';
import { REPO_ROOT } from '../../support/paths.js';

/** Rows `| CODE | layer | severity | ... |` of every docs/error-codes*.md file. */
function documentedCodes(): Map<string, { layer: string; severity: string; file: string }> {
  const docs = path.join(REPO_ROOT, 'docs');
  const rows = new Map<string, { layer: string; severity: string; file: string }>();
  for (const file of readdirSync(docs).filter((name) => /^error-codes.*\.md$/.test(name))) {
    for (const line of readFileSync(path.join(docs, file), 'utf8').split('\n')) {
      const match =
        /^\|\s*`?([A-Z][A-Z0-9_]+)`?\s*\|\s*`?([a-z0-9]+)`?\s*\|\s*`?(fatal|warning)`?\s*\|/.exec(
          line,
        );
      if (!match) continue;
      const [, code = '', layer = '', severity = ''] = match;
      expect(rows.has(code), `${code} documented twice`).toBe(false);
      rows.set(code, { layer, severity, file });
    }
  }
  return rows;
}

describe('the error catalogue and its documentation', () => {
  const documented = documentedCodes();

  it('documents every code of the catalogue with its layer and severity', () => {
    for (const [code, definition] of Object.entries(CATALOGUE)) {
      expect(documented.get(code), `${code} is not documented`).toMatchObject({
        layer: definition.layer,
        severity: definition.severity,
      });
    }
  });

  it('documents no code the catalogue does not have', () => {
    const known = new Set(Object.keys(CATALOGUE));
    expect([...documented.keys()].filter((code) => !known.has(code))).toEqual([]);
  });

  it('gives every code a message and stable upper-case spelling', () => {
    for (const [code, definition] of Object.entries(CATALOGUE)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(definition.message.length).toBeGreaterThan(10);
    }
  });
});
