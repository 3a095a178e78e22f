import type {
  AckState,
  FlowCounts,
  FlowRecord,
  IntakeOutcome,
  InvoiceRecord,
  NewFlow,
  Settlement,
} from './records.js';

/**
 * The durable record of flows and invoices. Redis holds the queues; this holds the truth the
 * queues are rebuilt from. Every method is atomic. An SQLite implementation ships; the shape
 * leaves room for PostgreSQL.
 */
export interface Registry {
  /** Idempotent: a second call with the same id changes nothing and returns false. */
  createFlow(flow: NewFlow): boolean;
  getFlow(id: string): FlowRecord | undefined;
  /** RECEIVED → PROCESSING with the invoices found; a no-op when the flow has moved on. */
  recordIntake(flowId: string, outcome: IntakeOutcome): boolean;
  listInvoices(flowId: string): InvoiceRecord[];
  getInvoice(id: string): InvoiceRecord | undefined;
  /** PENDING (or INCIDENT, on an operator's retry) → settled; false when already settled. */
  settleInvoice(id: string, settlement: Settlement): boolean;
  /** PROCESSING → ACKED; false when already acknowledged. */
  markAcked(flowId: string, ackState: AckState, ackAt: string): boolean;
  /** Open flows not updated since `before` (ISO time), oldest first. */
  listOpenFlows(before: string, limit: number): FlowRecord[];
  listRecentFlows(account: string | undefined, limit: number): FlowRecord[];
  countFlows(): FlowCounts;
  close(): void;
}
