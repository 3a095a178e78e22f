import type { InvoiceModel, TaxCategory } from '../../formats/index.js';
import type { ReportFailure } from './rule-collector.js';
import { codeOf, isUblVat, type UblVatContext } from './ubl-vat-context.js';
import { ruleOf, type VatFamilySpec } from './vat-family-specs.js';
import { castBoolean, stringLength } from './xpath-helpers.js';

type CategoryTest = (category: TaxCategory) => boolean;

/**
 * Rules 01 to 04 of each UBL family (document context). They are not uniform in the artefact:
 * BR-S-01 and the negative half of BR-S-02 ignore the tax scheme, BR-G-03/04 ignore it in
 * their positive half, BR-AF-01 and BR-AF-04 compare the raw (not normalized) code somewhere.
 * Each quirk is kept, since parity is judged per syntax.
 */
export function checkUblCategoryPresence(
  model: InvoiceModel,
  context: UblVatContext,
  spec: VatFamilySpec,
  report: ReportFailure,
): void {
  const code = spec.code;
  const vatNormalized: CategoryTest = (category) => isUblVat(category) && codeOf(category) === code;
  const normalized: CategoryTest = (category) => codeOf(category) === code;
  const vatRaw: CategoryTest = (category) => isUblVat(category) && category.code?.text === code;
  const raw: CategoryTest = (category) => category.code?.text === code;
  const count = (categories: readonly TaxCategory[], test: CategoryTest): number =>
    categories.filter(test).length;
  const itemCategories = [
    ...context.allowanceCategories,
    ...context.chargeCategories,
    ...allLineAllowanceOthers(model),
  ];
  if (
    !isPresenceOk(context, spec, itemCategories, count, { vatNormalized, normalized, vatRaw, raw })
  ) {
    report(ruleOf(spec, 1), model.root);
  }
  const condition = partyCondition(context, code);
  const failsWhen = (positive: boolean, negative: boolean): boolean =>
    negative && !(positive && condition);
  const lines = context.lineCategories;
  const lineNegative = code === 'S' ? lines.some(normalized) : lines.some(vatNormalized);
  if (failsWhen(lines.some(vatNormalized), lineNegative)) report(ruleOf(spec, 2), model.root);
  const allowances =
    code === 'O' ? context.documentAllowanceCategories : context.allowanceCategories;
  const charges = code === 'O' ? context.documentChargeCategories : context.chargeCategories;
  const positiveTest = code === 'G' ? normalized : vatNormalized;
  if (failsWhen(allowances.some(positiveTest), allowances.some(vatNormalized))) {
    report(ruleOf(spec, 3), model.root);
  }
  const chargeNegative = code === 'L' ? charges.some(vatRaw) : charges.some(vatNormalized);
  if (failsWhen(charges.some(positiveTest), chargeNegative)) report(ruleOf(spec, 4), model.root);
}

/** Allowances and charges whose indicator is neither true nor false still count in `//cac:AllowanceCharge`. */
function allLineAllowanceOthers(model: InvoiceModel): TaxCategory[] {
  return [...model.allowanceCharges, ...model.lines.flatMap((line) => line.allowanceCharges)]
    .filter((item) => castBoolean(item.indicator) === undefined)
    .flatMap((item) => item.categories);
}

interface Tests {
  readonly vatNormalized: CategoryTest;
  readonly normalized: CategoryTest;
  readonly vatRaw: CategoryTest;
  readonly raw: CategoryTest;
}

function isPresenceOk(
  context: UblVatContext,
  spec: VatFamilySpec,
  itemCategories: readonly TaxCategory[],
  count: (categories: readonly TaxCategory[], test: CategoryTest) => number,
  tests: Tests,
): boolean {
  const breakdowns = context.breakdownCategories;
  const lines = context.lineCategories;
  if (spec.code === 'S' || spec.code === 'L' || spec.code === 'M') {
    const itemTest = spec.code === 'S' ? tests.normalized : tests.vatNormalized;
    const items = count(itemCategories, itemTest) + count(lines, itemTest);
    const firstBreakdownTest =
      spec.code === 'S' ? tests.normalized : spec.code === 'L' ? tests.raw : tests.vatRaw;
    const secondBreakdownTest = spec.code === 'S' ? tests.normalized : tests.vatNormalized;
    return (
      (items > 0 && count(breakdowns, firstBreakdownTest) > 0) ||
      (items === 0 && count(breakdowns, secondBreakdownTest) === 0)
    );
  }
  const anywhere =
    count([...itemCategories, ...breakdowns], tests.vatNormalized) +
    count(lines, tests.vatNormalized);
  return anywhere === 0 || count(breakdowns, tests.vatNormalized) === 1;
}

function partyCondition(context: UblVatContext, code: string): boolean {
  const sellerOrRepresentative = context.sellerHasAnyTaxId || context.representativeHasVatId;
  const vatSellerOrRepresentative = context.sellerHasVatId || context.representativeHasVatId;
  switch (code) {
    case 'AE':
      return sellerOrRepresentative && (context.buyerHasVatId || context.buyerHasLegalId);
    case 'G':
      return vatSellerOrRepresentative;
    case 'K':
      return vatSellerOrRepresentative && context.buyerHasVatId;
    case 'O':
      return !context.sellerHasVatId && !context.representativeHasVatId && !context.buyerHasVatId;
    default:
      return sellerOrRepresentative;
  }
}

/** BR-IC-11, BR-IC-12 and BR-O-11 to BR-O-14 (document context). */
export function checkUblSpecialRules(
  model: InvoiceModel,
  context: UblVatContext,
  report: ReportFailure,
): void {
  const hasBreakdown = (code: string): boolean =>
    context.breakdownCategories.some((category) => isUblVat(category) && codeOf(category) === code);
  if (hasBreakdown('K')) {
    const actualDate = model.delivery?.actualDate?.text ?? '';
    const hasPeriod = model.invoicePeriods.some((period) => period.hasContent);
    if (!(stringLength(actualDate) > 1 || hasPeriod)) report('BR-IC-11', model.root);
    const country = model.delivery?.addresses[0]?.countryCode?.text ?? '';
    if (!(stringLength(country) > 1)) report('BR-IC-12', model.root);
  }
  if (hasBreakdown('O')) {
    const notO = (categories: readonly TaxCategory[]): boolean =>
      categories.some((category) => isUblVat(category) && codeOf(category) !== 'O');
    if (notO(context.breakdownCategories)) report('BR-O-11', model.root);
    if (notO(context.lineCategories)) report('BR-O-12', model.root);
    if (notO(context.allowanceCategories)) report('BR-O-13', model.root);
    if (notO(context.chargeCategories)) report('BR-O-14', model.root);
  }
}
