import {
  hasText,
  type InvoiceLine,
  type InvoiceModel,
  type Period,
  type SourceValue,
} from '../../formats/index.js';
import { hasAtMostDecimals, parseXsNumber } from './decimal.js';
import type { ReportFailure } from './rule-collector.js';
import { isVatCategory, normalizeText } from './xpath-helpers.js';
import { isDateNotBefore } from './xs-date.js';

/** BR-21 to BR-28, BR-30, BR-54, BR-64, BR-65, BR-CO-04, BR-CO-20, BR-DEC-23. */
export function checkLineRules(model: InvoiceModel, report: ReportFailure): void {
  for (const line of model.lines) {
    if (!hasText(line.id)) report('BR-21', line);
    if (line.quantity === undefined) report('BR-22', line);
    if (line.quantity?.attributes['unitCode'] === undefined) report('BR-23', line);
    if (line.netAmounts.length === 0) report('BR-24', line);
    if (!hasText(line.itemName)) report('BR-25', line);
    if (line.netPrices.length === 0) report('BR-26', line);
    if (!someNotNegative(line.netPrices)) report('BR-27', line);
    if (line.grossPrices.length > 0 && !someNotNegative(line.grossPrices)) report('BR-28', line);
    if (
      !line.categories.some(
        (category) => isVatCategory(model.syntax, category) && category.code !== undefined,
      )
    ) {
      report('BR-CO-04', line);
    }
    if (!hasAtMostDecimals(line.netAmounts[0]?.text, 2)) report('BR-DEC-23', line);
    for (const period of line.periods) {
      if (!isPeriodOrdered(model, period)) report('BR-30', period);
      if (!period.hasStart && !period.hasEnd) report('BR-CO-20', period);
    }
    checkItemRules(model, line, report);
  }
}

function checkItemRules(model: InvoiceModel, line: InvoiceLine, report: ReportFailure): void {
  for (const attribute of line.attributes) {
    if (attribute.name === undefined || attribute.value === undefined) report('BR-54', attribute);
  }
  if (model.syntax === 'ubl') {
    for (const id of line.standardIds) {
      if (id.attributes['schemeID'] === undefined) report('BR-64', id);
    }
    for (const classification of line.classifications) {
      if (classification.code?.attributes['listID'] === undefined) {
        report('BR-65', classification);
      }
    }
    return;
  }
  const firstGlobalId = line.standardIds[0];
  if (firstGlobalId !== undefined && normalizeText(firstGlobalId.attributes['schemeID']) === '') {
    report('BR-64', line);
  }
  for (const classification of line.classifications) {
    const code = classification.code;
    if (code !== undefined && normalizeText(code.attributes['listID']) === '') {
      report('BR-65', classification);
    }
  }
}

/** `(x) >= 0` on untyped values: true when any of them is a number not below zero. */
function someNotNegative(values: readonly SourceValue[]): boolean {
  return values.some((value) => parseXsNumber(value.text)?.gte(0) === true);
}

/**
 * BR-29 / BR-30. UBL casts both dates to xs:date; CII compares the two format-102 strings
 * as strings, and fails when either element lacks a format-102 date string.
 */
export function isPeriodOrdered(model: InvoiceModel, period: Period): boolean {
  if (!period.hasStart || !period.hasEnd) return true;
  if (period.start === undefined || period.end === undefined) return false;
  if (model.syntax === 'cii') return period.end.text >= period.start.text;
  return isDateNotBefore(period.end.text, period.start.text) === true;
}
