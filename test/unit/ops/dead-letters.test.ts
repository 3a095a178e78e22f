import { describe, expect, it } from 'vitest';
import { failureCodeOf, groupDeadLetters, toDeadLetter, UNCODED } from '../../../src/ops/index.js';

describe('dead letters', () => {
  it('take the code in front of the failure message, UNCODED otherwise', () => {
    expect(failureCodeOf('STORAGE_IO: disk full')).toBe('STORAGE_IO');
    expect(failureCodeOf("ENOTDIR: not a directory, open '/x'")).toBe('ENOTDIR');
    expect(failureCodeOf('Cannot read properties of undefined')).toBe(UNCODED);
    expect(failureCodeOf('')).toBe(UNCODED);
  });

  it('group by code, the largest group first', () => {
    const job = (id: string, reason: string) =>
      toDeadLetter('route', {
        id,
        attemptsMade: 8,
        failedReason: reason,
        finishedOn: 0,
        data: { flowId: 'F', invoiceId: id },
      });
    const groups = groupDeadLetters([
      job('1', 'STORAGE_IO: a'),
      job('2', 'INTERNAL: b'),
      job('3', 'STORAGE_IO: c'),
    ]);
    expect(groups.map((group) => [group.code, group.count])).toEqual([
      ['STORAGE_IO', 2],
      ['INTERNAL', 1],
    ]);
    expect(groups[0]?.letters[0]).toMatchObject({
      queue: 'route',
      jobId: '1',
      invoiceId: '1',
      failedAt: '1970-01-01T00:00:00.000Z',
    });
  });
});
