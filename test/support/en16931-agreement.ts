/**
 * Accumulates engine-versus-official comparisons across a test file and prints the
 * agreement figures: on the implemented rules (which the tests require to be total) and on
 * every official rule, which shows how much of the artefact the engine does not cover yet.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IMPLEMENTED_RULES } from '../../src/validate/en16931/index.js';
import type { OfficialSyntax } from './official-cen.js';
import type { ParityOutcome } from './en16931-parity.js';
import { SHARED_SCHEMAS } from './paths.js';

export interface AgreementTally {
  record(outcome: ParityOutcome): void;
  summary(label: string): string;
}

const SCHEMATRON: Readonly<Record<OfficialSyntax, string>> = {
  ubl: path.join(
    SHARED_SCHEMAS,
    'en16931-cen-1.3.16/ubl/schematron/preprocessed/EN16931-UBL-validation-preprocessed.sch',
  ),
  cii: path.join(
    SHARED_SCHEMAS,
    'en16931-cen-1.3.16/cii/schematron/preprocessed/EN16931-CII-validation-preprocessed.sch',
  ),
};

/** Distinct official assert ids of a syntax (its whole rule set). */
export function officialRuleIds(syntax: OfficialSyntax): Set<string> {
  const text = readFileSync(SCHEMATRON[syntax], 'utf8');
  return new Set([...text.matchAll(/<assert\s+id="([^"]+)"/g)].map((match) => match[1] ?? ''));
}

export function createAgreementTally(): AgreementTally {
  let documents = 0;
  let skipped = 0;
  let implementedAgreeing = 0;
  let allAgreeing = 0;
  let allUnion = 0;
  let allDiffering = 0;
  const missed = new Map<string, number>();
  return {
    record(outcome) {
      if (!outcome.comparable) {
        skipped += 1;
        return;
      }
      documents += 1;
      if (outcome.implementedDiff.length === 0) implementedAgreeing += 1;
      if (outcome.allDiff.length === 0) allAgreeing += 1;
      allUnion += new Set([...outcome.engine, ...outcome.official]).size;
      allDiffering += outcome.allDiff.length;
      for (const key of outcome.allDiff) {
        const rule = key.replace(/^\S+ /, '').split('|')[0] ?? '';
        missed.set(rule, (missed.get(rule) ?? 0) + 1);
      }
    },
    summary(label) {
      const coverage = (['ubl', 'cii'] as const)
        .map(
          (syntax) =>
            `${syntax} ${String(IMPLEMENTED_RULES[syntax].length)}/${String(officialRuleIds(syntax).size)}`,
        )
        .join(', ');
      const pairs = allUnion === 0 ? 100 : (100 * (allUnion - allDiffering)) / allUnion;
      const topMissed = [...missed]
        .sort((left, right) => right[1] - left[1])
        .slice(0, 8)
        .map(([rule, count]) => `${rule}×${String(count)}`)
        .join(' ');
      return [
        `[en16931 parity] ${label}: ${String(documents)} documents compared (${String(skipped)} skipped: official XSLT raised a dynamic error)`,
        `  implemented rules (${coverage} official ids): ${String(implementedAgreeing)}/${String(documents)} documents agree`,
        `  all official rules: ${String(allAgreeing)}/${String(documents)} documents agree; ${pairs.toFixed(1)}% of fired (rule, flag) pairs agree`,
        `  most frequent disagreements (not implemented): ${topMissed || 'none'}`,
      ].join('\n');
    },
  };
}
