import type { InvoiceSyntax } from '../../formats/model/index.js';
import type { OfficialRuleText } from './official-rule-text.js';
import { CII_RULE_TEXTS } from './rule-texts-cii.js';
import { UBL_RULE_TEXTS } from './rule-texts-ubl.js';

/** Official flag and message of a rule for a syntax, or undefined for an unknown id. */
export function officialRuleText(
  syntax: InvoiceSyntax,
  rule: string,
): OfficialRuleText | undefined {
  return (syntax === 'ubl' ? UBL_RULE_TEXTS : CII_RULE_TEXTS)[rule];
}
