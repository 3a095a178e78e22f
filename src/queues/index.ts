/**
 * Where the pipeline's queues live: their names and the Redis they are on. Shared by the
 * pipeline, the gateway's roles and the operator CLI, which must not load the pipeline's
 * stages (validators, PDF reader, SFTP client) to list a queue.
 */
export type { QueueName } from './queue-names.js';
export { QUEUE_NAMES } from './queue-names.js';
export type { RedisTarget, SentinelAddress } from './redis-target.js';
export { connectRedis, describeRedisTarget, externalRedisOf } from './redis-target.js';
