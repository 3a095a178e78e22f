export type { AlertKind } from './alert-kinds.js';
export { ALERT_KINDS } from './alert-kinds.js';
export type { Alert } from './alert-store.js';
export { AlertStore } from './alert-store.js';
export type { ExpectedBatch } from './expected-batch-store.js';
export { ExpectedBatchStore } from './expected-batch-store.js';
export type { BatchSchedule, LateBatch, Weekday } from './batch-schedule.js';
export {
  WEEKDAYS,
  isTimeOfDay,
  isTimeZone,
  lastDeadline,
  lateBatchOf,
  parseDays,
  zonedInstant,
} from './batch-schedule.js';
export type { AlertCheckDeps, AlertCheckResult, AlertEvent } from './alert-checks.js';
export { runAlertChecks } from './alert-checks.js';
export type { AlertPayload, AlertWebhookOptions } from './alert-webhook.js';
export { AlertWebhook } from './alert-webhook.js';
export { AlertScheduler } from './alert-scheduler.js';
