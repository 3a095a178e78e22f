import type { AllowanceCharge, InvoiceModel } from '../../formats/index.js';
import { hasAtMostDecimals } from './decimal.js';
import type { ReportFailure } from './rule-collector.js';
import { isAllowanceContext, isChargeContext, isVatCategory } from './xpath-helpers.js';

interface AllowanceChargeRuleIds {
  readonly amount: string;
  readonly vatCategory?: string;
  readonly reasons: readonly string[];
  readonly amountDecimals: string;
  readonly baseDecimals: string;
}

const DOCUMENT_ALLOWANCE: AllowanceChargeRuleIds = {
  amount: 'BR-31',
  vatCategory: 'BR-32',
  reasons: ['BR-33', 'BR-CO-21'],
  amountDecimals: 'BR-DEC-01',
  baseDecimals: 'BR-DEC-02',
};
const DOCUMENT_CHARGE: AllowanceChargeRuleIds = {
  amount: 'BR-36',
  vatCategory: 'BR-37',
  reasons: ['BR-38', 'BR-CO-22'],
  amountDecimals: 'BR-DEC-05',
  baseDecimals: 'BR-DEC-06',
};
const LINE_ALLOWANCE: AllowanceChargeRuleIds = {
  amount: 'BR-41',
  reasons: ['BR-42', 'BR-CO-23'],
  amountDecimals: 'BR-DEC-24',
  baseDecimals: 'BR-DEC-25',
};
const LINE_CHARGE: AllowanceChargeRuleIds = {
  amount: 'BR-43',
  reasons: ['BR-44', 'BR-CO-24'],
  amountDecimals: 'BR-DEC-27',
  baseDecimals: 'BR-DEC-28',
};

/**
 * BR-31 to BR-33, BR-36 to BR-38, BR-41 to BR-44, BR-CO-21 to BR-CO-24 and their BR-DEC rules.
 * BR-CO-05 to BR-CO-08 are `true()` in both artefacts: they never fail, here neither.
 */
export function checkAllowanceChargeRules(model: InvoiceModel, report: ReportFailure): void {
  for (const item of model.allowanceCharges) {
    if (isAllowanceContext(model.syntax, item)) checkOne(model, item, DOCUMENT_ALLOWANCE, report);
    else if (isChargeContext(model.syntax, item)) checkOne(model, item, DOCUMENT_CHARGE, report);
  }
  for (const line of model.lines) {
    for (const item of line.allowanceCharges) {
      if (isAllowanceContext(model.syntax, item)) checkOne(model, item, LINE_ALLOWANCE, report);
      else if (isChargeContext(model.syntax, item)) checkOne(model, item, LINE_CHARGE, report);
    }
  }
}

function checkOne(
  model: InvoiceModel,
  item: AllowanceCharge,
  ids: AllowanceChargeRuleIds,
  report: ReportFailure,
): void {
  if (item.amounts.length === 0) report(ids.amount, item);
  if (
    ids.vatCategory !== undefined &&
    !item.categories.some(
      (category) => isVatCategory(model.syntax, category) && category.code !== undefined,
    )
  ) {
    report(ids.vatCategory, item);
  }
  if (item.reason === undefined && item.reasonCode === undefined) {
    for (const rule of ids.reasons) report(rule, item);
  }
  if (!hasAtMostDecimals(item.amounts[0]?.text, 2)) report(ids.amountDecimals, item);
  if (!hasAtMostDecimals(item.baseAmount?.text, 2)) report(ids.baseDecimals, item);
}
