/** The lexical xs:date forms the invoices use: YYYY-MM-DD with an optional timezone. */
const XS_DATE = /^[ \t\r\n]*(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?[ \t\r\n]*$/;

/** `xs:date(end) >= xs:date(start)`; undefined where a cast would fail. */
export function isDateNotBefore(end: string, start: string): boolean | undefined {
  const endDate = XS_DATE.exec(end)?.[1];
  const startDate = XS_DATE.exec(start)?.[1];
  if (endDate === undefined || startDate === undefined) return undefined;
  return endDate >= startDate;
}
