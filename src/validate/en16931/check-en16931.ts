/**
 * Input: an invoice model. Output: one issue per failed official rule and context, coded
 * EN16931_RULE (fatal) or EN16931_RULE_WARNING, with the official id, flag and message.
 */
import type { ValidationIssue } from '../../errors/index.js';
import type { InvoiceModel, InvoiceSyntax, XmlTreeElement } from '../../formats/index.js';
import { checkSyntaxBinding } from './check-syntax-binding.js';
import { IMPLEMENTED_RULES } from './implemented-rules.js';
import { createRuleCollector, type ReportFailure } from './rule-collector.js';
import { checkAllowanceChargeRules } from './rules-allowances.js';
import { checkCodeListRules } from './rules-code-lists.js';
import { checkCodeListTreeRules } from './rules-code-lists-tree.js';
import { checkDocumentRules } from './rules-document.js';
import { checkLineRules } from './rules-lines.js';
import { checkPartyRules } from './rules-parties.js';
import { checkPaymentAndReferenceRules } from './rules-payment.js';
import { checkSplitPaymentRules } from './rules-split-payment.js';
import { checkTotalsRules } from './rules-totals.js';
import { checkVatBreakdownRules } from './rules-vat-breakdown.js';
import { checkCiiVatFamilies } from './rules-vat-cii.js';
import { checkUblVatFamilies } from './rules-vat-ubl.js';
import type { SyntaxBindingRules } from './syntax-binding-rules.js';

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

export interface CheckEn16931Options {
  /** The element tree the model was read from (`readInvoiceModel(…).tree`): without it the
   * rules whose contexts can sit anywhere in the document (BR-CL-07, 08, 10, 11, 14, 24, 26)
   * and the syntax-binding rules are not checked. */
  readonly tree?: XmlTreeElement | undefined;
  /** Syntax-binding rules loaded from the official Schematron (`loadSyntaxBindingRules`). */
  readonly syntaxBinding?: SyntaxBindingRules | undefined;
}

/** The business rules on the model; with the tree, the rules read from the tree too. */
export function checkEn16931(
  model: InvoiceModel,
  options: CheckEn16931Options = {},
): ValidationIssue[] {
  const collector = createRuleCollector(model.syntax, ENABLED[model.syntax], model.root);
  for (const family of FAMILIES) family(model, collector.report);
  const { tree, syntaxBinding } = options;
  if (tree !== undefined) {
    checkCodeListTreeRules(tree, model.syntax, collector.report);
    if (syntaxBinding !== undefined) {
      checkSyntaxBinding(tree, model.syntax, syntaxBinding, collector.reportOfficial);
    }
  }
  return collector.issues;
}
