import { readFileSync } from 'node:fs';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { extractFacturX } from '../../../../src/formats/facturx/index.js';
import { listSamples } from '../../../support/paths.js';

const SAMPLE = readFileSync(
  listSamples('factur-x').find((file) => file.endsWith('Facture_FR_MINIMUM.pdf')) ?? '',
);

/** Overwrites a few bytes of a real sample, keeping its header and trailer mostly intact. */
const damagedSample = fc
  .array(fc.tuple(fc.nat({ max: SAMPLE.length - 1 }), fc.integer({ min: 0, max: 255 })), {
    minLength: 1,
    maxLength: 40,
  })
  .map((edits) => {
    const copy = Uint8Array.from(SAMPLE);
    for (const [offset, value] of edits) {
      copy[offset] = value;
    }
    return copy;
  });

describe('extractFacturX on damaged input', () => {
  it('always resolves to a result, with a fatal issue whenever it is not ok', async () => {
    await fc.assert(
      fc.asyncProperty(damagedSample, async (pdf) => {
        const result = await extractFacturX(pdf);

        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(result.issues.some((issue) => issue.severity === 'fatal')).toBe(true);
        }
      }),
      { numRuns: 40, seed: 20261124 },
    );
  });
});
