import type { InvoiceModel, TaxCategory, VatBreakdown } from '../../formats/index.js';
import {
  parseXsDecimal,
  parseXsNumber,
  roundCents,
  roundXPath,
  sumDecimals,
  zero,
  type Decimal,
} from './decimal.js';
import { memoPerBucket, rateKey, type BasisBucket, type BasisIndex } from './basis-index.js';
import type { ReportFailure } from './rule-collector.js';
import {
  checkCiiCategoryPresence,
  checkCiiSpecialRules,
  createCiiVatContext,
  type CiiVatContext,
} from './rules-vat-cii-document.js';
import { ruleOf, VAT_FAMILIES, type VatFamilySpec } from './vat-family-specs.js';
import { isRateAccepted } from './vat-rates.js';
import { isVatCategory } from './xpath-helpers.js';

/**
 * The VAT category families in CII. Codes are compared raw (`ram:CategoryCode = 'S'`); the
 * breakdown rules of S and Z have no VAT filter in their context, those of L, M and O have
 * the ApplicableTradeTax as context, the others its CategoryCode.
 */
export function checkCiiVatFamilies(model: InvoiceModel, report: ReportFailure): void {
  if (model.syntax !== 'cii') return;
  const context = createCiiVatContext(model);
  for (const spec of VAT_FAMILIES) {
    checkCiiCategoryPresence(model, context, spec, report);
    checkItemRules(context, spec, report);
    for (const breakdown of model.vatBreakdowns) {
      const category = breakdown.category;
      if (category?.code?.text !== spec.code) continue;
      const needsVat = spec.code !== 'S' && spec.code !== 'Z';
      if (needsVat && !isVatCategory('cii', category)) continue;
      checkBreakdown(context, spec, breakdown, category, report);
    }
  }
  checkCiiSpecialRules(model, context, report);
}

function matchesFamily(category: TaxCategory, spec: VatFamilySpec): boolean {
  return category.code?.text === spec.code && isVatCategory('cii', category);
}

function checkItemRules(context: CiiVatContext, spec: VatFamilySpec, report: ReportFailure): void {
  const groups = [
    [5, context.lineTaxes],
    [6, context.allowanceTaxes],
    [7, context.chargeTaxes],
  ] as const;
  for (const [number, categories] of groups) {
    for (const category of categories) {
      if (!matchesFamily(category, spec)) continue;
      if (!isRateAccepted(spec.ciiRate, category.rate, false))
        report(ruleOf(spec, number), category);
    }
  }
}

function checkBreakdown(
  context: CiiVatContext,
  spec: VatFamilySpec,
  breakdown: VatBreakdown,
  category: TaxCategory,
  report: ReportFailure,
): void {
  if (!isBasisOk(context.basis, spec, breakdown, category)) report(ruleOf(spec, 8), category);
  if (!isTaxAmountOk(spec, breakdown, category)) report(ruleOf(spec, 9), category);
  const hasReason =
    category.exemptionReason !== undefined || category.exemptionReasonCode !== undefined;
  if (hasReason !== (spec.exemption === 'required')) report(ruleOf(spec, 10), category);
}

/** Lines + charges - allowances, each sum rounded to cents as the artefact does. */
const roundedTotal = memoPerBucket((bucket: BasisBucket): Decimal => {
  const rounded = (texts: readonly string[]): Decimal => roundCents(sumDecimals(texts) ?? zero());
  return rounded(bucket.lineAmounts)
    .plus(rounded(bucket.chargeAmounts))
    .minus(rounded(bucket.allowanceAmounts));
});

function isBasisOk(
  basis: BasisIndex,
  spec: VatFamilySpec,
  breakdown: VatBreakdown,
  category: TaxCategory,
): boolean {
  // BR-AF-08 and BR-AG-08 read `../ram:RateApplicablePercent` from an ApplicableTradeTax
  // context, i.e. on the settlement, which has none: `every` over nothing holds, always.
  if (spec.code === 'L' || spec.code === 'M') return true;
  const rate = rateKey(category.rate?.text);
  if (spec.basis === 'per-rate' && rate === undefined) return true;
  const bucket =
    spec.basis === 'category' || rate === undefined
      ? basis.byCode(spec.code)
      : basis.byCodeAndRate(spec.code, rate);
  const expected = roundedTotal(bucket);
  const taxable = parseXsNumber(breakdown.taxableAmount?.text);
  if (taxable === undefined) return false;
  if (spec.basis === 'per-rate' || spec.code === 'O') return taxable.eq(expected);
  return taxable.minus(1).lt(expected) && taxable.plus(1).gt(expected);
}

function isTaxAmountOk(
  spec: VatFamilySpec,
  breakdown: VatBreakdown,
  category: TaxCategory,
): boolean {
  if (spec.code === 'L' || spec.code === 'M') return true;
  if (spec.taxAmount === 'zero') return parseXsNumber(breakdown.taxAmount?.text)?.eq(0) === true;
  const tax = parseXsDecimal(breakdown.taxAmount?.text);
  const basis = parseXsDecimal(breakdown.taxableAmount?.text);
  const rate = parseXsNumber(category.rate?.text);
  if (tax === undefined || basis === undefined || rate === undefined) return false;
  const expected = roundXPath(basis.abs().times(rate)).div(100);
  return tax.abs().minus(1).lt(expected) && tax.abs().plus(1).gt(expected);
}
