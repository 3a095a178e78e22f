import { normalizeSpace, type InvoiceModel, type TaxCategory } from '../../formats/index.js';
import { createBasisIndex, type BasisIndex } from './basis-index.js';
import {
  isAllowanceByBoolean,
  isChargeByBoolean,
  isVatCategory,
  isVatSchemeText,
} from './xpath-helpers.js';

/** What the UBL VAT family rules read from a model, gathered once per invoice. */
export interface UblVatContext {
  readonly lineCategories: readonly TaxCategory[];
  readonly allowanceCategories: readonly TaxCategory[];
  readonly chargeCategories: readonly TaxCategory[];
  readonly documentAllowanceCategories: readonly TaxCategory[];
  readonly documentChargeCategories: readonly TaxCategory[];
  readonly breakdownCategories: readonly TaxCategory[];
  readonly sellerHasAnyTaxId: boolean;
  readonly sellerHasVatId: boolean;
  readonly representativeHasVatId: boolean;
  readonly buyerHasVatId: boolean;
  readonly buyerHasLegalId: boolean;
  /** The amounts of rule 08, per category code and rate. */
  readonly basis: BasisIndex;
}

export function createUblVatContext(model: InvoiceModel): UblVatContext {
  clearCategoryFacts();
  const lineCharges = model.lines.flatMap((line) => line.allowanceCharges);
  const documentAllowances = model.allowanceCharges.filter(isAllowanceByBoolean);
  const documentCharges = model.allowanceCharges.filter(isChargeByBoolean);
  const hasVat = (ids: readonly { scheme: string }[] | undefined): boolean =>
    (ids ?? []).some((taxId) => isVatSchemeText(taxId.scheme));
  return {
    lineCategories: model.lines.flatMap((line) => line.categories),
    allowanceCategories: [
      ...documentAllowances,
      ...lineCharges.filter(isAllowanceByBoolean),
    ].flatMap((item) => item.categories),
    chargeCategories: [...documentCharges, ...lineCharges.filter(isChargeByBoolean)].flatMap(
      (item) => item.categories,
    ),
    documentAllowanceCategories: documentAllowances.flatMap((item) => item.categories),
    documentChargeCategories: documentCharges.flatMap((item) => item.categories),
    breakdownCategories: model.vatBreakdowns.flatMap((item) =>
      item.category ? [item.category] : [],
    ),
    sellerHasAnyTaxId: (model.seller?.taxIds.length ?? 0) > 0,
    sellerHasVatId: hasVat(model.seller?.taxIds),
    representativeHasVatId: hasVat(model.taxRepresentative?.taxIds),
    buyerHasVatId: hasVat(model.buyer?.taxIds),
    buyerHasLegalId: (model.buyer?.legalIds.length ?? 0) > 0,
    basis: createBasisIndex(model, codeOf),
  };
}

interface CategoryFacts {
  readonly code: string;
  readonly isVat: boolean;
}

/** Normalized code and VAT-ness per category, computed once: nine families ask each. */
const factsCache = new Map<TaxCategory, CategoryFacts>();

function factsOf(category: TaxCategory): CategoryFacts {
  let facts = factsCache.get(category);
  if (facts === undefined) {
    facts = { code: normalizeSpace(category.code), isVat: isVatCategory('ubl', category) };
    factsCache.set(category, facts);
  }
  return facts;
}

export function codeOf(category: TaxCategory | undefined): string {
  return category === undefined ? '' : factsOf(category).code;
}

export function isUblVat(category: TaxCategory | undefined): category is TaxCategory {
  return category !== undefined && factsOf(category).isVat;
}

/** Drops the per-invoice cache of category facts once the families are checked. */
export function clearCategoryFacts(): void {
  factsCache.clear();
}
