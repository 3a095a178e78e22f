export type { FlowJob, JobDataOf, PushJob, StatusJob } from './job-types.js';
export type { Enqueuer, FlowStep } from './flow-step.js';
export {
  continueFlow,
  enqueueNextStep,
  INLINE_ROUTE_MAX_INVOICES,
  nextStepOf,
} from './flow-step.js';
export { flowKindOf } from './flow-kind.js';
export type { PipelineDeps, PipelineObserver, PushDeps } from './pipeline-deps.js';
export type { PipelineOptions } from './pipeline.js';
export { Pipeline } from './pipeline.js';
export {
  Reconciler,
  reconcileOpenFlows,
  reconcilePushes,
  reconcileStatusFeed,
} from './reconciler.js';
export { PLATFORM_PUSH_KEY_ENV, pushKeyOf } from './push-key.js';
export type { RerouteResult } from './reroute-push.js';
export { rerouteInvoice, rerouteStatusFile, writeFeedFiles } from './reroute-push.js';
export { pushJobIdOf } from './process-push.js';
export { FILE_NAME_PATTERN, intakeFlow } from './intake-flow.js';
export { acknowledgeFlow } from './process-ack.js';
