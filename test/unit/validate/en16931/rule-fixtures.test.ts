import { afterAll, describe, expect, it } from 'vitest';
import { IMPLEMENTED_RULES } from '../../../../src/validate/en16931/index.js';
import { createAgreementTally } from '../../../support/en16931-agreement.js';
import { applyFixtureOps, canApply } from '../../../support/en16931-fixture-ops.js';
import {
  compareWithOfficial,
  listSamples,
  type ParityOutcome,
} from '../../../support/en16931-parity.js';
import { RULE_FIXTURES } from './rule-fixtures.js';

const samples = new Map(listSamples().map((sample) => [sample.name, sample]));
const baseOutcomes = new Map<string, ParityOutcome>();
const tally = createAgreementTally();

function baseOutcome(name: string): ParityOutcome {
  let outcome = baseOutcomes.get(name);
  if (outcome === undefined) {
    const sample = samples.get(name);
    if (sample === undefined) throw new Error(`unknown sample ${name}`);
    outcome = compareWithOfficial(sample.xml, sample.syntax);
    baseOutcomes.set(name, outcome);
  }
  return outcome;
}

function hasRule(keys: ReadonlySet<string>, rule: string): boolean {
  return [...keys].some((key) => key.startsWith(`${rule}|`));
}

describe('one fixture per implemented rule: fires on the mutation, passes on the sample', () => {
  afterAll(() => {
    console.log(tally.summary('per-rule fixtures'));
    for (const syntax of ['ubl', 'cii'] as const) {
      const covered = new Set(
        RULE_FIXTURES.filter((item) => item[0] === syntax).map((item) => item[1]),
      );
      const missing = IMPLEMENTED_RULES[syntax].filter((rule) => !covered.has(rule));
      console.log(
        `[en16931 fixtures] ${syntax}: ${String(covered.size)} rules with a firing fixture; none yet for ${missing.join(' ') || '-'}`,
      );
    }
  });

  it.each(RULE_FIXTURES.map((fixture) => [`${fixture[0]} ${fixture[1]}`, fixture] as const))(
    '%s',
    (_name, [syntax, rule, sampleName, ops]) => {
      const sample = samples.get(sampleName);
      expect(sample?.syntax).toBe(syntax);
      if (sample === undefined) return;
      const passing = baseOutcome(sampleName);
      expect(hasRule(passing.official, rule)).toBe(false);
      expect(hasRule(passing.engine, rule)).toBe(false);
      let xml = sample.xml;
      for (const op of ops) {
        expect(canApply(xml, op)).toBe(true);
        xml = applyFixtureOps(xml, [op]);
      }
      const outcome = compareWithOfficial(xml, syntax);
      tally.record(outcome);
      expect(outcome.comparable).toBe(true);
      expect(hasRule(outcome.official, rule)).toBe(true);
      expect(hasRule(outcome.engine, rule)).toBe(true);
      expect(outcome.implementedDiff).toEqual([]);
    },
  );
});
