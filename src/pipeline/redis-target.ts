import { Redis, type RedisOptions } from 'ioredis';

/** Where Redis is: a URL (external) or a unix socket (the embedded server). */
export type RedisTarget = { readonly url: string } | { readonly socketPath: string };

/**
 * A connection for BullMQ. `maxRetriesPerRequest: null` keeps commands waiting across a Redis
 * restart instead of failing them, which workers require.
 */
export function connectRedis(target: RedisTarget, extra: RedisOptions = {}): Redis {
  const options: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra };
  return 'url' in target
    ? new Redis(target.url, options)
    : new Redis({ ...options, path: target.socketPath });
}

export function describeRedisTarget(target: RedisTarget): string {
  return 'url' in target ? target.url.replace(/\/\/[^@]*@/, '//***@') : `unix:${target.socketPath}`;
}
