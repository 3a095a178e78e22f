/**
 * Stage check at routing: may this supplier use this invoice number again?
 * Invoice numbers are unique per seller and year (of the issue date), whichever account
 * deposits them. An earlier invoice
 * with the number blocks a new one (INVOICE_NUMBER_DUPLICATE) unless it was rejected at
 * deposit, or it is in A_RECYCLER: the new invoice is then its recycle, and the lifecycle
 * continues on the new invoice from A_RECYCLER (docs/lifecycle.md, "Recycling").
 */
import { issueOf, type ValidationIssue } from '../errors/index.js';
import type { InvoiceRecord, Registry } from '../registry/index.js';

export type NumberCheck =
  | { readonly kind: 'new' }
  | { readonly kind: 'recycle'; readonly originalId: string }
  | { readonly kind: 'duplicate'; readonly issue: ValidationIssue };

const yearOf = (invoice: InvoiceRecord): string | undefined => invoice.keys.issueDate?.slice(0, 4);

export function checkInvoiceNumber(
  registry: Registry,
  account: string,
  invoice: InvoiceRecord,
): NumberCheck {
  const number = invoice.keys.number;
  if (number === undefined || number === '') return { kind: 'new' };
  // A recycle already decided (a retried job) stands.
  if (invoice.recycledFrom !== undefined) {
    return { kind: 'recycle', originalId: invoice.recycledFrom };
  }
  // Only invoices received before this one count (oldest first; in a batch, by position):
  // a later invoice still waiting must not block the one it would itself duplicate.
  // Keyed on the seller whoever deposits (an EDI operator and the seller itself share one
  // numbering); on the account when the invoice names no seller.
  const sellerId = invoice.keys.sellerId;
  const all =
    sellerId === undefined || sellerId === ''
      ? registry.findInvoicesByNumber(account, number)
      : registry.findInvoicesBySeller(sellerId, number);
  const position = all.findIndex((other) => other.id === invoice.id);
  const earlier = all
    .slice(0, position === -1 ? all.length : position)
    .filter((other) => yearOf(other) === yearOf(invoice));
  const blocking = earlier.filter(
    (other) =>
      other.state !== 'REJECTED' &&
      // Closed by an operator as an incident: the supplier is told to send it again.
      other.state !== 'INCIDENT' &&
      !isSupersededRecycle(earlier, other),
  );
  // Delivered: a recycle still being routed also shows A_RECYCLER, and is not recyclable.
  const recyclable = blocking.find(
    (other) => other.status === 'A_RECYCLER' && other.state === 'DELIVERED',
  );
  if (recyclable) return { kind: 'recycle', originalId: recyclable.id };
  const [first] = blocking;
  if (first === undefined) return { kind: 'new' };
  return {
    kind: 'duplicate',
    issue: issueOf('INVOICE_NUMBER_DUPLICATE', {
      message: `Invoice number ${number} was already sent this year (invoice ${first.id}).`,
    }),
  };
}

/** An A_RECYCLER invoice stays so for good once recycled; its recycle is what counts. */
function isSupersededRecycle(
  invoices: readonly InvoiceRecord[],
  candidate: InvoiceRecord,
): boolean {
  return (
    candidate.status === 'A_RECYCLER' &&
    invoices.some((other) => other.recycledFrom === candidate.id && other.state !== 'REJECTED')
  );
}
