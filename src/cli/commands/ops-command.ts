import { Queue } from 'bullmq';
import type { Command } from 'commander';
import { openStores, readRuntimeInfo } from '../../app/index.js';
import { dataLayoutOf, type Config } from '../../config/index.js';
import {
  connectRedis,
  QUEUE_NAMES,
  type QueueName,
  type RedisTarget,
} from '../../pipeline/index.js';
import { CliExit, configFor, type GlobalOptions } from '../cli-context.js';

function redisTargetOf(config: Config): RedisTarget {
  if (config.redis.url !== undefined) return { url: config.redis.url };
  const runtime = readRuntimeInfo(dataLayoutOf(config));
  if (!runtime) throw new CliExit(2, 'no running gateway found (start it, or set REDIS_URL)');
  return runtime.redis;
}

async function withQueues<T>(
  config: Config,
  work: (queues: Record<QueueName, Queue>) => Promise<T>,
): Promise<T> {
  const connection = connectRedis(redisTargetOf(config), { maxRetriesPerRequest: 1 });
  const names = Object.values(QUEUE_NAMES);
  const queues = Object.fromEntries(
    names.map((name) => [
      name,
      new Queue(name, { connection, prefix: config.pipeline.queuePrefix }),
    ]),
  ) as Record<QueueName, Queue>;
  try {
    return await work(queues);
  } finally {
    await Promise.all(Object.values(queues).map((queue) => queue.close()));
    connection.disconnect();
  }
}

export function registerOpsCommands(program: Command): void {
  program
    .command('flows')
    .description('recent flows with their state and acknowledgement')
    .option('--account <login>', 'only this supplier')
    .option('--limit <n>', 'how many', '20')
    .action((options: { account?: string; limit: string }, command: Command) => {
      const stores = openStores(dataLayoutOf(configFor(command.optsWithGlobals<GlobalOptions>())));
      try {
        const counts = stores.registry.countFlows();
        process.stdout.write(
          `flows: ${counts.received} received, ${counts.processing} processing, ${counts.acked} acknowledged\n`,
        );
        for (const flow of stores.registry.listRecentFlows(
          options.account,
          Number(options.limit),
        )) {
          process.stdout.write(
            `${flow.id}\t${flow.account}\t${flow.state}\t${flow.ackState ?? '-'}\t${flow.receivedAt}\t${flow.fileName}\n`,
          );
        }
      } finally {
        stores.db.close();
      }
    });

  const queue = program
    .command('queue')
    .description('pipeline queues: counts, dead letters, retries');
  queue
    .command('status')
    .description('job counts per queue')
    .action(async (_options: unknown, command: Command) => {
      await withQueues(configFor(command.optsWithGlobals<GlobalOptions>()), async (queues) => {
        for (const [name, item] of Object.entries(queues)) {
          const counts = await item.getJobCounts(
            'waiting',
            'active',
            'delayed',
            'failed',
            'completed',
          );
          process.stdout.write(
            `${name}\t${Object.entries(counts)
              .map(([state, n]) => `${state}=${n}`)
              .join(' ')}\n`,
          );
        }
      });
    });
  queue
    .command('failed')
    .description('dead-lettered jobs (failed after their last attempt, or not retryable)')
    .action(async (_options: unknown, command: Command) => {
      await withQueues(configFor(command.optsWithGlobals<GlobalOptions>()), async (queues) => {
        for (const [name, item] of Object.entries(queues)) {
          for (const job of await item.getFailed(0, 999)) {
            process.stdout.write(
              `${name}\t${job.id ?? '?'}\tattempts=${job.attemptsMade}\t${JSON.stringify(job.data)}\t${job.failedReason}\n`,
            );
          }
        }
      });
    });
  queue
    .command('retry [jobId]')
    .description('requeue one dead-lettered job, or all with --all')
    .option('--all', 'every failed job of every queue')
    .action(async (jobId: string | undefined, options: { all?: boolean }, command: Command) => {
      if (jobId === undefined && !options.all) throw new CliExit(2, 'give a job id or --all');
      const retried = await withQueues(
        configFor(command.optsWithGlobals<GlobalOptions>()),
        async (queues) => {
          let count = 0;
          for (const item of Object.values(queues)) {
            for (const job of await item.getFailed(0, 9999)) {
              if (options.all || job.id === jobId) {
                await job.retry('failed');
                count += 1;
              }
            }
          }
          return count;
        },
      );
      process.stdout.write(`requeued ${retried} job(s)\n`);
      if (retried === 0 && jobId !== undefined) throw new CliExit(1, `no failed job ${jobId}`);
    });
}
