export type {
  AckState,
  FlowCounts,
  FlowKind,
  FlowRecord,
  InvoiceCounts,
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
export type {
  RecordedStatusChange,
  StatusChange,
  StatusFeedRecord,
  StatusFormatPreference,
  StatusHistoryRecord,
  StatusLineRecord,
} from './lifecycle-records.js';
export { STATUS_FORMAT_PREFERENCES, isStatusFormatPreference } from './lifecycle-records.js';
export type { FeedKey, PushOutcome, PushState } from './push-records.js';
