import type { DocumentTotals, InvoiceModel, SourceValue } from '../../formats/index.js';
import {
  hasAtMostDecimals,
  parseXsDecimal,
  roundCents,
  sumDecimals,
  type Decimal,
} from './decimal.js';
import type { ReportFailure } from './rule-collector.js';
import { isAllowanceByBoolean, isChargeByBoolean } from './xpath-helpers.js';

/** BR-12 to BR-15, BR-CO-10 to BR-CO-14, BR-CO-16, BR-DEC-09 to BR-DEC-18 (13 and 15 aside). */
export function checkTotalsRules(model: InvoiceModel, report: ReportFailure): void {
  const totals = model.totals;
  if (totals !== undefined) {
    if (totals.lineNet.length === 0) report('BR-12', totals);
    if (totals.taxExclusive.length === 0) report('BR-13', totals);
    if (totals.taxInclusive.length === 0) report('BR-14', totals);
    if (totals.payable.length === 0) report('BR-15', totals);
    checkLineNetSum(model, totals, report);
    checkAllowanceAndChargeSums(model, totals, report);
    const exclusiveOk =
      model.syntax === 'ubl' ? isUblTaxExclusiveOk(totals) : isCiiTaxExclusiveOk(totals);
    if (!exclusiveOk) report('BR-CO-13', totals, taxExclusiveDetail(totals));
    const payableOk = model.syntax === 'ubl' ? isUblPayableOk(totals) : isCiiPayableOk(totals);
    if (!payableOk) report('BR-CO-16', totals, payableDetail(totals));
    for (const [rule, values] of [
      ['BR-DEC-09', totals.lineNet],
      ['BR-DEC-10', totals.allowanceTotal],
      ['BR-DEC-11', totals.chargeTotal],
      ['BR-DEC-12', totals.taxExclusive],
      ['BR-DEC-14', totals.taxInclusive],
      ['BR-DEC-16', totals.prepaid],
      ['BR-DEC-17', totals.rounding],
      ['BR-DEC-18', totals.payable],
    ] as const) {
      if (!hasAtMostDecimals(values[0]?.text, 2)) report(rule, totals);
    }
  }
  checkTaxTotalSums(model, report);
}

function decimalOf(values: readonly SourceValue[]): Decimal | undefined {
  return parseXsDecimal(values[0]?.text);
}

function checkLineNetSum(model: InvoiceModel, totals: DocumentTotals, report: ReportFailure): void {
  const declared = decimalOf(totals.lineNet);
  const sum = sumDecimals(
    model.lines.flatMap((line) => line.netAmounts.map((value) => value.text)),
  );
  if (declared === undefined || sum === undefined || !declared.eq(roundCents(sum))) {
    report('BR-CO-10', totals, sumDetail('BT-106', totals.lineNet, 'BT-131', sum));
  }
}

function checkAllowanceAndChargeSums(
  model: InvoiceModel,
  totals: DocumentTotals,
  report: ReportFailure,
): void {
  const allowances = model.allowanceCharges.filter(isAllowanceByBoolean);
  const charges = model.allowanceCharges.filter(isChargeByBoolean);
  const sumOf = (list: typeof allowances): Decimal | undefined =>
    sumDecimals(list.flatMap((item) => (item.amounts[0] ? [item.amounts[0].text] : [])));
  const matches = (declared: readonly SourceValue[], list: typeof allowances): boolean => {
    if (declared.length === 0 && list.length === 0) return true;
    const sum = sumOf(list);
    if (sum === undefined) return false;
    const expected = roundCents(sum);
    // CII compares every occurrence (general comparison); UBL casts the single value.
    const candidates = model.syntax === 'ubl' ? declared.slice(0, 1) : declared;
    return candidates.some((value) => parseXsDecimal(value.text)?.eq(expected) === true);
  };
  if (!matches(totals.allowanceTotal, allowances)) {
    const detail = sumDetail('BT-107', totals.allowanceTotal, 'BT-92', sumOf(allowances));
    report('BR-CO-11', totals, detail);
  }
  if (!matches(totals.chargeTotal, charges)) {
    report('BR-CO-12', totals, sumDetail('BT-108', totals.chargeTotal, 'BT-99', sumOf(charges)));
  }
}

function isUblTaxExclusiveOk(totals: DocumentTotals): boolean {
  const exclusive = decimalOf(totals.taxExclusive);
  const lineNet = decimalOf(totals.lineNet);
  const charge = decimalOf(totals.chargeTotal);
  const allowance = decimalOf(totals.allowanceTotal);
  const hasCharge = totals.chargeTotal.length > 0;
  const hasAllowance = totals.allowanceTotal.length > 0;
  if (exclusive === undefined || lineNet === undefined) return false;
  if (!hasCharge && !hasAllowance) return exclusive.eq(lineNet);
  if (hasCharge && charge === undefined) return false;
  if (hasAllowance && allowance === undefined) return false;
  const expected = lineNet.plus(charge ?? 0).minus(allowance ?? 0);
  return exclusive.eq(roundCents(expected));
}

function isCiiTaxExclusiveOk(totals: DocumentTotals): boolean {
  const exclusive = decimalOf(totals.taxExclusive);
  const lineNet = decimalOf(totals.lineNet);
  const charge = decimalOf(totals.chargeTotal);
  const allowance = decimalOf(totals.allowanceTotal);
  if (exclusive === undefined || lineNet === undefined) return false;
  const hasCharge = totals.chargeTotal.length > 0;
  const hasAllowance = totals.allowanceTotal.length > 0;
  if (charge !== undefined && allowance !== undefined) {
    if (exclusive.eq(roundCents(lineNet.minus(allowance).plus(charge)))) return true;
  }
  if (!hasCharge && allowance !== undefined && exclusive.eq(roundCents(lineNet.minus(allowance)))) {
    return true;
  }
  if (!hasAllowance && charge !== undefined && exclusive.eq(roundCents(lineNet.plus(charge)))) {
    return true;
  }
  return !hasCharge && !hasAllowance && exclusive.eq(roundCents(lineNet));
}

function isUblPayableOk(totals: DocumentTotals): boolean {
  const payable = decimalOf(totals.payable);
  const inclusive = decimalOf(totals.taxInclusive);
  const prepaid = decimalOf(totals.prepaid);
  const rounding = decimalOf(totals.rounding);
  const hasPrepaid = totals.prepaid.length > 0;
  const hasRounding = totals.rounding.length > 0;
  if (payable === undefined || inclusive === undefined) return false;
  if (hasPrepaid && prepaid === undefined) return false;
  if (hasRounding && rounding === undefined) return false;
  const due = hasPrepaid ? roundCents(inclusive.minus(prepaid ?? 0)) : inclusive;
  const paid = hasRounding ? roundCents(payable.minus(rounding ?? 0)) : payable;
  return paid.eq(due);
}

function isCiiPayableOk(totals: DocumentTotals): boolean {
  const payable = decimalOf(totals.payable);
  const grand = decimalOf(totals.taxInclusive);
  const prepaid = decimalOf(totals.prepaid);
  const rounding = decimalOf(totals.rounding);
  if (payable === undefined || grand === undefined) return false;
  const hasPrepaid = totals.prepaid.length > 0;
  const hasRounding = totals.rounding.length > 0;
  if (prepaid !== undefined && rounding !== undefined) {
    if (payable.eq(grand.minus(prepaid).plus(rounding))) return true;
  }
  if (!hasPrepaid && rounding !== undefined && payable.eq(grand.plus(rounding))) return true;
  if (!hasRounding && prepaid !== undefined && payable.eq(grand.minus(prepaid))) return true;
  return !hasPrepaid && !hasRounding && payable.eq(grand);
}

function checkTaxTotalSums(model: InvoiceModel, report: ReportFailure): void {
  if (model.syntax === 'ubl') {
    for (const total of model.taxTotals) {
      if (total.subtotals.length === 0) continue;
      const declared = parseXsDecimal(total.taxAmount?.text);
      const sum = sumDecimals(total.subtotals.map((subtotal) => subtotal.taxAmount?.text ?? '0'));
      if (declared === undefined || sum === undefined || !declared.eq(roundCents(sum))) {
        report(
          'BR-CO-14',
          total,
          sumDetail('BT-110', total.taxAmount ? [total.taxAmount] : [], 'BT-117', sum),
        );
      }
    }
    return;
  }
  const currency = model.currencyCode?.text;
  const sum = sumDecimals(model.vatBreakdowns.map((breakdown) => breakdown.taxAmount?.text ?? '0'));
  for (const total of model.taxTotals) {
    if (total.taxAmount === undefined || total.taxAmount.attributes['currencyID'] !== currency) {
      continue;
    }
    const declared = parseXsDecimal(total.taxAmount.text);
    if (declared === undefined || sum === undefined || !declared.eq(roundCents(sum))) {
      report('BR-CO-14', total, sumDetail('BT-110', [total.taxAmount], 'BT-117', sum));
    }
  }
}

const MAX_SHOWN_CHARS = 40;

/** `12.30`, or `absent` / `"abc" (not a number)`, as a partner reads it in the file. */
function shown(values: readonly SourceValue[]): string {
  const text = values[0]?.text.trim();
  if (text === undefined || text === '') return 'absent';
  const cut = text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text;
  return parseXsDecimal(text) === undefined ? `"${cut}" (not a number)` : cut;
}

function cents(value: Decimal | undefined): string {
  return value === undefined ? 'not computable' : roundCents(value).toFixed(2);
}

function sumDetail(
  term: string,
  declared: readonly SourceValue[],
  what: string,
  sum: Decimal | undefined,
): string {
  return `Values: ${term} = ${shown(declared)} ≠ Σ ${what} = ${cents(sum)}.`;
}

/** BR-CO-13: BT-109 = BT-106 − BT-107 + BT-108, with the values read. */
function taxExclusiveDetail(totals: DocumentTotals): string {
  const lineNet = decimalOf(totals.lineNet);
  const allowance = decimalOf(totals.allowanceTotal);
  const charge = decimalOf(totals.chargeTotal);
  const expected =
    lineNet === undefined ? undefined : lineNet.minus(allowance ?? 0).plus(charge ?? 0);
  return (
    `Values: BT-109 = ${shown(totals.taxExclusive)} ≠ BT-106 − BT-107 + BT-108 = ` +
    `${shown(totals.lineNet)} − ${totals.allowanceTotal.length === 0 ? '0' : shown(totals.allowanceTotal)} + ` +
    `${totals.chargeTotal.length === 0 ? '0' : shown(totals.chargeTotal)} = ${cents(expected)}.`
  );
}

/** BR-CO-16: BT-115 = BT-112 − BT-113 + BT-114, with the values read. */
function payableDetail(totals: DocumentTotals): string {
  const inclusive = decimalOf(totals.taxInclusive);
  const prepaid = decimalOf(totals.prepaid);
  const rounding = decimalOf(totals.rounding);
  const expected =
    inclusive === undefined ? undefined : inclusive.minus(prepaid ?? 0).plus(rounding ?? 0);
  return (
    `Values: BT-115 = ${shown(totals.payable)} ≠ BT-112 − BT-113 + BT-114 = ` +
    `${shown(totals.taxInclusive)} − ${totals.prepaid.length === 0 ? '0' : shown(totals.prepaid)} + ` +
    `${totals.rounding.length === 0 ? '0' : shown(totals.rounding)} = ${cents(expected)}.`
  );
}
