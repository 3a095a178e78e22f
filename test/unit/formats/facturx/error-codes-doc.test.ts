import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { CATALOGUE } from '../../../../src/errors/index.js';
import { ARCHIVE_CODES } from '../../../../src/errors/codes/archive-codes.js';
import { FACTURX_CODES } from '../../../../src/errors/codes/facturx-codes.js';
import { REPO_ROOT } from '../../../support/paths.js';

type Row = [code: string, layer: string, severity: string];

function documentedRows(): Row[] {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'error-codes-facturx-archive.md'), 'utf8');
  return doc
    .split('\n')
    .filter((line) => /^\| [A-Z][A-Z0-9_]+ +\|/.test(line))
    .map((line) => {
      const [code = '', layer = '', severity = ''] = line
        .split('|')
        .slice(1)
        .map((cell) => cell.trim());
      return [code, layer, severity];
    });
}

describe('docs/error-codes-facturx-archive.md', () => {
  it('lists exactly the FACTURX_* and ARCHIVE_* codes with their layer and severity', () => {
    const expected: Row[] = Object.entries({ ...FACTURX_CODES, ...ARCHIVE_CODES }).map(
      ([code, definition]) => [code, definition.layer, definition.severity],
    );

    expect(documentedRows()).toEqual(expected);
  });

  it('has codes with the prefix of their layer, all in the catalogue', () => {
    for (const [code, layer] of documentedRows()) {
      expect(code.startsWith(`${layer.toUpperCase()}_`)).toBe(true);
      expect(Object.keys(CATALOGUE)).toContain(code);
    }
  });
});
