import type { InvoiceModel, TaxCategory, VatBreakdown } from '../../formats/index.js';
import {
  parseXsDecimal,
  parseXsNumber,
  roundCents,
  sumDecimals,
  zero,
  type Decimal,
} from './decimal.js';
import { memoPerBucket, rateKey, type BasisBucket } from './basis-index.js';
import type { ReportFailure } from './rule-collector.js';
import { ruleOf, VAT_FAMILIES, type VatFamilySpec } from './vat-family-specs.js';
import { isRateAccepted } from './vat-rates.js';
import { checkUblCategoryPresence, checkUblSpecialRules } from './rules-vat-ubl-document.js';
import {
  clearCategoryFacts,
  codeOf,
  createUblVatContext,
  isUblVat,
  type UblVatContext,
} from './ubl-vat-context.js';

/** The VAT category families (BR-S, BR-Z, BR-E, BR-AE, BR-IC, BR-G, BR-O, BR-AF, BR-AG) in UBL. */
export function checkUblVatFamilies(model: InvoiceModel, report: ReportFailure): void {
  if (model.syntax !== 'ubl') return;
  const context = createUblVatContext(model);
  for (const spec of VAT_FAMILIES) {
    checkUblCategoryPresence(model, context, spec, report);
    checkItemRules(context, spec, report);
    for (const breakdown of model.vatBreakdowns) {
      const category = breakdown.category;
      if (!isUblVat(category) || codeOf(category) !== spec.code) continue;
      checkBreakdown(model, context, spec, breakdown, category, report);
    }
  }
  checkUblSpecialRules(model, context, report);
  clearCategoryFacts();
}

function checkItemRules(context: UblVatContext, spec: VatFamilySpec, report: ReportFailure): void {
  const isCast = spec.ublRate === 'zero';
  const groups = [
    [5, context.lineCategories],
    [6, context.allowanceCategories],
    [7, context.chargeCategories],
  ] as const;
  for (const [number, categories] of groups) {
    for (const category of categories) {
      if (!isUblVat(category) || codeOf(category) !== spec.code) continue;
      if (!isRateAccepted(spec.ublRate, category.rate, isCast))
        report(ruleOf(spec, number), category);
    }
  }
}

function checkBreakdown(
  model: InvoiceModel,
  context: UblVatContext,
  spec: VatFamilySpec,
  breakdown: VatBreakdown,
  category: TaxCategory,
  report: ReportFailure,
): void {
  const basisOk =
    spec.basis === 'category'
      ? isCategoryBasisOk(model, context, spec, breakdown)
      : isPerRateBasisOk(model, context, spec, breakdown, category);
  if (!basisOk) report(ruleOf(spec, 8), category);
  if (!isTaxAmountOk(spec, breakdown, category)) report(ruleOf(spec, 9), category);
  const hasReason =
    category.exemptionReason !== undefined || category.exemptionReasonCode !== undefined;
  if (hasReason !== (spec.exemption === 'required')) report(ruleOf(spec, 10), category);
}

/** Rule 08 for Z, E, AE, K, G, O: exact sum, with no rounding, and only when lines exist. */
function isCategoryBasisOk(
  model: InvoiceModel,
  context: UblVatContext,
  spec: VatFamilySpec,
  breakdown: VatBreakdown,
): boolean {
  if (model.lines.length === 0) return false;
  const expected = exactTotal(context.basis.byCode(spec.code));
  const taxable = parseXsDecimal(breakdown.taxableAmount?.text);
  return taxable !== undefined && expected !== undefined && taxable.eq(expected);
}

/** Lines + charges - allowances, undefined when one amount is not a decimal. */
const exactTotal = memoPerBucket((bucket: BasisBucket): Decimal | undefined => {
  const lines = sumDecimals(bucket.lineAmounts);
  const charges = sumDecimals(bucket.chargeAmounts);
  const allowances = sumDecimals(bucket.allowanceAmounts);
  if (lines === undefined || charges === undefined || allowances === undefined) return undefined;
  return lines.plus(charges).minus(allowances);
});

/** The per-rate sums, where a term that is not a decimal makes its sum 0. */
const perRateTotals = memoPerBucket((bucket: BasisBucket) => {
  const sumOf = (texts: readonly string[]): Decimal => sumDecimals(texts) ?? zero();
  const charges = sumOf(bucket.chargeAmounts);
  const allowances = sumOf(bucket.allowanceAmounts);
  return {
    withLines: sumOf(bucket.lineAmounts).plus(charges).minus(allowances),
    withoutLines: charges.minus(allowances),
  };
});

/** Rule 08 for S, L, M: per rate, within one unit (the XSLT does this part in binary floats). */
function isPerRateBasisOk(
  model: InvoiceModel,
  context: UblVatContext,
  spec: VatFamilySpec,
  breakdown: VatBreakdown,
  category: TaxCategory,
): boolean {
  const rate = rateKey(category.rate?.text);
  if (rate === undefined) return true;
  const bucket = context.basis.byCodeAndRate(spec.code, rate);
  const taxable = parseXsNumber(breakdown.taxableAmount?.text);
  if (taxable === undefined) return false;
  const within = (total: Decimal): boolean =>
    taxable.minus(1).lt(total) && taxable.plus(1).gt(total);
  const { withLines, withoutLines } = perRateTotals(bucket);
  if (spec.code !== 'S') return model.lines.length > 0 && within(withLines);
  const anyCharge = bucket.anyAllowanceCharge;
  return (
    ((bucket.lineCount > 0 || anyCharge) && within(withLines)) ||
    (anyCharge && within(withoutLines))
  );
}

function isTaxAmountOk(
  spec: VatFamilySpec,
  breakdown: VatBreakdown,
  category: TaxCategory,
): boolean {
  const tax = parseXsDecimal(breakdown.taxAmount?.text);
  if (spec.taxAmount === 'zero') return tax?.eq(0) === true;
  const taxable = parseXsDecimal(breakdown.taxableAmount?.text);
  const rate = parseXsDecimal(category.rate?.text);
  if (tax === undefined || taxable === undefined || rate === undefined) return false;
  const expected = roundCents(taxable.abs().times(rate.div(100)));
  return tax.abs().minus(1).lt(expected) && tax.abs().plus(1).gt(expected);
}
