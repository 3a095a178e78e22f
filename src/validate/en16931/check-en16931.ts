/**
 * Input: an invoice model. Output: one issue per failed official rule and context, coded
 * EN16931_RULE (fatal) or EN16931_RULE_WARNING, with the official id, flag and message.
 */
import type { ValidationIssue } from '../../errors/index.js';
import type { InvoiceModel, InvoiceSyntax } from '../../formats/model/index.js';
import { IMPLEMENTED_RULES } from './implemented-rules.js';
import { createRuleCollector, type ReportFailure } from './rule-collector.js';
import { checkAllowanceChargeRules } from './rules-allowances.js';
import { checkCodeListRules } from './rules-code-lists.js';
import { checkDocumentRules } from './rules-document.js';
import { checkLineRules } from './rules-lines.js';
import { checkPartyRules } from './rules-parties.js';
import { checkPaymentAndReferenceRules } from './rules-payment.js';
import { checkSplitPaymentRules } from './rules-split-payment.js';
import { checkTotalsRules } from './rules-totals.js';
import { checkVatBreakdownRules } from './rules-vat-breakdown.js';
import { checkCiiVatFamilies } from './rules-vat-cii.js';
import { checkUblVatFamilies } from './rules-vat-ubl.js';

type RuleFamily = (model: InvoiceModel, report: ReportFailure) => void;

const FAMILIES: readonly RuleFamily[] = [
  checkDocumentRules,
  checkPartyRules,
  checkTotalsRules,
  checkVatBreakdownRules,
  checkAllowanceChargeRules,
  checkLineRules,
  checkPaymentAndReferenceRules,
  checkUblVatFamilies,
  checkCiiVatFamilies,
  checkCodeListRules,
  checkSplitPaymentRules,
];

const ENABLED: Readonly<Record<InvoiceSyntax, ReadonlySet<string>>> = {
  ubl: new Set(IMPLEMENTED_RULES.ubl),
  cii: new Set(IMPLEMENTED_RULES.cii),
};

export function checkEn16931(model: InvoiceModel): ValidationIssue[] {
  const collector = createRuleCollector(model.syntax, ENABLED[model.syntax], model.root);
  for (const family of FAMILIES) family(model, collector.report);
  return collector.issues;
}
