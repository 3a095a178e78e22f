/**
 * Stage ack. Input: a settled PROCESSING flow. Output: its invoices' platform statuses caught
 * up (should the route stage have died between settling and recording them) with their status
 * files, the acknowledgement in the supplier's `out/`, the flow ACKED; then the exact resends
 * that waited for it. A status update flow met here (re-driven) is settled whole.
 */
import { buildAcknowledgement, localizeAcknowledgement, writeAck } from '../ack/index.js';
import { recordPlatformStatuses } from '../lifecycle/index.js';
import type { StatusFeedRecord } from '../registry/index.js';
import { duplicateAcknowledgement, isDuplicateFlow, waitingResendsOf } from './duplicate-flow.js';
import { writeFeedNow } from './feed-writer.js';
import { flowOf } from './flow-of.js';
import type { Enqueuer } from './flow-step.js';
import type { FlowJob } from './job-types.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { settleIfStatusUpdate } from './status-update-flow.js';

/**
 * Writes the acknowledgement of a settled PROCESSING flow, after recording the platform
 * statuses of its invoices; returns its state and the feed rows to write, or undefined when
 * there was nothing to do (not settled, or a resend whose original is not acknowledged yet).
 */
export async function acknowledgeFlow(
  deps: Pick<PipelineDeps, 'registry' | 'accounts' | 'directory'>,
  flowId: string,
): Promise<{ state: string; feed: StatusFeedRecord[] } | undefined> {
  const flow = deps.registry.getFlow(flowId);
  if (flow?.state !== 'PROCESSING') return undefined;
  if (deps.registry.countInvoices(flow.id).pending > 0) return undefined;
  const invoices = deps.registry.listInvoices(flow.id);
  const ack = isDuplicateFlow(flow)
    ? duplicateAcknowledgement(deps.registry, flow)
    : buildAcknowledgement(flow, invoices);
  if (!ack) return undefined;
  const feed = invoices.flatMap((invoice) => recordPlatformStatuses(deps, invoice.id));
  const language = deps.registry.getLanguage(flow.account);
  await writeAck(
    deps.accounts.folderOf(flow.account, 'out'),
    localizeAcknowledgement(ack, language),
  );
  deps.registry.markAcked(flow.id, ack.state, ack.acknowledgedAt);
  return { state: ack.state, feed: [...feed, ...deps.registry.getFlowStatusFeed(flow.id)] };
}

export async function processAck(
  deps: PipelineDeps,
  enqueue: Enqueuer,
  job: FlowJob,
): Promise<void> {
  const flow = flowOf(deps, job.flowId);
  if (flow.state === 'ACKED') return;
  if (await settleIfStatusUpdate(deps, enqueue, flow)) return;
  const acknowledged = await acknowledgeFlow(deps, flow.id);
  if (acknowledged === undefined) return;
  await writeFeedNow(deps, enqueue, acknowledged.feed);
  deps.logger.info(
    { flowId: flow.id, partner: flow.account, state: acknowledged.state },
    'flow acknowledged',
  );
  // Exact resends of this file waited for its acknowledgement to repeat it.
  for (const resend of waitingResendsOf(deps.registry, flow))
    await enqueue.ack({ flowId: resend.id });
}
