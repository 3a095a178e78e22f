/**
 * The BullMQ pipeline: one queue and one worker per stage, job ids derived from flow and
 * invoice ids (a job is never queued twice), exponential backoff, and dead letters: a job
 * that fails its last attempt stays in the queue's failed set, untouched, until an operator
 * retries it (`passerelle queue retry`). Non-retryable failures skip the remaining attempts.
 */
import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { PasserelleError } from '../errors/index.js';
import type { FlowJob, InvoiceJob, QueueName, StatusJob } from './job-types.js';
import { QUEUE_NAMES } from './job-types.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { connectRedis, type RedisTarget } from './redis-target.js';
import {
  processAck,
  processIntake,
  processRoute,
  processStatus,
  type Enqueuer,
} from './stage-processors.js';

export interface PipelineOptions {
  readonly redis: RedisTarget;
  readonly prefix: string;
  readonly attempts: number;
  readonly backoffMs: number;
  readonly concurrency: Readonly<Record<QueueName, number>>;
  readonly lockDurationMs: number;
}

type AnyJob = FlowJob | InvoiceJob | StatusJob;

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

export class Pipeline {
  readonly #options: PipelineOptions;
  readonly #connection: Redis;
  readonly queues: Readonly<Record<QueueName, Queue<AnyJob>>>;
  readonly #workers: Worker<AnyJob>[] = [];
  readonly #workerConnections: Redis[] = [];

  constructor(options: PipelineOptions) {
    this.#options = options;
    this.#connection = connectRedis(options.redis);
    const queue = (name: QueueName) =>
      new Queue<AnyJob>(name, { connection: this.#connection, prefix: options.prefix });
    this.queues = {
      intake: queue(QUEUE_NAMES.intake),
      route: queue(QUEUE_NAMES.route),
      ack: queue(QUEUE_NAMES.ack),
      status: queue(QUEUE_NAMES.status),
    };
  }

  #jobOptions(jobId: string, keepCompleted: boolean): JobsOptions {
    return {
      jobId,
      attempts: this.#options.attempts,
      backoff: { type: 'exponential', delay: this.#options.backoffMs },
      removeOnComplete: keepCompleted ? { count: 1000 } : true,
      removeOnFail: false,
    };
  }

  readonly enqueue: Enqueuer & { intake(job: FlowJob): Promise<void> } = {
    intake: async (job) => {
      await this.queues.intake.add('intake', job, this.#jobOptions(job.flowId, true));
    },
    route: async (job) => {
      await this.queues.route.add('route', job, this.#jobOptions(job.invoiceId, true));
    },
    // Never kept once complete: an ack job that found its flow unsettled must not block a later one.
    ack: async (job) => {
      await this.queues.ack.add('ack', job, this.#jobOptions(job.flowId, false));
    },
    // Not kept either: the reconciler may re-queue an entry whose files it finds unwritten.
    status: async (job) => {
      await this.queues.status.add(
        'status',
        job,
        this.#jobOptions(`${job.account}-${job.seq}`, false),
      );
    },
  };

  /** Starts the workers. */
  start(deps: PipelineDeps): void {
    const { concurrency, prefix } = this.#options;
    const worker = (name: QueueName, run: (data: AnyJob) => Promise<void>) => {
      const connection = connectRedis(this.#options.redis);
      this.#workerConnections.push(connection);
      const created = new Worker<AnyJob>(
        name,
        async (job: Job<AnyJob>) => {
          try {
            await run(job.data);
          } catch (error) {
            throw classify(error);
          }
        },
        {
          connection,
          prefix,
          concurrency: concurrency[name],
          // A job whose worker died (SIGKILL) is found stalled and re-run after this long.
          lockDuration: this.#options.lockDurationMs,
          stalledInterval: this.#options.lockDurationMs,
          autorun: true,
        },
      );
      created.on('failed', (job, error) => {
        const isDead =
          job !== undefined &&
          (error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1));
        deps.logger[isDead ? 'error' : 'warn'](
          { queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: error, ...job?.data },
          isDead
            ? 'job dead-lettered: operator action needed (passerelle queue failed)'
            : 'job failed, will retry',
        );
      });
      created.on('error', (error) => {
        deps.logger.warn({ queue: name, err: error }, 'worker connection error');
      });
      this.#workers.push(created);
    };
    worker('intake', (data) => processIntake(deps, this.enqueue, data as FlowJob));
    worker('route', (data) => processRoute(deps, this.enqueue, data as InvoiceJob));
    worker('ack', (data) => processAck(deps, this.enqueue, data as FlowJob));
    worker('status', (data) => processStatus(deps, data as StatusJob));
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.close()));
    await Promise.all(Object.values(this.queues).map((queue) => queue.close()));
    for (const connection of this.#workerConnections) connection.disconnect();
    this.#connection.disconnect();
  }
}
