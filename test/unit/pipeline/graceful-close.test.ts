/**
 * What a worker's graceful stop does with a long job (BullMQ behaviour the `worker` role relies
 * on, checked against a real redis-server): close() stops fetching, waits for the active job to
 * finish and leaves the waiting ones in the queue for the other workers; nothing is stalled,
 * nothing is run twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RedisProcess } from '../../support/redis-process.js';

let dir: string;
let server: RedisProcess;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-close-'));
  server = await RedisProcess.start(dir);
});

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('finishes the active long job on close and hands the waiting ones to another worker', async () => {
  const connection = new Redis(server.url, { maxRetriesPerRequest: null });
  const prefix = 'close-test';
  const queue = new Queue('intake', { connection, prefix });
  const runs = new Map<string, number>();
  let release: () => void = () => undefined;
  let started: () => void = () => undefined;
  const isStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  const stopping = new Worker(
    'intake',
    async (job) => {
      runs.set(job.id ?? '', (runs.get(job.id ?? '') ?? 0) + 1);
      started();
      // A long job: it ends only when the test lets it, after close() has been called.
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    { connection, prefix, concurrency: 1, lockDuration: 5000, stalledInterval: 5000 },
  );
  try {
    await queue.addBulk(
      ['J1', 'J2', 'J3'].map((jobId) => ({ name: 'intake', data: {}, opts: { jobId } })),
    );
    await isStarted;
    const closed = stopping.close();
    release();
    await closed;
    expect([...runs.values()]).toEqual([1]);
    const counts = await queue.getJobCounts('completed', 'waiting', 'active', 'failed');
    expect(counts).toMatchObject({ completed: 1, waiting: 2, active: 0, failed: 0 });
    const other = new Worker(
      'intake',
      (job) => {
        runs.set(job.id ?? '', (runs.get(job.id ?? '') ?? 0) + 1);
        return Promise.resolve();
      },
      { connection, prefix },
    );
    const deadline = Date.now() + 30_000;
    while ((await queue.getCompletedCount()) < 3) {
      if (Date.now() > deadline) throw new Error('the other worker did not finish the jobs');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await other.close();
    expect(Object.fromEntries(runs)).toEqual({ J1: 1, J2: 1, J3: 1 });
  } finally {
    await stopping.close();
    await queue.close();
    await connection.quit();
  }
});
