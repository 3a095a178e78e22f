export type { EmbeddedRedisOptions } from './embedded-redis.js';
export { EmbeddedRedis, checkRedisBinary } from './embedded-redis.js';
export { ClusterLease } from './cluster-lease.js';
export type { PeriodicTask, PeriodicTaskContext } from './periodic-work.js';
export { PeriodicWork } from './periodic-work.js';
