const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

/** `YYYY-MM-DD`, a real calendar day. */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  return match !== null && isCalendarDay(match[1], match[2], match[3]);
}

/** ISO 8601 date-time with seconds and an explicit offset, e.g. `2026-03-01T10:00:00+01:00`. */
export function isIsoDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (match === null || !isCalendarDay(match[1], match[2], match[3])) {
    return false;
  }
  const [hours, minutes, seconds] = [match[4], match[5], match[6]].map(Number);
  const offsetHours = match[9] === undefined ? 0 : Number(match[9]);
  const offsetMinutes = match[10] === undefined ? 0 : Number(match[10]);
  return (
    hours !== undefined &&
    minutes !== undefined &&
    seconds !== undefined &&
    hours < 24 &&
    minutes < 60 &&
    seconds < 60 &&
    offsetHours < 24 &&
    offsetMinutes < 60
  );
}

/** The date of a status change as partners may write it: a day or a date-time. */
export function isStatusDate(value: string): boolean {
  return isIsoDate(value) || isIsoDateTime(value);
}

function isCalendarDay(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
): boolean {
  const [y, m, d] = [year, month, day].map(Number);
  if (y === undefined || m === undefined || d === undefined || m < 1 || m > 12 || d < 1) {
    return false;
  }
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}
