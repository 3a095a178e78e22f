export type {
  AckState,
  FlowCounts,
  FlowRecord,
  FlowState,
  IntakeOutcome,
  InvoiceKeys,
  InvoiceRecord,
  InvoiceState,
  NewFlow,
  NewInvoice,
  Settlement,
} from './records.js';
export type { Registry } from './registry.js';
export { SqliteRegistry } from './sqlite-registry.js';
