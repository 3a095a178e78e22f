/**
 * A status update file's flow (an entity's statuses, a supplier's COMPLETEE) is settled whole
 * by the lifecycle (src/lifecycle/) in the stage that meets it: intake, or ack on a re-drive.
 */
import { settleStatusFlow } from '../lifecycle/index.js';
import type { FlowRecord } from '../registry/index.js';
import { writeFeedNow } from './feed-writer.js';
import { kindOfFlow } from './flow-kind.js';
import type { Enqueuer } from './flow-step.js';
import type { PipelineDeps } from './pipeline-deps.js';

export async function settleStatusUpdateFlow(
  deps: PipelineDeps,
  enqueue: Enqueuer,
  flow: FlowRecord,
): Promise<void> {
  const actor = (await deps.accounts.get(flow.account))?.role === 'entity' ? 'entity' : 'supplier';
  const settled = await settleStatusFlow(deps, flow, actor);
  if (!settled) return;
  deps.logger.info(
    {
      flowId: flow.id,
      partner: flow.account,
      state: settled.state,
      lines: settled.lines,
      accepted: settled.accepted,
    },
    'status file applied',
  );
  await writeFeedNow(deps, enqueue, settled.feed);
}

/** Settles the flow whole when it is a status update file; false for an invoice flow. */
export async function settleIfStatusUpdate(
  deps: PipelineDeps,
  enqueue: Enqueuer,
  flow: FlowRecord,
): Promise<boolean> {
  if (
    (await kindOfFlow(flow, async (login) => (await deps.accounts.get(login))?.role)) !==
    'status-update'
  )
    return false;
  await settleStatusUpdateFlow(deps, enqueue, flow);
  return true;
}
