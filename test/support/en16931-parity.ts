/**
 * Runs one document through both the engine (model + rules) and the official CEN XSLT and
 * compares the (rule, flag) sets, on all rules and on the implemented ones only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInvoiceModel } from '../../src/formats/model/index.js';
import {
  checkEn16931,
  IMPLEMENTED_RULES,
  type SyntaxBindingRules,
} from '../../src/validate/en16931/index.js';
import { loadSyntaxBindingRules } from '../../src/validate/index.js';
import {
  detectOfficialSyntax,
  runOfficialCen,
  toRuleKeys,
  type OfficialSyntax,
} from './official-cen.js';
import { loadSharedRuleTexts } from './load-rule-texts.js';
import { SHARED_SAMPLES, SHARED_SCHEMAS } from './paths.js';

export const SAMPLES_ROOT = SHARED_SAMPLES;

export interface Sample {
  readonly name: string;
  readonly syntax: OfficialSyntax;
  readonly xml: string;
}

export function listSamples(): Sample[] {
  return (['ubl', 'cii'] as const).flatMap((syntax) =>
    readdirSync(join(SAMPLES_ROOT, syntax))
      .filter((name) => name.endsWith('.xml'))
      .sort()
      .map((name) => ({
        name: `${syntax}/${name}`,
        syntax,
        xml: readFileSync(join(SAMPLES_ROOT, syntax, name), 'utf8'),
      })),
  );
}

export interface ParityOutcome {
  /** False when the official XSLT raised a dynamic error (the document is out of its domain). */
  readonly comparable: boolean;
  readonly engine: ReadonlySet<string>;
  readonly official: ReadonlySet<string>;
  /** Keys in one set and not the other, restricted to implemented rules. */
  readonly implementedDiff: readonly string[];
  /** Keys in one set and not the other, on every rule. */
  readonly allDiff: readonly string[];
  readonly error?: string;
}

export const SCHEMAS_ROOT = SHARED_SCHEMAS;

let syntaxBinding: SyntaxBindingRules | undefined;

/** The syntax-binding rules compiled from the shared schemas, once per test process. */
export function sharedSyntaxBinding(): SyntaxBindingRules {
  loadSharedRuleTexts();
  syntaxBinding ??= loadSyntaxBindingRules(SCHEMAS_ROOT);
  return syntaxBinding;
}

export function engineKeys(xml: string): Set<string> {
  const result = readInvoiceModel(Buffer.from(xml, 'utf8'));
  if (!result.ok) return new Set(result.issues.map((issue) => `${issue.rule}|${issue.severity}`));
  return toRuleKeys(
    checkEn16931(result.model, { tree: result.tree, syntaxBinding: sharedSyntaxBinding() }).map(
      (issue) => ({ rule: issue.rule, flag: issue.severity }),
    ),
  );
}

function symmetricDiff(left: ReadonlySet<string>, right: ReadonlySet<string>): string[] {
  const onlyLeft = [...left].filter((key) => !right.has(key)).map((key) => `engine-only ${key}`);
  const onlyRight = [...right].filter((key) => !left.has(key)).map((key) => `official-only ${key}`);
  return [...onlyLeft, ...onlyRight].sort();
}

function restrict(keys: ReadonlySet<string>, syntax: OfficialSyntax): Set<string> {
  const implemented = new Set(IMPLEMENTED_RULES[syntax]);
  return new Set([...keys].filter((key) => implemented.has(key.split('|')[0] ?? '')));
}

export function compareWithOfficial(xml: string, syntax?: OfficialSyntax): ParityOutcome {
  const engine = engineKeys(xml);
  const detected = syntax ?? detectOfficialSyntax(xml) ?? 'ubl';
  const official = runOfficialCen(detected, xml);
  if (!official.ok) {
    return {
      comparable: false,
      engine,
      official: new Set(),
      implementedDiff: [],
      allDiff: [],
      error: official.error,
    };
  }
  const officialKeys = toRuleKeys(official.failures);
  return {
    comparable: true,
    engine,
    official: officialKeys,
    implementedDiff: symmetricDiff(restrict(engine, detected), restrict(officialKeys, detected)),
    allDiff: symmetricDiff(engine, officialKeys),
  };
}
