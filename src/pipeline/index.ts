export type { FlowJob, InvoiceJob, QueueName } from './job-types.js';
export { QUEUE_NAMES } from './job-types.js';
export type { PipelineDeps } from './pipeline-deps.js';
export type { PipelineOptions } from './pipeline.js';
export { Pipeline } from './pipeline.js';
export { Reconciler, reconcileOpenFlows } from './reconciler.js';
export type { RedisTarget } from './redis-target.js';
export { connectRedis, describeRedisTarget } from './redis-target.js';
export { FILE_NAME_PATTERN, intakeFlow } from './intake-flow.js';
