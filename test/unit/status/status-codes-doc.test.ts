import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STATUS_CODES } from '../../../src/errors/index.js';
import { repoPath } from './xsd-check.js';

describe('docs/error-codes-status.md', () => {
  it('lists exactly the status codes, with their layer and severity', () => {
    const rows = readFileSync(repoPath('docs/error-codes-status.md'), 'utf8')
      .split('\n')
      .filter((line) => /^\|\s*[A-Z][A-Z0-9_]+\s*\|/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .map(([, code, layer, severity]) => [code, layer, severity]);
    const fromCode = Object.entries(STATUS_CODES).map(([code, definition]) => [
      code,
      definition.layer,
      definition.severity,
    ]);
    expect([...rows].sort()).toEqual([...fromCode].sort());
  });
});
