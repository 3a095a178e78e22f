/**
 * How operator commands reach a running gateway's queues. A stale run/gateway.json (the
 * gateway stopped or was killed) is detected before any Redis client is made: the pid must be
 * alive and the Redis socket must accept a connection within a short timeout. The client then
 * gives up at the first failure instead of retrying for ever.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { dataLayoutOf, type Config } from '../config/index.js';
import type { QueueName, RedisTarget } from '../pipeline/index.js';
import { CliExit } from './cli-context.js';

const CONNECT_TIMEOUT_MS = 1500;

interface RuntimeFile {
  readonly pid?: unknown;
  readonly startedAt?: unknown;
  readonly redis?: unknown;
  readonly http?: unknown;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isRedisTarget(value: unknown): value is RedisTarget {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.url === 'string' || typeof record.socketPath === 'string';
}

/** The running gateway's runtime file, or a clear CliExit when there is no live gateway. */
export function readLiveRuntime(config: Config): RuntimeFile & { readonly pid: number } {
  const file = dataLayoutOf(config).runtimeFile;
  let runtime: RuntimeFile;
  try {
    runtime = JSON.parse(readFileSync(file, 'utf8')) as RuntimeFile;
  } catch {
    throw new CliExit(
      1,
      `the gateway is not running (no ${file}); start it with: passerelle start`,
    );
  }
  const pid = typeof runtime.pid === 'number' ? runtime.pid : Number.NaN;
  if (!Number.isSafeInteger(pid) || !isAlive(pid))
    throw new CliExit(
      1,
      `the gateway is not running (${file} names pid ${String(runtime.pid)}, which is gone); start it with: passerelle start`,
    );
  return { ...runtime, pid };
}

function redisTargetOf(config: Config): RedisTarget {
  if (config.redis.url !== undefined) return { url: config.redis.url };
  const runtime = readLiveRuntime(config);
  if (!isRedisTarget(runtime.redis))
    throw new CliExit(1, 'run/gateway.json does not say where Redis is; restart the gateway');
  return runtime.redis;
}

function describeTarget(target: RedisTarget): string {
  return 'url' in target ? target.url.replace(/\/\/[^@]*@/, '//***@') : `unix:${target.socketPath}`;
}

/** Resolves when a TCP or unix socket connection to Redis opens, rejects after the timeout. */
async function probe(target: RedisTarget): Promise<void> {
  const options: net.NetConnectOpts =
    'url' in target
      ? (() => {
          const url = new URL(target.url);
          return { host: url.hostname || '127.0.0.1', port: Number(url.port || 6379) };
        })()
      : { path: target.socketPath };
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
  const target = redisTargetOf(config);
  try {
    await probe(target);
  } catch (error) {
    throw new CliExit(
      1,
      `the gateway's Redis (${describeTarget(target)}) does not answer: ${(error as Error).message}. Is the gateway running?`,
    );
  }
  const [{ Queue }, { connectRedis, QUEUE_NAMES }] = await Promise.all([
    import('bullmq'),
    import('../pipeline/index.js'),
  ]);
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
      `the gateway's Redis (${describeTarget(target)}) does not answer: ${(lastError ?? (error as Error)).message}`,
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
