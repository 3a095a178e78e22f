/**
 * Redis Cluster readiness: with a hash-tagged queue prefix, every key the pipeline's queues
 * and workers create, and the periodic-work lease, carries the tag (one hash slot). Against a
 * single real redis-server: no Redis Cluster is started here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Pipeline } from '../../../src/pipeline/index.js';
import { QUEUE_NAMES } from '../../../src/queues/index.js';
import { ClusterLease } from '../../../src/redis/index.js';
import { RedisProcess } from '../../support/redis-process.js';

let dir: string;
let server: RedisProcess;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-hashtag-'));
  server = await RedisProcess.start(dir);
});

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('keeps every queue key and the lease under the {tag} of the prefix', async () => {
  const prefix = '{pl-tag}';
  const pipeline = new Pipeline({
    redis: { url: server.url },
    prefix,
    attempts: 2,
    backoffMs: 10,
    lockDurationMs: 5000,
    concurrency: { intake: 1, route: 1, ack: 1, status: 1, push: 1 },
    push: { attempts: 2, backoffMs: 10, maxBackoffMs: 100 },
  });
  const connection = new Redis(server.url, { maxRetriesPerRequest: null });
  const workers = Object.values(QUEUE_NAMES).map(
    (name) => new Worker(name, () => Promise.resolve(), { connection, prefix }),
  );
  try {
    await pipeline.enqueue.intake([{ flowId: 'F1' }, { flowId: 'F2' }]);
    await pipeline.enqueue.route({ flowId: 'F1' });
    await pipeline.enqueue.ack({ flowId: 'F1' });
    await pipeline.enqueue.status([{ account: 'acme', seq: 1 }]);
    const lease = new ClusterLease(pipeline.connection, `${prefix}:lease:periodic`, 5000);
    expect(await lease.acquire()).toBe(true);
    const deadline = Date.now() + 30_000;
    while ((await pipeline.queues.intake.getCompletedCount()) < 2) {
      if (Date.now() > deadline) throw new Error('the jobs did not complete');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const keys = await connection.keys('*');
    expect(keys.length).toBeGreaterThan(8);
    expect(keys.filter((key) => !key.startsWith(`${prefix}:`))).toEqual([]);
    await lease.release();
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
    await pipeline.close();
    await connection.quit();
  }
});
