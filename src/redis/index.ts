export type { EmbeddedRedisOptions } from './embedded-redis.js';
export { EmbeddedRedis, checkRedisBinary } from './embedded-redis.js';
