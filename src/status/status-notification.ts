import type { Actor } from './actor.js';
import type { InvoiceStatus } from './invoice-status.js';
import type { ReformCode } from './reform-code.js';

export interface StatusParty {
  /** 14 digits. */
  readonly siret: string;
  readonly name?: string;
}

export interface StatusRecipient extends StatusParty {
  readonly serviceCode?: string;
}

/**
 * One status change to tell a partner about. Everything the files show comes from here (no
 * clock, no counter), so rendering the same notification twice gives the same bytes.
 */
export interface StatusNotification {
  /** The gateway account the file is written for; sequences count per account. */
  readonly accountId: string;
  /** Positive integer, unique and increasing per account. */
  readonly sequence: number;
  /** The gateway's invoice id: 1 to 64 of A-Z a-z 0-9 . _ - (it goes into file names). */
  readonly invoiceId: string;
  readonly supplier: StatusParty;
  readonly invoiceNumber: string;
  /** `YYYY-MM-DD` (BT-2); CDAR identifies an invoice by seller, number and issue date. */
  readonly invoiceIssueDate?: string;
  /** UNTDID 1001 (380 invoice, 381 credit note…), for CDAR only. */
  readonly invoiceTypeCode?: string;
  readonly recipient: StatusRecipient;
  readonly status: InvoiceStatus;
  /** The code of the move when it differs from the status's own (213 for a rejection at deposit). */
  readonly reformCode?: ReformCode;
  /** Null when the invoice was just created (DEPOSEE). */
  readonly previousStatus: InvoiceStatus | null;
  readonly reason?: string;
  readonly reasonCode?: string;
  readonly changedBy: { readonly actor: Actor; readonly name?: string };
  /** ISO 8601 date-time with offset. */
  readonly changedAt: string;
}
