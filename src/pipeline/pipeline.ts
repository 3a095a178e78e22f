/**
 * The BullMQ pipeline: one queue and one worker per stage, job ids derived from flow ids and
 * feed entries (a job is never queued twice), exponential backoff, and dead letters: a job
 * that fails its last attempt stays in the queue's failed set, untouched, until an operator
 * retries it (`passerelle queue retry`). Non-retryable failures skip the remaining attempts.
 * Every connection opened here is closed by `close()`.
 */
import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { PasserelleError } from '../errors/index.js';
import type { Enqueuer } from './flow-step.js';
import type { FlowJob, JobDataOf, PushJob, StatusJob } from './job-types.js';
import type { QueueName } from '../queues/index.js';
import { QUEUE_NAMES } from '../queues/index.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { processAck } from './process-ack.js';
import { processIntake } from './process-intake.js';
import { processPush, pushJobIdOf } from './process-push.js';
import { processRoute } from './process-route.js';
import { processStatus } from './process-status.js';
import { connectRedis, type RedisTarget } from '../queues/index.js';

export interface PipelineOptions {
  readonly redis: RedisTarget;
  readonly prefix: string;
  readonly attempts: number;
  readonly backoffMs: number;
  readonly concurrency: Readonly<Record<QueueName, number>>;
  readonly lockDurationMs: number;
  /** How often stalled jobs are looked for (`lockDurationMs` when absent). */
  readonly stalledIntervalMs?: number | undefined;
  /** Times a job may stall (its worker died) and run again before it is dead-lettered. */
  readonly maxStalledCount?: number | undefined;
  /** Push jobs retry on their own schedule (`delivery.push`): a server may be down for hours. */
  readonly push: {
    readonly attempts: number;
    readonly backoffMs: number;
    readonly maxBackoffMs: number;
  };
}

type Queues = { readonly [Name in QueueName]: Queue<JobDataOf[Name]> };

/** Classifies a failure once, at the job boundary, on its string code. */
function classify(error: unknown): Error {
  if (error instanceof PasserelleError && !error.isRetryable) {
    return new UnrecoverableError(`${error.code}: ${error.message}`);
  }
  // The code leads the message of retryable failures too: dead letters are grouped by it.
  if (error instanceof PasserelleError)
    return new Error(`${error.code}: ${error.message}`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

const statusJobId = (job: StatusJob) => `${job.account}-${job.seq}`;

/** Exponential backoff with a ceiling (push jobs: a server may be down for hours). */
const CAPPED_BACKOFF = 'capped-exponential';

export class Pipeline {
  readonly #options: PipelineOptions;
  readonly #connection: Redis;
  readonly queues: Queues;
  readonly #workers: Worker[] = [];
  readonly #workerConnections: Redis[] = [];

  constructor(options: PipelineOptions) {
    this.#options = options;
    this.#connection = connectRedis(options.redis);
    // Errors surface on the commands that fail; without a listener ioredis prints each one.
    this.#connection.on('error', () => undefined);
    const connection = this.#connection;
    const prefix = options.prefix;
    this.queues = {
      intake: new Queue<FlowJob>(QUEUE_NAMES.intake, { connection, prefix }),
      route: new Queue<FlowJob>(QUEUE_NAMES.route, { connection, prefix }),
      ack: new Queue<FlowJob>(QUEUE_NAMES.ack, { connection, prefix }),
      status: new Queue<StatusJob>(QUEUE_NAMES.status, { connection, prefix }),
      push: new Queue<PushJob>(QUEUE_NAMES.push, { connection, prefix }),
    };
  }

  #jobOptions(
    jobId: string,
    keepCompleted: boolean,
    retries: { readonly attempts: number; readonly backoffMs: number } = this.#options,
    backoffType = 'exponential',
  ): JobsOptions {
    return {
      jobId,
      attempts: retries.attempts,
      backoff: { type: backoffType, delay: retries.backoffMs },
      removeOnComplete: keepCompleted ? { count: 1000 } : true,
      removeOnFail: false,
    };
  }

  readonly enqueue: Enqueuer = {
    intake: async (jobs) => {
      if (jobs.length === 0) return;
      await this.queues.intake.addBulk(
        jobs.map((data) => ({ name: 'intake', data, opts: this.#jobOptions(data.flowId, true) })),
      );
    },
    // Never kept once complete: a route or ack job that found its flow unsettled (an
    // operator's retry, a re-drive) must not block a later one.
    route: async (job) => {
      await this.queues.route.add('route', job, this.#jobOptions(job.flowId, false));
    },
    ack: async (job) => {
      await this.queues.ack.add('ack', job, this.#jobOptions(job.flowId, false));
    },
    // Not kept either: the reconciler may re-queue an entry whose files it finds unwritten.
    status: async (jobs) => {
      if (jobs.length === 0) return;
      await this.queues.status.addBulk(
        jobs.map((data) => ({
          name: 'status',
          data,
          opts: this.#jobOptions(statusJobId(data), false),
        })),
      );
    },
    // Not kept: an invoice's push is owed once (the registry says so); a dead one stays failed.
    push: async (jobs) => {
      if (jobs.length === 0) return;
      await this.queues.push.addBulk(
        jobs.map((data) => ({
          name: 'push',
          data,
          opts: this.#jobOptions(pushJobIdOf(data), false, this.#options.push, CAPPED_BACKOFF),
        })),
      );
    },
  };

  #startWorker<Name extends QueueName>(
    name: Name,
    deps: PipelineDeps,
    run: (data: JobDataOf[Name]) => Promise<void>,
  ): void {
    const connection = connectRedis(this.#options.redis);
    connection.on('error', () => undefined);
    this.#workerConnections.push(connection);
    const worker = new Worker<JobDataOf[Name]>(
      name,
      async (job: Job<JobDataOf[Name]>) => {
        const started = performance.now();
        try {
          await run(job.data);
        } catch (error) {
          throw classify(error);
        }
        deps.observer?.stageCompleted(name, (performance.now() - started) / 1000);
      },
      {
        connection,
        prefix: this.#options.prefix,
        concurrency: this.#options.concurrency[name],
        // A job whose worker died (SIGKILL) is found stalled by any live worker and re-run
        // within lockDuration + stalledInterval. A graceful close() waits for active jobs.
        lockDuration: this.#options.lockDurationMs,
        stalledInterval: this.#options.stalledIntervalMs ?? this.#options.lockDurationMs,
        maxStalledCount: this.#options.maxStalledCount ?? 1,
        autorun: true,
        settings: {
          backoffStrategy: (attemptsMade: number) =>
            Math.min(
              this.#options.push.maxBackoffMs,
              this.#options.push.backoffMs * 2 ** Math.max(0, attemptsMade - 1),
            ),
        },
      },
    );
    worker.on('failed', (job, error) => {
      const isDead =
        job !== undefined &&
        (error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1));
      if (name === 'push' && job !== undefined) {
        const data = job.data as PushJob;
        deps.observer?.pushSettled?.(
          'invoiceId' in data ? 'invoice' : 'status',
          isDead ? 'dead' : 'retry',
        );
      }
      deps.logger[isDead ? 'error' : 'warn'](
        { queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: error, ...job?.data },
        isDead
          ? 'job dead-lettered: operator action needed (passerelle queue failed)'
          : 'job failed, will retry',
      );
    });
    worker.on('error', (error) => {
      deps.logger.warn({ queue: name, err: error }, 'worker connection error');
    });
    this.#workers.push(worker);
  }

  /** The connection the queues share (periodic-work leases use it too). */
  get connection(): Redis {
    return this.#connection;
  }

  /** Starts the workers (a process that only enqueues, the SFTP role, does not call this). */
  start(deps: PipelineDeps): void {
    this.#startWorker('intake', deps, (data) => processIntake(deps, this.enqueue, data));
    this.#startWorker('route', deps, (data) => processRoute(deps, this.enqueue, data));
    this.#startWorker('ack', deps, (data) => processAck(deps, this.enqueue, data));
    this.#startWorker('status', deps, (data) => processStatus(deps, this.enqueue, data));
    this.#startWorker('push', deps, (data) => processPush(deps, this.enqueue, data));
  }

  /** Lets running jobs finish, then closes every worker, queue and connection. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.close()));
    await Promise.all(Object.values(this.queues).map((queue: Queue) => queue.close()));
    await Promise.all(
      [...this.#workerConnections, this.#connection].map((connection) =>
        connection.quit().catch(() => {
          connection.disconnect();
        }),
      ),
    );
  }
}
