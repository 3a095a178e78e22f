import { Redis, type RedisOptions } from 'ioredis';

export interface SentinelAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Where Redis is: a URL (external), a unix socket (the embedded server), or the master that
 * Redis Sentinel names (ioredis asks the sentinels and follows a failover).
 */
export type RedisTarget =
  | { readonly url: string }
  | { readonly socketPath: string }
  | {
      readonly sentinels: readonly SentinelAddress[];
      readonly name: string;
      /** Not written to runtime files: the CLI reads it from its own configuration. */
      readonly password?: string | undefined;
    };

/**
 * A connection for BullMQ. `maxRetriesPerRequest: null` keeps commands waiting across a Redis
 * restart instead of failing them, which workers require.
 */
export function connectRedis(target: RedisTarget, extra: RedisOptions = {}): Redis {
  const options: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra };
  if ('url' in target) return new Redis(target.url, options);
  if ('socketPath' in target) return new Redis({ ...options, path: target.socketPath });
  return new Redis({
    ...options,
    sentinels: target.sentinels.map((sentinel) => ({ ...sentinel })),
    name: target.name,
    // Subscribes to the sentinels' +switch-master: reconnects to a new master at once instead
    // of writing to a demoted one until the connection drops.
    failoverDetector: true,
    // A write that reached a demoted master (READONLY) reconnects, through the sentinels.
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
    ...(target.password === undefined ? {} : { password: target.password }),
  });
}

export function describeRedisTarget(target: RedisTarget): string {
  if ('url' in target) return target.url.replace(/\/\/[^@]*@/, '//***@');
  if ('socketPath' in target) return `unix:${target.socketPath}`;
  const sentinels = target.sentinels.map((sentinel) => `${sentinel.host}:${sentinel.port}`);
  return `sentinel ${target.name} via ${sentinels.join(',')}`;
}

/** The external Redis the configuration names, if any (the embedded one otherwise). */
export function externalRedisOf(redis: {
  readonly url?: string | undefined;
  readonly sentinels?: readonly SentinelAddress[] | undefined;
  readonly name: string;
  readonly password?: string | undefined;
}): RedisTarget | undefined {
  if (redis.url !== undefined) return { url: redis.url };
  if (redis.sentinels !== undefined)
    return { sentinels: redis.sentinels, name: redis.name, password: redis.password };
  return undefined;
}
