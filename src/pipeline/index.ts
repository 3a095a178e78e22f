export type { FlowJob, JobDataOf, QueueName, StatusJob } from './job-types.js';
export { QUEUE_NAMES } from './job-types.js';
export type { Enqueuer, FlowStep } from './flow-step.js';
export {
  continueFlow,
  enqueueNextStep,
  INLINE_ROUTE_MAX_INVOICES,
  nextStepOf,
} from './flow-step.js';
export { flowKindOf } from './flow-kind.js';
export type { PipelineDeps, PipelineObserver } from './pipeline-deps.js';
export type { PipelineOptions } from './pipeline.js';
export { Pipeline } from './pipeline.js';
export { Reconciler, reconcileOpenFlows, reconcileStatusFeed } from './reconciler.js';
export type { RedisTarget, SentinelAddress } from './redis-target.js';
export { connectRedis, describeRedisTarget, externalRedisOf } from './redis-target.js';
export { FILE_NAME_PATTERN, intakeFlow } from './intake-flow.js';
export { acknowledgeFlow } from './process-ack.js';
