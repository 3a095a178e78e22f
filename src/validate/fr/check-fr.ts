/**
 * Input: an invoice model and the configured rule settings. Output: one issue per failed
 * French rule, coded FR_RULE (fatal) or FR_RULE_WARNING, with the rule id, line and XPath.
 */
import type { ValidationIssue } from '../../errors/index.js';
import type { InvoiceModel } from '../../formats/index.js';
import { createFrCollector, type ReportFrFailure } from './fr-collector.js';
import type { FrRuleOverrides } from './fr-rules.js';
import { checkChorusProRules } from './rules-b2g.js';
import { checkDateRules } from './rules-dates.js';
import { checkDocumentIdRules } from './rules-document-ids.js';
import { checkNoteRules } from './rules-notes.js';
import { checkPartyRules } from './rules-parties.js';
import { checkVatRules } from './rules-vat.js';

type FrRuleFamily = (model: InvoiceModel, report: ReportFrFailure) => void;

const FAMILIES: readonly FrRuleFamily[] = [
  checkChorusProRules,
  checkDocumentIdRules,
  checkDateRules,
  checkNoteRules,
  checkPartyRules,
  checkVatRules,
];

export function checkFr(model: InvoiceModel, overrides?: FrRuleOverrides): ValidationIssue[] {
  const collector = createFrCollector(overrides, model.root);
  for (const family of FAMILIES) family(model, collector.report);
  return collector.issues;
}
