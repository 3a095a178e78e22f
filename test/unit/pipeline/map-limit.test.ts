import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../../src/pipeline/map-limit.js';

describe('mapLimit', () => {
  it('runs at most `limit` tasks at once and settles every item in order', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      if (item === 4) throw new Error('four');
      return item * 10;
    });
    expect(peak).toBe(3);
    expect(
      results.map((result) => (result.status === 'fulfilled' ? result.value : 'failed')),
    ).toEqual([10, 20, 30, 'failed', 50, 60, 70]);
  });

  it('returns nothing for no items', async () => {
    expect(await mapLimit([], 4, () => Promise.resolve(1))).toEqual([]);
  });
});
