/**
 * What a flow needs next, decided in one place from its recorded state and its count of
 * pending invoices: the stages call it when they finish, the reconciler when it re-drives open
 * flows.
 */
import type { FlowState, InvoiceCounts, Registry } from '../registry/index.js';
import type { FlowJob, PushJob, StatusJob } from './job-types.js';

export type FlowStep = 'intake' | 'route' | 'ack' | 'done';

export function nextStepOf(state: FlowState, counts: InvoiceCounts): FlowStep {
  if (state === 'ACKED') return 'done';
  if (state === 'RECEIVED') return 'intake';
  return counts.pending > 0 ? 'route' : 'ack';
}

/** Where the stages put their next jobs (the pipeline's queues; a fake in unit tests). */
export interface Enqueuer {
  intake(jobs: readonly FlowJob[]): Promise<void>;
  route(job: FlowJob): Promise<void>;
  ack(job: FlowJob): Promise<void>;
  status(jobs: readonly StatusJob[]): Promise<void>;
  /** Pushes owed to entities' servers (invoices, status files). */
  push(jobs: readonly PushJob[]): Promise<void>;
}

/**
 * Runs a flow's next step in the job that finished the previous one, instead of queueing it,
 * when that step is cheap: a small flow's routing, any flow's acknowledgement. A file of one
 * invoice then costs one job instead of three (each job is several Redis round trips). The
 * stages stay idempotent, so a retry of the job redoes only what the registry still lacks.
 */
export interface InlineSteps {
  route(job: FlowJob): Promise<void>;
  ack(job: FlowJob): Promise<void>;
}

/** Flows with at most this many invoices are routed in their intake job. */
export const INLINE_ROUTE_MAX_INVOICES = 16;

/** Runs the next step inline where `InlineSteps` allows, else queues it; returns the step. */
export async function continueFlow(
  registry: Pick<Registry, 'getFlow' | 'countInvoices'>,
  enqueue: Enqueuer,
  flowId: string,
  inline: Partial<InlineSteps>,
): Promise<FlowStep> {
  const flow = registry.getFlow(flowId);
  if (!flow) return 'done';
  const counts = registry.countInvoices(flowId);
  const step = nextStepOf(flow.state, counts);
  if (step === 'route' && inline.route && counts.total <= INLINE_ROUTE_MAX_INVOICES) {
    await inline.route({ flowId });
    return step;
  }
  if (step === 'ack' && inline.ack) {
    await inline.ack({ flowId });
    return step;
  }
  return enqueueNextStep(registry, enqueue, flowId);
}

/** Queues the flow's next step; returns it ('done' queues nothing). */
export async function enqueueNextStep(
  registry: Pick<Registry, 'getFlow' | 'countInvoices'>,
  enqueue: Enqueuer,
  flowId: string,
): Promise<FlowStep> {
  const flow = registry.getFlow(flowId);
  if (!flow) return 'done';
  const step = nextStepOf(flow.state, registry.countInvoices(flowId));
  if (step === 'intake') await enqueue.intake([{ flowId }]);
  else if (step === 'route') await enqueue.route({ flowId });
  else if (step === 'ack') await enqueue.ack({ flowId });
  return step;
}
