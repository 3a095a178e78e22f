import {
  normalizeSpace,
  type InvoiceModel,
  type SourceValue,
  type TaxCategory,
} from '../../formats/index.js';
import { isListed as isListedIn } from './code-sets.js';
import type { ReportFailure } from './rule-collector.js';
import { isAllowanceByBoolean, isChargeByBoolean, normalizeText } from './xpath-helpers.js';

/**
 * The BR-CL code-list rules the model covers: BR-CL-01, 03 to 06, 13 to 23 and 25
 * (BR-CL-07, 08, 10, 11, 14, 24 and 26 are in rules-code-lists-tree.ts).
 * Each value is accepted when its normalized text has no space and appears, space-delimited,
 * in the official list (`contains(list, concat(' ', normalize-space(.), ' '))`).
 */
export function checkCodeListRules(model: InvoiceModel, report: ReportFailure): void {
  const isListed = (rule: string, code: string, listIndex = 0): boolean =>
    isListedIn(model.syntax, rule, code, listIndex);
  const checkValue = (rule: string, value: SourceValue | undefined, listIndex = 0): void => {
    if (value !== undefined && !isListed(rule, normalizeSpace(value), listIndex))
      report(rule, value);
  };
  const isCreditNote = model.syntax === 'ubl' && model.kind === 'credit-note';
  checkValue('BR-CL-01', model.typeCode, isCreditNote ? 1 : 0);
  checkValue('BR-CL-04', model.currencyCode);
  checkValue('BR-CL-05', model.taxCurrencyCode);
  for (const means of model.paymentMeans) checkValue('BR-CL-16', means.typeCode);
  checkCategoryLists(model, checkValue);
  const checkAttribute = (rule: string, value: SourceValue, name: string): void => {
    const attribute = value.attributes[name];
    if (attribute !== undefined && !isListed(rule, normalizeText(attribute))) report(rule, value);
  };
  for (const party of [model.seller, model.buyer]) {
    for (const endpoint of party?.endpoints ?? []) checkAttribute('BR-CL-25', endpoint, 'schemeID');
  }
  const periods = [...model.invoicePeriods, ...model.lines.flatMap((line) => line.periods)];
  if (model.syntax === 'ubl') {
    for (const period of periods) checkValue('BR-CL-06', period.descriptionCode);
  } else {
    for (const breakdown of model.vatBreakdowns) checkValue('BR-CL-06', breakdown.dueDateTypeCode);
  }
  for (const line of model.lines) {
    for (const item of line.classifications) {
      if (item.code !== undefined) checkAttribute('BR-CL-13', item.code, 'listID');
    }
    for (const country of line.originCountries) {
      // CII: an origin country ID with a scheme is claimed first by BR-CL-11's context.
      if (model.syntax === 'cii' && country.attributes['schemeID'] !== undefined) continue;
      checkValue('BR-CL-15', country);
    }
    for (const id of line.standardIds) checkAttribute('BR-CL-21', id, 'schemeID');
  }
  const quantities = model.lines.flatMap((line) => [
    ...(line.quantity === undefined ? [] : [line.quantity]),
    ...line.priceBaseQuantities,
  ]);
  for (const quantity of quantities) checkAttribute('BR-CL-23', quantity, 'unitCode');
  if (model.syntax === 'cii') {
    for (const total of model.taxTotals) {
      if (total.taxAmount !== undefined) checkAttribute('BR-CL-03', total.taxAmount, 'currencyID');
    }
    return;
  }
  // UBL checks the currencyID of every amount element, present or not: a missing attribute
  // normalizes to '' and '  ' is not in the list.
  for (const amount of ublAmounts(model)) {
    if (!isListed('BR-CL-03', normalizeText(amount.attributes['currencyID']))) {
      report('BR-CL-03', amount);
    }
  }
}

function ublAmounts(model: InvoiceModel): SourceValue[] {
  const charges = [
    ...model.allowanceCharges,
    ...model.lines.flatMap((line) => line.allowanceCharges),
  ];
  const totals = model.totals;
  const optional = (value: SourceValue | undefined): SourceValue[] =>
    value === undefined ? [] : [value];
  return [
    ...charges.flatMap((item) => [...item.amounts, ...optional(item.baseAmount)]),
    ...model.lines.flatMap((line) => [
      ...line.netAmounts,
      ...line.netPrices,
      ...line.grossPrices,
      ...line.priceDiscounts,
    ]),
    ...(totals === undefined
      ? []
      : [
          ...totals.lineNet,
          ...totals.allowanceTotal,
          ...totals.chargeTotal,
          ...totals.taxExclusive,
          ...totals.taxInclusive,
          ...totals.prepaid,
          ...totals.rounding,
          ...totals.payable,
        ]),
    ...model.taxTotals.flatMap((total) => optional(total.taxAmount)),
    ...model.vatBreakdowns.flatMap((item) => [
      ...optional(item.taxableAmount),
      ...optional(item.taxAmount),
    ]),
  ];
}

type CheckValue = (rule: string, value: SourceValue | undefined) => void;

function checkCategoryLists(model: InvoiceModel, checkValue: CheckValue): void {
  const allCharges = [
    ...model.allowanceCharges,
    ...model.lines.flatMap((line) => line.allowanceCharges),
  ];
  const chargeCategories = allCharges.flatMap((item) => item.categories);
  const lineCategories = model.lines.flatMap((line) => line.categories);
  const breakdownCategories = model.vatBreakdowns.flatMap((item) =>
    item.category === undefined ? [] : [item.category],
  );
  // UBL: BR-CL-17 is every cac:TaxCategory (allowances and breakdown), BR-CL-18 the lines.
  // CII: BR-CL-17 is CategoryTradeTax (allowances), BR-CL-18 every ApplicableTradeTax.
  const [seventeen, eighteen]: [TaxCategory[], TaxCategory[]] =
    model.syntax === 'ubl'
      ? [[...chargeCategories, ...breakdownCategories], lineCategories]
      : [chargeCategories, [...lineCategories, ...breakdownCategories]];
  for (const category of seventeen) checkValue('BR-CL-17', category.code);
  for (const category of eighteen) checkValue('BR-CL-18', category.code);
  for (const item of allCharges) {
    if (isAllowanceByBoolean(item)) checkValue('BR-CL-19', item.reasonCode);
    if (isChargeByBoolean(item)) checkValue('BR-CL-20', item.reasonCode);
  }
  for (const category of [...seventeen, ...eighteen]) {
    const code = category.exemptionReasonCode;
    if (code === undefined) continue;
    const upper: SourceValue = { ...code, text: code.text.toUpperCase() };
    checkValue('BR-CL-22', upper);
  }
}
