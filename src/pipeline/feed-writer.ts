/**
 * Writes the status files of new feed rows at once, in the stage that created them, many in
 * parallel so that their folder fsyncs are shared (group commit). A row whose file could not
 * be written goes to the status queue, which retries it with backoff; the reconciler re-queues
 * any row a crash left unwritten. Files owed to an entity's own server are then queued for push.
 */
import { writeStatusFile } from '../lifecycle/index.js';
import type { StatusFeedRecord } from '../registry/index.js';
import type { Enqueuer } from './flow-step.js';
import { mapLimit } from './map-limit.js';
import type { PipelineDeps } from './pipeline-deps.js';

const PARALLEL_WRITES = 48;

export async function writeFeedNow(
  deps: PipelineDeps,
  enqueue: Enqueuer,
  feed: readonly StatusFeedRecord[],
): Promise<void> {
  if (feed.length === 0) return;
  const results = await mapLimit(feed, PARALLEL_WRITES, (row) => writeStatusFile(deps, row));
  await enqueueOwedPushes(
    deps,
    enqueue,
    feed.filter((_, index) => results[index]?.status === 'fulfilled'),
  );
  const failed = feed.filter((_, index) => results[index]?.status === 'rejected');
  if (failed.length === 0) return;
  deps.logger.warn(
    {
      files: failed.length,
      err: (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason,
    },
    'status files not written; queued for retry',
  );
  const entries = new Map(failed.map((row) => [`${row.account}-${row.seq}`, row]));
  await enqueue.status(
    [...entries.values()].map((row) => ({ account: row.account, seq: row.seq })),
  );
}

/** Queues the push of the written rows whose account receives by push (docs/push-delivery.md). */
export async function enqueueOwedPushes(
  deps: Pick<PipelineDeps, 'accounts'>,
  enqueue: Enqueuer,
  rows: readonly StatusFeedRecord[],
): Promise<void> {
  const isPush = new Map<string, boolean>();
  const owed = rows.filter((row) => {
    let known = isPush.get(row.account);
    if (known === undefined) {
      known = deps.accounts.get(row.account)?.push !== undefined;
      isPush.set(row.account, known);
    }
    return known;
  });
  await enqueue.push(
    owed.map((row) => ({ account: row.account, seq: row.seq, format: row.format })),
  );
}
