import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PasserelleError, PUSH_FAILURE_CODES } from '../../../src/errors/index.js';
import { REPO_ROOT } from '../../support/paths.js';

/** Rows `| `CODE` | yes/no | ...` of the push failure table in docs/push-delivery.md. */
function documented(): Map<string, boolean> {
  const text = readFileSync(path.join(REPO_ROOT, 'docs', 'push-delivery.md'), 'utf8');
  const rows = new Map<string, boolean>();
  for (const line of text.split('\n')) {
    const match = /^\|\s*`(PUSH_[A-Z_]+)`\s*\|\s*(yes|no)\s*\|/.exec(line);
    if (match?.[1] !== undefined) rows.set(match[1], match[2] === 'yes');
  }
  return rows;
}

describe('push failure codes', () => {
  it('are each documented with whether they are retried, and nothing else is', () => {
    const rows = documented();
    expect([...rows.keys()].sort()).toEqual([...PUSH_FAILURE_CODES].sort());
    for (const code of PUSH_FAILURE_CODES) {
      expect(rows.get(code), code).toBe(new PasserelleError(code, 'x').isRetryable);
    }
  });
});
