import type { StatusNotification } from '../status-notification.js';

export type StatusFileFormat = 'xml' | 'cdar' | 'cppstatut';

const EXTENSIONS: Readonly<Record<StatusFileFormat, string>> = {
  xml: '.xml',
  cdar: '.cdar.xml',
  cppstatut: '.cppstatut.xml',
};

const SAFE_INVOICE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const SEQUENCE_DIGITS = 10;

/**
 * `STATUS_<sequence on 10 digits>_<invoiceId>.xml`, `.cdar.xml` for CDAR, `.cppstatut.xml`
 * for Chorus Pro's CPP Statut: sorting the
 * names gives the order of the changes, and a retried job overwrites its own file.
 * Throws RangeError for a sequence or invoice id the registry should never have produced.
 */
export function statusFileName(
  notification: Pick<StatusNotification, 'sequence' | 'invoiceId'>,
  format: StatusFileFormat,
): string {
  const { sequence, invoiceId } = notification;
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence >= 10 ** SEQUENCE_DIGITS) {
    throw new RangeError(`Status sequence out of range: ${sequence}`);
  }
  if (!SAFE_INVOICE_ID.test(invoiceId) || invoiceId.startsWith('.')) {
    throw new RangeError(`Invoice id unusable in a file name: ${JSON.stringify(invoiceId)}`);
  }
  const stem = `STATUS_${String(sequence).padStart(SEQUENCE_DIGITS, '0')}_${invoiceId}`;
  return `${stem}${EXTENSIONS[format]}`;
}

/** `STATUS_<sequence on 10 digits>_FLUX_<flowId>.cppstatut.xml`: a CPP Statut flow status. */
export function flowStatusFileName(sequence: number, flowId: string): string {
  return statusFileName({ sequence, invoiceId: `FLUX_${flowId}` }, 'cppstatut');
}
