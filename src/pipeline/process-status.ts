/**
 * Stage status. Input: one entry of an account's status feed whose files are not written yet
 * (a change made outside a flow's stages: an operator's, or a retry). Output: its status
 * files in the account's `out/`, marked written.
 */
import { writeStatusFeedEntry } from '../lifecycle/index.js';
import { enqueueOwedPushes } from './feed-writer.js';
import type { Enqueuer } from './flow-step.js';
import type { StatusJob } from './job-types.js';
import type { PipelineDeps } from './pipeline-deps.js';

export async function processStatus(
  deps: PipelineDeps,
  enqueue: Enqueuer,
  job: StatusJob,
): Promise<void> {
  const written = await writeStatusFeedEntry(deps, job.account, job.seq);
  await enqueueOwedPushes(
    deps,
    enqueue,
    deps.registry.getStatusFeedEntry(job.account, job.seq).filter((row) => row.isWritten),
  );
  if (written.length > 0) {
    deps.logger.info(
      { partner: job.account, seq: job.seq, files: written.length },
      'status file written',
    );
  }
}
