/**
 * Stage route. Input: a PROCESSING flow with PENDING invoices. Output: each routed (delivered
 * or rejected), its platform statuses recorded and their status files written, a chunk at a
 * time with deliveries in parallel (their folder syncs shared); then the acknowledgement, in
 * the same job. Invoices for entities with a push target get a push job each (process-push.ts).
 * One job per flow: a batch of 500 is one job, not 500, and settling needs no listing of the
 * flow's invoices. An invoice that fails leaves the others going; the job then fails (and is
 * retried, or dead-lettered) with the first error, and the flow stays open.
 */
import { recordPlatformStatuses } from '../lifecycle/index.js';
import { writeFeedNow } from './feed-writer.js';
import { continueFlow, type Enqueuer } from './flow-step.js';
import { flowOf } from './flow-of.js';
import type { FlowJob } from './job-types.js';
import { mapLimit } from './map-limit.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { processAck } from './process-ack.js';
import { routeInvoice } from './route-invoice.js';

/** Invoices routed between two registry checkpoints; deliveries run this many at once. */
const CHUNK = 128;
const PARALLEL_DELIVERIES = 32;

export async function processRoute(
  deps: PipelineDeps,
  enqueue: Enqueuer,
  job: FlowJob,
): Promise<void> {
  const flow = flowOf(deps, job.flowId);
  if (flow.state !== 'PROCESSING') return;
  const pending = deps.registry.listPendingInvoiceIds(flow.id);
  let firstError: Error | undefined;
  for (let start = 0; start < pending.length; start += CHUNK) {
    const chunk = pending.slice(start, start + CHUNK);
    const results = await mapLimit(chunk, PARALLEL_DELIVERIES, (invoiceId) =>
      routeInvoice(deps, flow, invoiceId),
    );
    await enqueue.push(
      chunk
        .filter((_, index) => {
          const result = results[index];
          return result?.status === 'fulfilled' && result.value === 'push';
        })
        .map((invoiceId) => ({ invoiceId })),
    );
    for (const result of results) {
      if (result.status !== 'rejected') continue;
      firstError ??=
        result.reason instanceof Error ? result.reason : new Error(String(result.reason));
    }
    const feed = chunk.flatMap((invoiceId) => recordPlatformStatuses(deps, invoiceId));
    await writeFeedNow(deps, enqueue, feed);
  }
  if (firstError !== undefined) throw firstError;
  await continueFlow(deps.registry, enqueue, flow.id, {
    ack: (next) => processAck(deps, enqueue, next),
  });
}
