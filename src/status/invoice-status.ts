/**
 * The Chorus Pro statuses of an invoice handled by the gateway, in lifecycle order.
 * Names are the Chorus Pro ones so that partners recognise them.
 */
export const INVOICE_STATUSES = [
  'DEPOSEE',
  'MISE_A_DISPOSITION',
  'A_RECYCLER',
  'SUSPENDUE',
  'COMPLETEE',
  'REJETEE',
  'SERVICE_FAIT',
  'MANDATEE',
  'MISE_A_DISPOSITION_COMPTABLE',
  'COMPTABILISEE',
  'MISE_EN_PAIEMENT',
] as const;

export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Returns to the supplier must say why, or the supplier cannot act on them. */
export const REASON_REQUIRED_STATUSES: ReadonlySet<InvoiceStatus> = new Set([
  'A_RECYCLER',
  'SUSPENDUE',
  'REJETEE',
]);

/** No transition leaves these statuses. */
export const FINAL_STATUSES: ReadonlySet<InvoiceStatus> = new Set(['REJETEE', 'MISE_EN_PAIEMENT']);

const STATUS_SET: ReadonlySet<string> = new Set(INVOICE_STATUSES);

export function isInvoiceStatus(value: unknown): value is InvoiceStatus {
  return typeof value === 'string' && STATUS_SET.has(value);
}

export function isReasonRequired(status: InvoiceStatus): boolean {
  return REASON_REQUIRED_STATUSES.has(status);
}
