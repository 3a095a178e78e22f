import type { InvoiceModel, InvoiceSyntax, SourceValue } from '../../formats/index.js';
import type { ReportFrFailure } from './fr-collector.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * A calendar date of the years 2000 to 2099: UBL `YYYY-MM-DD` (the whole text), CII
 * `YYYYMMDD` (its first eight characters, as the official function truncates).
 */
export function isReformDate(syntax: InvoiceSyntax, text: string): boolean {
  const match =
    syntax === 'ubl'
      ? /^(20\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.exec(text)
      : /^(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.exec(text.slice(0, 8));
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const maxDay = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= maxDay;
}

/** BR-FR-03: the dates the model knows lie in 2000–2099 and exist in the calendar. */
export function checkDateRules(model: InvoiceModel, report: ReportFrFailure): void {
  const dates: [string, SourceValue | undefined][] = [
    ['issue date (BT-2)', model.issueDate],
    ['VAT point date (BT-7)', model.taxPointDate],
    ['actual delivery date (BT-72)', model.delivery?.actualDate],
    ...model.vatBreakdowns.map((breakdown): [string, SourceValue | undefined] => [
      'VAT point date (BT-7)',
      breakdown.taxPointDate,
    ]),
    ...model.invoicePeriods.flatMap((period): [string, SourceValue | undefined][] => [
      ['invoicing period start date (BT-73)', period.start],
      ['invoicing period end date (BT-74)', period.end],
    ]),
    ...model.lines.flatMap((line) =>
      line.periods.flatMap((period): [string, SourceValue | undefined][] => [
        ['line period start date (BT-134)', period.start],
        ['line period end date (BT-135)', period.end],
      ]),
    ),
  ];
  for (const [label, value] of dates) {
    if (value === undefined) continue;
    // CII keeps the VAT point date as its ram:TaxPointDate element, whose text wraps the
    // udt:DateString the Schematron reads; every other date is the date string itself.
    const isWrapped = model.syntax === 'cii' && label.startsWith('VAT point date');
    const text = isWrapped ? value.text.trim() : value.text;
    if (!isReformDate(model.syntax, text)) {
      report(
        'BR-FR-03',
        value,
        `The ${label} "${text}" is not a valid calendar date between 2000 and 2099 (${model.syntax === 'ubl' ? 'YYYY-MM-DD' : 'YYYYMMDD'}).`,
      );
    }
  }
}
