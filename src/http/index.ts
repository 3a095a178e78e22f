export type { MetricsHooks, QueueLike, SettleOutcome } from './metrics-hooks.js';
export { NO_METRICS } from './metrics-hooks.js';
export type { MetricsSources } from './metrics.js';
export { Metrics } from './metrics.js';
export type { CheckResult, Readiness, ReadinessSources } from './readiness.js';
export { checkReadiness } from './readiness.js';
export type { OpsServerOptions } from './ops-server.js';
export { OpsServer } from './ops-server.js';
