/**
 * Re-drives open flows from the registry, so that a job lost with Redis (or never queued
 * because the process died between the registry write and the queue write) is re-created.
 * Also re-queues status feed entries whose files are not written yet (a crash between the
 * status change and the file loses nothing), and the pushes owed to entities' servers.
 * Safe to run any time: job ids dedupe, and the processors are idempotent.
 */
import type { Logger } from '../logging/index.js';
import type { Registry } from '../registry/index.js';
import { nextStepOf, type Enqueuer } from './flow-step.js';
import type { FlowJob, PushJob, StatusJob } from './job-types.js';

const BATCH = 500;

export async function reconcileOpenFlows(
  registry: Registry,
  enqueue: Enqueuer,
  graceMs: number,
): Promise<number> {
  const before = new Date(Date.now() - graceMs).toISOString();
  const flows = registry.listOpenFlows(before, BATCH);
  const intakes: FlowJob[] = [];
  for (const flow of flows) {
    const step = nextStepOf(flow.state, registry.countInvoices(flow.id));
    if (step === 'intake') intakes.push({ flowId: flow.id });
    else if (step === 'route') await enqueue.route({ flowId: flow.id });
    else if (step === 'ack') await enqueue.ack({ flowId: flow.id });
  }
  await enqueue.intake(intakes);
  return flows.length;
}

/** Re-queues the feed entries with a file still unwritten; returns how many entries. */
export async function reconcileStatusFeed(registry: Registry, enqueue: Enqueuer): Promise<number> {
  const entries = new Map<string, StatusJob>();
  for (const row of registry.listUnwrittenFeed(BATCH)) {
    entries.set(`${row.account}-${row.seq}`, { account: row.account, seq: row.seq });
  }
  await enqueue.status([...entries.values()]);
  return entries.size;
}

/** Re-queues the pushes still owed (invoices, written status files); returns how many. */
export async function reconcilePushes(registry: Registry, enqueue: Enqueuer): Promise<number> {
  const jobs: PushJob[] = [
    ...registry.listPendingInvoicePushes(BATCH).map((invoiceId) => ({ invoiceId })),
    ...registry.listPendingFeedPushes(BATCH),
  ];
  await enqueue.push(jobs);
  return jobs.length;
}

export class Reconciler {
  #timer: NodeJS.Timeout | undefined;
  #isRunning = false;

  constructor(
    private readonly registry: Registry,
    private readonly enqueue: Enqueuer,
    private readonly graceMs: number,
    private readonly logger: Logger,
  ) {}

  start(intervalMs: number): void {
    this.#timer = setInterval(() => {
      void this.runOnce(this.graceMs);
    }, intervalMs);
    this.#timer.unref();
  }

  async runOnce(graceMs: number): Promise<void> {
    if (this.#isRunning) return;
    this.#isRunning = true;
    try {
      const count = await reconcileOpenFlows(this.registry, this.enqueue, graceMs);
      if (count > 0) this.logger.info({ flows: count }, 'reconciler re-drove open flows');
      const entries = await reconcileStatusFeed(this.registry, this.enqueue);
      if (entries > 0) this.logger.info({ entries }, 'reconciler re-queued unwritten status files');
      // Job ids dedupe: a push waiting for its retry, or dead-lettered, is left as it is.
      await reconcilePushes(this.registry, this.enqueue);
    } catch (error) {
      this.logger.error({ err: error }, 'reconciler failed');
    } finally {
      this.#isRunning = false;
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }
}
