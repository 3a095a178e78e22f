import { isIsoDate, isIsoDateTime } from './status-date.js';

/** UNTDID 2379 date formats used by CDAR. */
export const CDAR_DATE_FORMAT = '102';
export const CDAR_DATE_TIME_FORMAT = '204';

/** ISO date-time with offset → `YYYYMMDDHHMMSS` in UTC (format 204 carries no offset). */
export function toCdarDateTime(isoDateTime: string): string {
  if (!isIsoDateTime(isoDateTime)) {
    throw new RangeError(`Not an ISO 8601 date-time with offset: ${isoDateTime}`);
  }
  return new Date(isoDateTime).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

/** `YYYY-MM-DD` → `YYYYMMDD` (format 102). */
export function toCdarDate(isoDate: string): string {
  if (!isIsoDate(isoDate)) {
    throw new RangeError(`Not an ISO 8601 date: ${isoDate}`);
  }
  return isoDate.replace(/-/g, '');
}

/**
 * A CDAR date back to ISO: format 102 → `YYYY-MM-DD`, 204 → `YYYY-MM-DDTHH:MM:SSZ` (read as
 * UTC, as written by `toCdarDateTime`). Undefined for any other format or an impossible date.
 */
export function fromCdarDate(value: string, format: string): string | undefined {
  const digits = value.trim();
  if (format === CDAR_DATE_FORMAT && /^\d{8}$/.test(digits)) {
    const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
    return isIsoDate(iso) ? iso : undefined;
  }
  if (format === CDAR_DATE_TIME_FORMAT && /^\d{14}$/.test(digits)) {
    const iso =
      `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}` +
      `T${digits.slice(8, 10)}:${digits.slice(10, 12)}:${digits.slice(12, 14)}Z`;
    return isIsoDateTime(iso) ? iso : undefined;
  }
  return undefined;
}
