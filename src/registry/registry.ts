import type {
  AckState,
  FlowCounts,
  FlowRecord,
  InvoiceCounts,
  IntakeOutcome,
  InvoiceRecord,
  NewFlow,
  Settlement,
} from './records.js';
import type {
  RecordedStatusChange,
  StatusChange,
  StatusFeedRecord,
  StatusFormatPreference,
  StatusHistoryRecord,
  StatusLineRecord,
} from './lifecycle-records.js';
import type { StatusFileFormat } from '../status/index.js';
import type { AckLanguage } from '../errors/index.js';
import type { FeedKey, PushOutcome } from './push-records.js';

/**
 * The durable record of flows and invoices. Redis holds the queues; this holds the truth the
 * queues are rebuilt from. Every method is atomic. An SQLite implementation ships; the shape
 * leaves room for PostgreSQL.
 */
export interface Registry {
  /** Idempotent: a second call with the same id changes nothing and returns false. */
  createFlow(flow: NewFlow): boolean;
  /** Several flows in one durable commit (group commit of claims); existing ids are skipped. */
  createFlows(flows: readonly NewFlow[]): void;
  getFlow(id: string): FlowRecord | undefined;
  /** RECEIVED → PROCESSING with the invoices found; a no-op when the flow has moved on. */
  recordIntake(flowId: string, outcome: IntakeOutcome): boolean;
  listInvoices(flowId: string): InvoiceRecord[];
  /** Invoices of a flow, and how many are still PENDING (an index look-up, no rows read). */
  countInvoices(flowId: string): InvoiceCounts;
  /** Ids of a flow's PENDING invoices, in order. */
  listPendingInvoiceIds(flowId: string): string[];
  getInvoice(id: string): InvoiceRecord | undefined;
  /** PENDING (or INCIDENT, on an operator's retry) → settled; false when already settled. */
  settleInvoice(id: string, settlement: Settlement): boolean;
  /**
   * PROCESSING → ACKED; false when already acknowledged. In the same transaction, the flow
   * status file owed to an account that chose CPP Statut (`getFlowStatusFeed`).
   */
  markAcked(flowId: string, ackState: AckState, ackAt: string): boolean;
  /** The feed row of a flow's CPP Statut flow status; empty when none is owed. */
  getFlowStatusFeed(flowId: string): StatusFeedRecord[];
  /** Open flows not updated since `before` (ISO time), oldest first. */
  listOpenFlows(before: string, limit: number): FlowRecord[];
  listRecentFlows(account: string | undefined, limit: number): FlowRecord[];
  countFlows(): FlowCounts;
  /** Flows of `account` with this SHA-256, oldest first. */
  findFlowsBySha(account: string, sha256: string): FlowRecord[];
  /** Invoices of `account`'s flows carrying this number, oldest first. */
  findInvoicesByNumber(account: string, number: string): InvoiceRecord[];
  /** Invoices with this number in the name of this seller (its id as read), whoever deposited them, oldest first. */
  findInvoicesBySeller(sellerId: string, number: string): InvoiceRecord[];
  /** Invoices with this number sent by the supplier account(s) with this SIRET. */
  findInvoicesBySupplierSiret(siret: string, number: string): InvoiceRecord[];

  /**
   * Makes a new invoice the recycle of an A_RECYCLER one: it takes up the lifecycle at
   * A_RECYCLER (the history stays on the original). False when already decided.
   */
  markRecycle(invoiceId: string, originalId: string): boolean;
  /**
   * Applies a status change, its history row, its feed rows (one per-account sequence number
   * each) and, when given, the result of the status line that asked for it, in one
   * transaction; undefined (nothing written) when the invoice's status is no longer `from`.
   */
  recordStatusChange(
    change: StatusChange,
    line?: StatusLineRecord,
  ): RecordedStatusChange | undefined;
  /** Stores the result of a status line that changed nothing; false if already stored. */
  recordStatusLine(line: StatusLineRecord): boolean;
  listStatusLines(flowId: string): StatusLineRecord[];
  getStatusHistory(invoiceId: string): StatusHistoryRecord[];
  getHistoryEntry(id: number): StatusHistoryRecord | undefined;
  listStatusFeed(account: string, afterSeq: number): StatusFeedRecord[];
  /** The files (one per format) of feed entry `seq` of `account`. */
  getStatusFeedEntry(account: string, seq: number): StatusFeedRecord[];
  listUnwrittenFeed(limit: number): StatusFeedRecord[];
  /** The language of the account's acknowledgements (`fr` unless it chose `en`). */
  getLanguage(login: string): AckLanguage;
  /** False when there is no such account. */
  setLanguage(login: string, language: AckLanguage): boolean;
  /** `isPushOwed`: the account receives by push; the file is then owed there too. */
  markFeedWritten(
    account: string,
    seq: number,
    format: StatusFileFormat,
    isPushOwed?: boolean,
  ): boolean;
  /** An owed invoice push done (PUSHED) or replaced by an inbox delivery (REROUTED); false if not owed. */
  markInvoicePushed(invoiceId: string, outcome: PushOutcome, deliveredPath: string): boolean;
  listPendingInvoicePushes(limit: number): string[];
  /** An owed status file push done or rerouted; false if not owed. */
  markFeedPushed(key: FeedKey, outcome: PushOutcome): boolean;
  /** Written status files still owed to a push target. */
  listPendingFeedPushes(limit: number): FeedKey[];
  getStatusFormat(login: string): StatusFormatPreference;
  /** False when there is no such account. */
  setStatusFormat(login: string, preference: StatusFormatPreference): boolean;
  close(): void;
}
