import type { ValidationIssue } from '../errors/index.js';
import { MAX_REASON_LENGTH } from './apply-transition.js';
import { isInvoiceStatus, isReasonRequired, type InvoiceStatus } from './invoice-status.js';
import { isStatusDate } from './status-date.js';
import { statusIssueOf } from './status-issue.js';

/** The fields of one status update as read from a file, before any check. */
export interface RawStatusUpdate {
  /** Line of the CSV record or of the XML `Update` element, 1-based. */
  readonly line: number;
  readonly invoiceId?: string | undefined;
  readonly supplierSiret?: string | undefined;
  readonly invoiceNumber?: string | undefined;
  readonly status?: string | undefined;
  readonly reason?: string | undefined;
  readonly reasonCode?: string | undefined;
  readonly date?: string | undefined;
}

export type StatusUpdateTarget =
  | { readonly kind: 'invoice-id'; readonly invoiceId: string }
  | {
      readonly kind: 'supplier-invoice';
      readonly supplierSiret: string;
      readonly invoiceNumber: string;
    };

/** A status update whose fields are all well-formed; the transition is not checked yet. */
export interface StatusUpdate {
  readonly line: number;
  readonly target: StatusUpdateTarget;
  readonly status: InvoiceStatus;
  readonly reason?: string;
  readonly reasonCode?: string;
  /** `YYYY-MM-DD` or an ISO 8601 date-time with offset, as written by the partner. */
  readonly date: string;
}

/** What identifies a line in an acknowledgement, as the partner wrote it (trimmed). */
export interface StatusUpdateReference {
  readonly invoiceId?: string;
  readonly supplierSiret?: string;
  readonly invoiceNumber?: string;
  readonly status?: string;
}

export type StatusUpdateLineResult =
  | {
      readonly ok: true;
      readonly line: number;
      readonly reference: StatusUpdateReference;
      readonly update: StatusUpdate;
    }
  | {
      readonly ok: false;
      readonly line: number;
      readonly reference: StatusUpdateReference;
      readonly issues: readonly ValidationIssue[];
    };

/** A whole incoming status file: either unreadable, or one result per update, in file order. */
export type StatusUpdateFileResult =
  | { readonly ok: true; readonly lines: readonly StatusUpdateLineResult[] }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const INVOICE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const SIRET = /^\d{14}$/;
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL_CHARS = /[\u0000-\u001F\u007F]/;
const REASON_CODE = /^[A-Z0-9_]{1,35}$/;
const MAX_INVOICE_NUMBER_LENGTH = 100;
const MAX_REFERENCE_CHARS = 120;

/**
 * Checks every field of one update and reports all problems at once, so a partner fixes a
 * line in one go. `readIssues` are problems the reader already found (unknown fields…).
 */
export function checkStatusUpdate(
  raw: RawStatusUpdate,
  readIssues: readonly ValidationIssue[] = [],
): StatusUpdateLineResult {
  const fields = trimFields(raw);
  const reference = referenceOf(fields);
  const at = { line: raw.line };
  const issues: ValidationIssue[] = [...readIssues];

  const target = checkTarget(fields, at, issues);
  const status = fields.status;
  if (!isInvoiceStatus(status)) {
    const message =
      status === undefined ? 'The status is missing.' : `The status "${status}" is not known.`;
    issues.push(statusIssueOf('STATUS_UNKNOWN', { ...at, message }));
  } else if (fields.reason === undefined && isReasonRequired(status)) {
    issues.push(
      statusIssueOf('STATUS_REASON_REQUIRED', {
        ...at,
        message: `A reason is mandatory for ${status}.`,
      }),
    );
  }
  if (fields.reason !== undefined && fields.reason.length > MAX_REASON_LENGTH) {
    issues.push(statusIssueOf('STATUS_REASON_TOO_LONG', at));
  }
  if (fields.reasonCode !== undefined && !REASON_CODE.test(fields.reasonCode)) {
    issues.push(statusIssueOf('STATUS_REASON_CODE_INVALID', at));
  }
  if (fields.date === undefined || !isStatusDate(fields.date)) {
    issues.push(statusIssueOf('STATUS_UPDATE_DATE_INVALID', at));
  }

  if (
    issues.length > 0 ||
    target === undefined ||
    !isInvoiceStatus(status) ||
    fields.date === undefined
  ) {
    return { ok: false, line: raw.line, reference, issues };
  }
  return {
    ok: true,
    line: raw.line,
    reference,
    update: {
      line: raw.line,
      target,
      status,
      ...(fields.reason === undefined ? {} : { reason: fields.reason }),
      ...(fields.reasonCode === undefined ? {} : { reasonCode: fields.reasonCode }),
      date: fields.date,
    },
  };
}

function checkTarget(
  fields: RawStatusUpdate,
  at: { line: number },
  issues: ValidationIssue[],
): StatusUpdateTarget | undefined {
  const { invoiceId, supplierSiret, invoiceNumber } = fields;
  const bySupplier = supplierSiret !== undefined || invoiceNumber !== undefined;
  if (invoiceId !== undefined && bySupplier) {
    issues.push(statusIssueOf('STATUS_UPDATE_TARGET_AMBIGUOUS', at));
    return undefined;
  }
  if (invoiceId !== undefined) {
    if (!INVOICE_ID.test(invoiceId)) {
      issues.push(statusIssueOf('STATUS_UPDATE_INVOICE_ID_INVALID', at));
      return undefined;
    }
    return { kind: 'invoice-id', invoiceId };
  }
  if (supplierSiret === undefined || invoiceNumber === undefined) {
    issues.push(statusIssueOf('STATUS_UPDATE_TARGET_MISSING', at));
    return undefined;
  }
  const siretOk = SIRET.test(supplierSiret);
  const numberOk =
    invoiceNumber.length <= MAX_INVOICE_NUMBER_LENGTH && !CONTROL_CHARS.test(invoiceNumber);
  if (!siretOk) {
    issues.push(statusIssueOf('STATUS_UPDATE_SIRET_INVALID', at));
  }
  if (!numberOk) {
    issues.push(statusIssueOf('STATUS_UPDATE_INVOICE_NUMBER_INVALID', at));
  }
  return siretOk && numberOk
    ? { kind: 'supplier-invoice', supplierSiret, invoiceNumber }
    : undefined;
}

/** Empty and blank values count as absent: CSV has no other way to leave a field out. */
function trimFields(raw: RawStatusUpdate): RawStatusUpdate {
  const clean = (value: string | undefined): string | undefined => {
    const trimmed = value?.trim();
    return trimmed === undefined || trimmed === '' ? undefined : trimmed;
  };
  return {
    line: raw.line,
    invoiceId: clean(raw.invoiceId),
    supplierSiret: clean(raw.supplierSiret),
    invoiceNumber: clean(raw.invoiceNumber),
    status: clean(raw.status),
    reason: clean(raw.reason),
    reasonCode: clean(raw.reasonCode),
    date: clean(raw.date),
  };
}

/** Echoed in acknowledgements: long values are cut so a hostile line cannot bloat them. */
function referenceOf(fields: RawStatusUpdate): StatusUpdateReference {
  const cut = (value: string): string =>
    value.length > MAX_REFERENCE_CHARS
      ? `${value.slice(0, MAX_REFERENCE_CHARS).replace(/[\uD800-\uDBFF]$/, '')}…`
      : value;
  return {
    ...(fields.invoiceId === undefined ? {} : { invoiceId: cut(fields.invoiceId) }),
    ...(fields.supplierSiret === undefined ? {} : { supplierSiret: cut(fields.supplierSiret) }),
    ...(fields.invoiceNumber === undefined ? {} : { invoiceNumber: cut(fields.invoiceNumber) }),
    ...(fields.status === undefined ? {} : { status: cut(fields.status) }),
  };
}
