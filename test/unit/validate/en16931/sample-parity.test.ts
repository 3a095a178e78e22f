import { afterAll, describe, expect, it } from 'vitest';
import { createAgreementTally } from '../../../support/en16931-agreement.js';
import { compareWithOfficial, listSamples } from '../../../support/en16931-parity.js';

const tally = createAgreementTally();

describe('EN 16931 engine parity on the shared samples', () => {
  const samples = listSamples();

  afterAll(() => {
    console.log(tally.summary('shared samples'));
  });

  it('finds the shared samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(20);
  });

  it.each(samples.map((sample) => [sample.name, sample] as const))(
    '%s: zero fatal and the same (rule, flag) set as the official XSLT',
    (_name, sample) => {
      const outcome = compareWithOfficial(sample.xml, sample.syntax);
      tally.record(outcome);
      expect(outcome.comparable).toBe(true);
      expect([...outcome.engine].filter((key) => key.endsWith('|fatal'))).toEqual([]);
      expect(outcome.implementedDiff).toEqual([]);
      expect(outcome.allDiff).toEqual([]);
    },
  );
});
