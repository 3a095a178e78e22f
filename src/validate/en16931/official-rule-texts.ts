import path from 'node:path';
import type { InvoiceSyntax } from '../../formats/index.js';
import type { OfficialRuleText } from './official-rule-text.js';
import { readOfficialRuleTexts } from './read-rule-texts.js';

/** The official Schematron each syntax's rule texts are read from, relative to `schemasDir`. */
export type RuleTextFiles = Readonly<Record<InvoiceSyntax, string>>;

const installed = new Map<InvoiceSyntax, ReadonlyMap<string, OfficialRuleText>>();

/**
 * Reads the flags and messages of every rule from the installed official Schematron (manifest
 * `ruleTexts`), once per process at start-up: a new CEN release needs no code change.
 */
export function loadOfficialRuleTexts(schemasDir: string, files: RuleTextFiles): void {
  const ubl = readOfficialRuleTexts(path.join(schemasDir, files.ubl));
  const cii = readOfficialRuleTexts(path.join(schemasDir, files.cii));
  installed.set('ubl', ubl);
  installed.set('cii', cii);
}

export function areOfficialRuleTextsLoaded(): boolean {
  return installed.size > 0;
}

/** Official flag and message of a rule for a syntax, or undefined for an unknown id. */
export function officialRuleText(
  syntax: InvoiceSyntax,
  rule: string,
): OfficialRuleText | undefined {
  const texts = installed.get(syntax);
  // A programming error, not a document problem: the flags (fatal or warning) come from here.
  if (texts === undefined)
    throw new Error('The official rule texts are not loaded: call loadOfficialRuleTexts first.');
  return texts.get(rule);
}
