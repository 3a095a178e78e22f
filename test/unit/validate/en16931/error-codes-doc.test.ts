import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_CODES } from '../../../../src/errors/codes/rule-codes.js';

describe('docs/error-codes-rules.md', () => {
  it('lists exactly the rule codes, with their layer and severity', () => {
    const text = readFileSync(
      new URL('../../../../docs/error-codes-rules.md', import.meta.url),
      'utf8',
    );
    const rows = [...text.matchAll(/^\|\s*([A-Z0-9_]+)\s*\|\s*(\w+)\s*\|\s*(\w+)\s*\|/gm)].map(
      (match) => ({
        code: match[1] ?? '',
        layer: match[2] ?? '',
        severity: match[3] ?? '',
      }),
    );
    expect(rows.map((row) => row.code).sort()).toEqual(Object.keys(RULE_CODES).sort());
    for (const row of rows) {
      const definition = RULE_CODES[row.code as keyof typeof RULE_CODES];
      expect(row.layer).toBe(definition.layer);
      expect(row.severity).toBe(definition.severity);
    }
  });
});
