import type { InvoiceModel, TaxCategory } from '../../formats/index.js';
import { createBasisIndex, type BasisIndex } from './basis-index.js';
import type { ReportFailure } from './rule-collector.js';
import { ruleOf, type VatFamilySpec } from './vat-family-specs.js';
import { isAllowanceByBoolean, isChargeByBoolean, isVatCategory } from './xpath-helpers.js';

/** What the CII VAT family rules read from a model, gathered once per invoice. */
export interface CiiVatContext {
  readonly lineTaxes: readonly TaxCategory[];
  /** Categories of every allowance and charge, document and line level. */
  readonly itemTaxes: readonly TaxCategory[];
  readonly allowanceTaxes: readonly TaxCategory[];
  readonly chargeTaxes: readonly TaxCategory[];
  readonly headerTaxes: readonly TaxCategory[];
  /** The amounts of rule 08, per category code and rate (codes compared raw, as in CII). */
  readonly basis: BasisIndex;
}

export function createCiiVatContext(model: InvoiceModel): CiiVatContext {
  const allCharges = [
    ...model.allowanceCharges,
    ...model.lines.flatMap((line) => line.allowanceCharges),
  ];
  return {
    lineTaxes: model.lines.flatMap((line) => line.categories),
    itemTaxes: allCharges.flatMap((item) => item.categories),
    allowanceTaxes: allCharges.filter(isAllowanceByBoolean).flatMap((item) => item.categories),
    chargeTaxes: allCharges.filter(isChargeByBoolean).flatMap((item) => item.categories),
    headerTaxes: model.vatBreakdowns.flatMap((item) => (item.category ? [item.category] : [])),
    basis: createBasisIndex(model, (category) => category.code?.text ?? ''),
  };
}

/** Rule 01 (document context) and rules 02 to 04 (item contexts) of a CII family. */
export function checkCiiCategoryPresence(
  model: InvoiceModel,
  context: CiiVatContext,
  spec: VatFamilySpec,
  report: ReportFailure,
): void {
  const code = spec.code;
  const { lineTaxes, itemTaxes, headerTaxes } = context;
  const count = (categories: readonly TaxCategory[]): number =>
    categories.filter((category) => category.code?.text === code).length;
  const lines = count(lineTaxes);
  const items = count(itemTaxes);
  const header = count(headerTaxes);
  let presenceOk: boolean;
  if (code === 'S' || code === 'L' || code === 'M') {
    presenceOk = (lines + header >= 2 || lines === 0) && (items + header >= 2 || items === 0);
  } else if (code === 'O') {
    presenceOk = header === 0 || (header === 1 && (lines > 0 || items > 0));
  } else {
    presenceOk =
      (header === 0 && lines === 0 && items === 0) || (header === 1 && (lines > 0 || items > 0));
  }
  if (!presenceOk) report(ruleOf(spec, 1), model.root);
  if (partyCondition(model, code)) return;
  const inFamily = (category: TaxCategory): boolean =>
    category.code?.text === code && isVatCategory('cii', category);
  const groups = [
    [2, lineTaxes],
    [3, context.allowanceTaxes],
    [4, context.chargeTaxes],
  ] as const;
  for (const [number, categories] of groups) {
    for (const category of categories.filter(inFamily)) report(ruleOf(spec, number), category);
  }
}

function hasScheme(
  model: InvoiceModel,
  party: 'seller' | 'buyer' | 'taxRepresentative',
  schemes: readonly string[],
): boolean {
  return (model[party]?.taxIds ?? []).some((taxId) => schemes.includes(taxId.scheme));
}

function partyCondition(model: InvoiceModel, code: string): boolean {
  const sellerVa = hasScheme(model, 'seller', ['VA']);
  const sellerVaFc = hasScheme(model, 'seller', ['VA', 'FC']);
  const representativeVa = hasScheme(model, 'taxRepresentative', ['VA']);
  const buyerVa = hasScheme(model, 'buyer', ['VA']);
  const buyerLegal = (model.buyer?.legalIds.length ?? 0) > 0;
  switch (code) {
    case 'AE':
      return (sellerVaFc || representativeVa) && (buyerVa || buyerLegal);
    case 'G':
      return sellerVa || representativeVa;
    case 'K':
      return (sellerVa || representativeVa) && buyerVa;
    case 'O':
      return !sellerVa && !representativeVa && !buyerVa;
    default:
      return sellerVaFc || representativeVa;
  }
}

/** BR-IC-11, BR-IC-12 and BR-O-11 to BR-O-14 (breakdown contexts in CII). */
export function checkCiiSpecialRules(
  model: InvoiceModel,
  context: CiiVatContext,
  report: ReportFailure,
): void {
  const notO = (categories: readonly TaxCategory[]): boolean =>
    categories.some((item) => item.code !== undefined && item.code.text !== 'O');
  // Decided once per invoice: every O breakdown reports the same, whatever its count.
  const otherThanOInLinesOrBreakdowns = notO(context.lineTaxes) || notO(context.headerTaxes);
  const otherThanOInAllowanceCharges = notO(context.itemTaxes);
  for (const breakdown of model.vatBreakdowns) {
    const category = breakdown.category;
    if (category === undefined || !isVatCategory('cii', category)) continue;
    if (category.code?.text === 'K') {
      const hasPeriod = model.invoicePeriods.some((period) => period.hasStart || period.hasEnd);
      if (model.delivery?.actualDate === undefined && !hasPeriod) report('BR-IC-11', category);
      if (model.delivery?.addresses[0]?.countryCode === undefined) report('BR-IC-12', category);
    }
    if (category.code?.text === 'O') {
      if (otherThanOInLinesOrBreakdowns) {
        report('BR-O-11', category);
        report('BR-O-12', category);
      }
      if (otherThanOInAllowanceCharges) {
        report('BR-O-13', category);
        report('BR-O-14', category);
      }
    }
  }
}
