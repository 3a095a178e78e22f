import type { InvoiceModel, VatBreakdown } from '../../formats/index.js';
import { hasAtMostDecimals, parseXsDecimal, roundCents, roundXPath } from './decimal.js';
import type { ReportFailure } from './rule-collector.js';
import { isVatCategory, normalizeText } from './xpath-helpers.js';

/**
 * In the CII artefact the VAT-breakdown rules of the L, M and O families have the
 * ApplicableTradeTax itself as context and come first in the pattern: Schematron fires only
 * the first matching rule per node, so those breakdowns never see BR-45 to BR-48 and the rest.
 */
const SHADOWING_CODES: ReadonlySet<string> = new Set(['L', 'M', 'O']);

/** BR-45 to BR-48, BR-CO-17, BR-DEC-19, BR-DEC-20; in CII also BR-CO-03 and BR-CO-18. */
export function checkVatBreakdownRules(model: InvoiceModel, report: ReportFailure): void {
  const syntax = model.syntax;
  const hasTaxPoint = model.vatBreakdowns.some((item) => item.taxPointDate !== undefined);
  const hasDueCode = model.vatBreakdowns.some((item) => item.dueDateTypeCode !== undefined);
  for (const breakdown of model.vatBreakdowns) {
    const category = breakdown.category;
    const isVat = isVatCategory(syntax, category);
    if (syntax === 'cii' && isVat && SHADOWING_CODES.has(category?.code?.text ?? '')) continue;
    if (breakdown.taxableAmount === undefined) report('BR-45', breakdown);
    if (breakdown.taxAmount === undefined) report('BR-46', breakdown);
    if (!isVat || category?.code === undefined) report('BR-47', breakdown);
    const code = syntax === 'ubl' ? normalizeText(category?.code?.text) : category?.code?.text;
    if (!isVat || (category?.rate === undefined && code !== 'O')) report('BR-48', breakdown);
    if (!isRateConsistent(breakdown, isVat, syntax === 'cii')) report('BR-CO-17', breakdown);
    if (!hasAtMostDecimals(breakdown.taxableAmount?.text, 2)) report('BR-DEC-19', breakdown);
    if (!hasAtMostDecimals(breakdown.taxAmount?.text, 2)) report('BR-DEC-20', breakdown);
    if (syntax === 'cii' && hasTaxPoint && hasDueCode) report('BR-CO-03', breakdown);
  }
  if (syntax === 'cii' && model.vatBreakdowns.length === 0) {
    for (const line of model.lines) report('BR-CO-18', line);
  }
}

/**
 * BR-CO-17: the category tax amount is within one unit of taxable amount x rate, rounded to
 * cents. UBL uses strict bounds, CII inclusive ones: each artefact is followed as written.
 */
function isRateConsistent(breakdown: VatBreakdown, isVat: boolean, isInclusive: boolean): boolean {
  const rate = isVat ? parseXsDecimal(breakdown.category?.rate?.text) : undefined;
  const tax = parseXsDecimal(breakdown.taxAmount?.text);
  const taxable = parseXsDecimal(breakdown.taxableAmount?.text);
  if (rate === undefined) return tax !== undefined && roundXPath(tax).eq(0);
  if (roundXPath(rate).eq(0)) {
    if (tax !== undefined && roundXPath(tax).eq(0)) return true;
    return false;
  }
  if (tax === undefined || taxable === undefined) return false;
  const expected = roundCents(taxable.abs().times(rate.div(100)));
  const low = tax.abs().minus(1);
  const high = tax.abs().plus(1);
  return isInclusive
    ? low.lte(expected) && high.gte(expected)
    : low.lt(expected) && high.gt(expected);
}
