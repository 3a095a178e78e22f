import type { ValidationIssue } from '../errors/index.js';
import type { InvoiceStatus } from '../status/index.js';
import type { PushState } from './push-records.js';

/** RECEIVED: archived, not yet read. PROCESSING: invoices known, some maybe unsettled. ACKED: acknowledgement written. */
export type FlowState = 'RECEIVED' | 'PROCESSING' | 'ACKED';

/** PENDING: valid, waiting for routing. The other three are settled. */
export type InvoiceState = 'PENDING' | 'DELIVERED' | 'REJECTED' | 'INCIDENT';

/** Overall acknowledgement state, modelled on Chorus Pro. */
export type AckState = 'IN_INTEGRE' | 'IN_INTEGRE_PARTIEL' | 'IN_REJETE' | 'IN_INCIDENTE';

/**
 * What a dropped file is, decided once when it is claimed: invoices (a supplier's invoice or
 * batch) or a status update file (everything an entity drops; a supplier's COMPLETEE file).
 * Undefined on flows recorded before the kind was kept.
 */
export type FlowKind = 'invoices' | 'status-update';

export interface NewFlow {
  readonly id: string;
  readonly account: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly archivePath: string;
  readonly receivedAt: string;
  readonly kind?: FlowKind | undefined;
}

export interface FlowRecord extends NewFlow {
  readonly kind: FlowKind | undefined;
  readonly state: FlowState;
  readonly syntax: string | undefined;
  readonly issues: readonly ValidationIssue[];
  readonly ackState: AckState | undefined;
  readonly ackAt: string | undefined;
  readonly updatedAt: string;
}

/** Business keys read from an invoice, as far as they could be read. */
export interface InvoiceKeys {
  readonly number?: string | undefined;
  readonly issueDate?: string | undefined;
  readonly buyerSiret?: string | undefined;
  readonly serviceCode?: string | undefined;
  readonly commitmentNumber?: string | undefined;
  readonly sellerId?: string | undefined;
  readonly sellerName?: string | undefined;
}

export interface NewInvoice {
  readonly id: string;
  readonly seq: number;
  readonly syntax: string | undefined;
  /** File name of the invoice inside the flow (the flow's own name for a single file). */
  readonly sourceName: string;
  /** Where the invoice's own bytes are kept: the archived file, or an archive entry extracted beside it. */
  readonly sourcePath: string;
  readonly sha256: string;
  readonly keys: InvoiceKeys;
  readonly state: 'PENDING' | 'REJECTED';
  readonly issues: readonly ValidationIssue[];
}

export interface InvoiceRecord extends Omit<NewInvoice, 'state'> {
  readonly flowId: string;
  readonly state: InvoiceState;
  readonly recipientSiret: string | undefined;
  readonly recipientAccount: string | undefined;
  readonly deliveredPath: string | undefined;
  /** Lifecycle status (docs/lifecycle.md); undefined until the platform sets the first one. */
  readonly status: InvoiceStatus | undefined;
  /** For the recycle of an A_RECYCLER invoice: that invoice, whose lifecycle this one continues. */
  readonly recycledFrom: string | undefined;
  /** Set when delivered by push (docs/push-delivery.md): MISE_A_DISPOSITION waits for PUSHED. */
  readonly pushState?: PushState | undefined;
  readonly updatedAt: string;
}

export interface IntakeOutcome {
  readonly syntax: string | undefined;
  /** Problems of the file as a whole (it could not be read as invoices). */
  readonly issues: readonly ValidationIssue[];
  readonly invoices: readonly NewInvoice[];
}

export type Settlement =
  | {
      readonly state: 'DELIVERED';
      readonly recipientSiret: string;
      readonly recipientAccount: string;
      readonly deliveredPath: string;
      readonly issues: readonly ValidationIssue[];
      /** Delivered by push: the push is owed (push state PENDING), not done. */
      readonly isPushOwed?: boolean | undefined;
    }
  | {
      readonly state: 'REJECTED' | 'INCIDENT';
      readonly recipientSiret?: string | undefined;
      readonly issues: readonly ValidationIssue[];
    };

/** How far a flow's invoices are: the stages decide the next job from this, not from a list. */
export interface InvoiceCounts {
  readonly total: number;
  readonly pending: number;
}

export interface FlowCounts {
  readonly received: number;
  readonly processing: number;
  readonly acked: number;
}
