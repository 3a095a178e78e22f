/**
 * How operator commands reach a running gateway's queues. A stale runtime file in run/ (the
 * gateway stopped or was killed) is detected before any Redis client is made: the pid must be
 * alive and the Redis socket must accept a connection within a short timeout. The client then
 * gives up at the first failure instead of retrying for ever.
 */
import net from 'node:net';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { dataLayoutOf, type Config } from '../config/index.js';
import { listRuntimes } from '../state/index.js';
import type { QueueName, RedisTarget } from '../queues/index.js';
import { CliExit } from './cli-context.js';

const CONNECT_TIMEOUT_MS = 1500;

interface RuntimeFile {
  readonly pid?: unknown;
  readonly role?: unknown;
  readonly startedAt?: unknown;
  readonly redis?: unknown;
  readonly http?: unknown;
}

function isRedisTarget(value: unknown): value is RedisTarget {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.url === 'string' ||
    typeof record.socketPath === 'string' ||
    Array.isArray(record.sentinels)
  );
}

/** Which live process the CLI talks to: the one serving SFTP first, a worker last. */
const PREFERENCE: readonly unknown[] = ['all', undefined, 'sftp', 'worker'];

/**
 * A running gateway process's runtime file (run/<role>-<host>-<pid>.json; one per process
 * when the roles run apart), or a clear CliExit when no process runs.
 */
export function readLiveRuntime(config: Config): RuntimeFile & { readonly pid: number } {
  const layout = dataLayoutOf(config);
  const found = listRuntimes(layout);
  if (found.length === 0)
    throw new CliExit(
      1,
      `the gateway is not running (no process file in ${layout.runDir}); start it with: passerelle start`,
    );
  const live = found
    .filter((runtime) => runtime.isAlive !== false)
    .sort(
      (a, b) =>
        Number(a.isAlive === undefined) - Number(b.isAlive === undefined) ||
        PREFERENCE.indexOf(a.info.role) - PREFERENCE.indexOf(b.info.role),
    );
  const chosen = live[0];
  if (chosen === undefined) {
    const gone = found[0];
    throw new CliExit(
      1,
      `the gateway is not running (${gone?.file ?? layout.runDir} names pid ${String(gone?.info.pid)}, which is gone); start it with: passerelle start`,
    );
  }
  return { ...chosen.info, pid: Number(chosen.info.pid) };
}

function redisTargetOf(
  config: Config,
  externalRedisOf: (redis: Config['redis']) => RedisTarget | undefined,
): RedisTarget {
  const external = externalRedisOf(config.redis);
  if (external !== undefined) return external;
  const runtime = readLiveRuntime(config);
  if (!isRedisTarget(runtime.redis))
    throw new CliExit(1, "the gateway's run file does not say where Redis is; restart the gateway");
  return runtime.redis;
}

/** Resolves when a TCP or unix socket connection to Redis opens, rejects after the timeout. */
async function probe(target: RedisTarget): Promise<void> {
  const options: net.NetConnectOpts =
    'url' in target
      ? (() => {
          const url = new URL(target.url);
          return { host: url.hostname || '127.0.0.1', port: Number(url.port || 6379) };
        })()
      : 'socketPath' in target
        ? { path: target.socketPath }
        : {
            host: target.sentinels[0]?.host ?? '127.0.0.1',
            port: target.sentinels[0]?.port ?? 26379,
          };
  await new Promise<void>((resolve, reject) => {
    const socket = net.createConnection(options);
    const done = (error?: Error) => {
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => {
      done(new Error('timed out'));
    });
    socket.once('connect', () => {
      done();
    });
    socket.once('error', (error) => {
      done(error);
    });
  });
}

export interface QueueLink {
  readonly queues: Readonly<Record<QueueName, Queue>>;
  readonly connection: Redis;
  close(): Promise<void>;
}

/** Opens the pipeline's queues of the running gateway, failing fast and quietly when it is down. */
export async function openQueues(config: Config): Promise<QueueLink> {
  // Loaded here, not at the top: listing flows or invoices never pays for a Redis client, and
  // a stopped gateway is reported before BullMQ is loaded.
  const { connectRedis, describeRedisTarget, externalRedisOf, QUEUE_NAMES } =
    await import('../queues/index.js');
  const target = redisTargetOf(config, externalRedisOf);
  try {
    await probe(target);
  } catch (error) {
    throw new CliExit(
      1,
      `the gateway's Redis (${describeRedisTarget(target)}) does not answer: ${(error as Error).message}. Is the gateway running?`,
    );
  }
  const { Queue } = await import('bullmq');
  const connection = connectRedis(target, {
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  connection.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await connection.ping();
  } catch (error) {
    connection.disconnect();
    throw new CliExit(
      1,
      `the gateway's Redis (${describeRedisTarget(target)}) does not answer: ${(lastError ?? (error as Error)).message}`,
    );
  }
  const queues = Object.fromEntries(
    Object.values(QUEUE_NAMES).map((name) => [
      name,
      new Queue(name, { connection, prefix: config.pipeline.queuePrefix }),
    ]),
  ) as Record<QueueName, Queue>;
  return {
    queues,
    connection,
    close: async () => {
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
      connection.disconnect();
    },
  };
}

/** Runs `work` against the queues and closes them after. */
export async function withQueues<T>(
  config: Config,
  work: (queues: Readonly<Record<QueueName, Queue>>) => Promise<T>,
): Promise<T> {
  const link = await openQueues(config);
  try {
    return await work(link.queues);
  } finally {
    await link.close();
  }
}
