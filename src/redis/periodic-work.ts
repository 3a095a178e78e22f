/**
 * Periodic work that runs once across the cluster: every process registers the same tasks,
 * and only the one holding the lease runs them. The lease is renewed every third of its TTL;
 * when its holder stops it is released, when its holder dies it expires, and another process
 * takes it at its next heartbeat (within the TTL plus a third of it) and runs every task at once
 * (`isTakeover`) to catch up on what the previous holder may have left half done.
 * Tasks must be idempotent: a holder paused past the TTL may overlap with the next one.
 */
import type { Logger } from '../logging/index.js';
import type { ClusterLease } from './cluster-lease.js';

export interface PeriodicTaskContext {
  /** First run since this process took the lease (the previous holder may have died). */
  readonly isTakeover: boolean;
}

export interface PeriodicTask {
  readonly name: string;
  readonly intervalMs: number;
  run(context: PeriodicTaskContext): Promise<void>;
}

const RELEASE_TIMEOUT_MS = 1000;
const STOP_WAIT_MS = 5000;

/** Waits for `work`, at most `ms`. */
async function within(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work,
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

interface Scheduled {
  readonly task: PeriodicTask;
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
}

export class PeriodicWork {
  readonly #lease: ClusterLease;
  readonly #logger: Logger;
  readonly #tasks: Scheduled[] = [];
  #heartbeat: NodeJS.Timeout | undefined;
  #isBeating = false;
  #isStopped = false;

  constructor(lease: ClusterLease, logger: Logger) {
    this.#lease = lease;
    this.#logger = logger;
  }

  /** Whether this process runs the periodic work now. */
  get isLeader(): boolean {
    return this.#lease.isHeld;
  }

  /** Adds a task (before or after `start`). */
  register(task: PeriodicTask): void {
    const scheduled: Scheduled = { task, timer: undefined, running: undefined };
    this.#tasks.push(scheduled);
    if (this.#heartbeat !== undefined) this.#schedule(scheduled);
  }

  /**
   * Tries to take the lease once and, when it does, runs every task once before resolving
   * (start-up recovery happens before the process serves anything); then keeps trying.
   */
  async start(): Promise<void> {
    await this.#beat();
    this.#heartbeat = setInterval(
      () => {
        void this.#beat();
      },
      Math.max(5, Math.floor(this.#lease.ttlMs / 3)),
    );
    this.#heartbeat.unref();
    for (const scheduled of this.#tasks) this.#schedule(scheduled);
  }

  #schedule(scheduled: Scheduled): void {
    scheduled.timer = setInterval(() => {
      if (this.#lease.isHeld) void this.#run(scheduled, false);
    }, scheduled.task.intervalMs);
    scheduled.timer.unref();
  }

  async #beat(): Promise<void> {
    // While Redis is unreachable a command may wait long: one heartbeat at a time, and the
    // lease counts as lost locally once its TTL has passed without a renewal.
    if (this.#isStopped || this.#isBeating) return;
    this.#isBeating = true;
    const wasHeld = this.#lease.isHeld;
    let isHeld: boolean;
    try {
      isHeld = wasHeld ? await this.#lease.renew() : await this.#lease.acquire();
    } catch (error) {
      this.#logger.warn({ err: error, lease: this.#lease.key }, 'periodic work lease check failed');
      return;
    } finally {
      this.#isBeating = false;
    }
    if (wasHeld && !isHeld)
      this.#logger.warn({ lease: this.#lease.key }, 'periodic work lease lost to another process');
    if (!wasHeld && isHeld && !this.#isStopped) {
      this.#logger.info({ lease: this.#lease.key }, 'this process now runs the periodic work');
      await Promise.all(this.#tasks.map((scheduled) => this.#run(scheduled, true)));
    }
  }

  /** Runs a task unless it is still running; failures are logged, never thrown. */
  #run(scheduled: Scheduled, isTakeover: boolean): Promise<void> {
    if (scheduled.running !== undefined || this.#isStopped)
      return scheduled.running ?? Promise.resolve();
    const running = scheduled.task
      .run({ isTakeover })
      .catch((error: unknown) => {
        this.#logger.error({ err: error, task: scheduled.task.name }, 'periodic task failed');
      })
      .finally(() => {
        scheduled.running = undefined;
      });
    scheduled.running = running;
    return running;
  }

  /** Stops scheduling, waits for running tasks, and gives the lease back. */
  async stop(): Promise<void> {
    this.#isStopped = true;
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    for (const scheduled of this.#tasks) if (scheduled.timer) clearInterval(scheduled.timer);
    // A task still running is waited for, within bounds: one stuck on an unreachable Redis
    // must not hold the process's stop (tasks are idempotent; the next holder runs them).
    await within(
      STOP_WAIT_MS,
      Promise.all(this.#tasks.map((scheduled) => scheduled.running ?? Promise.resolve())),
    );
    // Released so that another process takes over at once; bounded, should Redis be down
    // (the lease then simply expires).
    await within(
      RELEASE_TIMEOUT_MS,
      this.#lease.release().catch(() => false),
    );
  }
}
