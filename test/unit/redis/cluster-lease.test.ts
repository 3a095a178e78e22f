/** The cluster lease and the periodic work behind it, against a real redis-server. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterLease, PeriodicWork } from '../../../src/redis/index.js';
import { RedisProcess } from '../../support/redis-process.js';

let dir: string;
let server: RedisProcess;
let redis: Redis;
const logger = pino({ level: 'silent' });
let keys = 0;
const freshKey = () => `test:lease:${process.pid}:${(keys += 1)}`;

async function waitUntil(condition: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-lease-'));
  server = await RedisProcess.start(dir);
  redis = new Redis(server.url, { maxRetriesPerRequest: null });
});

afterAll(async () => {
  await redis.quit();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('ClusterLease', () => {
  it('is held by one holder at a time; only the holder renews or releases it', async () => {
    const key = freshKey();
    const first = new ClusterLease(redis, key, 10_000);
    const second = new ClusterLease(redis, key, 10_000);
    expect(await first.acquire()).toBe(true);
    expect(first.isHeld).toBe(true);
    expect(await second.acquire()).toBe(false);
    expect(second.isHeld).toBe(false);
    expect(await first.acquire()).toBe(true);
    expect(await first.renew()).toBe(true);
    expect(await second.renew()).toBe(false);
    expect(await second.release()).toBe(false);
    expect(await first.holder()).toBe(first.token);
    expect(await first.release()).toBe(true);
    expect(first.isHeld).toBe(false);
    expect(await first.holder()).toBeUndefined();
    expect(await second.acquire()).toBe(true);
    await second.release();
  });

  it('expires when its holder stops renewing, and the old holder cannot take it back', async () => {
    const key = freshKey();
    const dead = new ClusterLease(redis, key, 200);
    const next = new ClusterLease(redis, key, 10_000);
    expect(await dead.acquire()).toBe(true);
    await waitUntil(async () => (await dead.holder()) === undefined, 'the lease to expire');
    expect(dead.isHeld).toBe(false);
    expect(await next.acquire()).toBe(true);
    expect(await dead.renew()).toBe(false);
    expect(await dead.release()).toBe(false);
    expect(await next.holder()).toBe(next.token);
    await next.release();
  });

  it('is freed for a successor only while the named (dead) holder still holds it', async () => {
    const key = freshKey();
    const dead = new ClusterLease(redis, key, 60_000, 'host/123/a');
    const successor = new ClusterLease(redis, key, 60_000);
    expect(await dead.acquire()).toBe(true);
    expect(await successor.breakIfHeldBy('host/999/b')).toBe(false);
    expect(await successor.acquire()).toBe(false);
    expect(await successor.breakIfHeldBy('host/123/a')).toBe(true);
    expect(await successor.acquire()).toBe(true);
    expect(await successor.breakIfHeldBy('host/123/a')).toBe(false);
    await successor.release();
  });

  it('refuses a TTL it cannot keep', () => {
    expect(() => new ClusterLease(redis, freshKey(), 0)).toThrow(RangeError);
  });
});

describe('PeriodicWork', () => {
  it('runs each task in one process at a time, and another takes over when it stops', async () => {
    const key = freshKey();
    const runs = [0, 0];
    const takeovers = [0, 0];
    const works = [0, 1].map((index) => {
      const work = new PeriodicWork(new ClusterLease(redis, key, 6000), logger);
      work.register({
        name: 'count',
        intervalMs: 20,
        run: ({ isTakeover }) => {
          runs[index] = (runs[index] ?? 0) + 1;
          if (isTakeover) takeovers[index] = (takeovers[index] ?? 0) + 1;
          return Promise.resolve();
        },
      });
      return work;
    });
    const [first, second] = works;
    if (!first || !second) throw new Error('two works expected');
    await first.start();
    await second.start();
    expect(first.isLeader).toBe(true);
    expect(second.isLeader).toBe(false);
    expect(takeovers).toEqual([1, 0]);
    await waitUntil(() => (runs[0] ?? 0) > 5, 'the leader to run its task again');
    expect(runs[1]).toBe(0);
    await first.stop();
    await waitUntil(() => second.isLeader, 'the second process to take over');
    await waitUntil(() => (runs[1] ?? 0) > 2, 'the new leader to run its task');
    expect(takeovers[1]).toBe(1);
    const stoppedRuns = runs[0];
    await second.stop();
    expect(runs[0]).toBe(stoppedRuns);
    expect(await redis.get(key)).toBeNull();
  });

  it('takes over a lease its holder never released (killed) once it expires', async () => {
    const key = freshKey();
    const killed = new ClusterLease(redis, key, 400);
    expect(await killed.acquire()).toBe(true);
    let ran = 0;
    const work = new PeriodicWork(new ClusterLease(redis, key, 300), logger);
    work.register({
      name: 'once',
      intervalMs: 60_000,
      run: () => {
        ran += 1;
        return Promise.resolve();
      },
    });
    await work.start();
    expect(ran).toBe(0);
    await waitUntil(() => ran === 1, 'the takeover run');
    expect(work.isLeader).toBe(true);
    await work.stop();
  });

  it('logs a failing task and keeps running it', async () => {
    const key = freshKey();
    let attempts = 0;
    const work = new PeriodicWork(new ClusterLease(redis, key, 1000), logger);
    work.register({
      name: 'failing',
      intervalMs: 20,
      run: () => {
        attempts += 1;
        return Promise.reject(new Error('boom'));
      },
    });
    await work.start();
    await waitUntil(() => attempts >= 3, 'the task to be tried again');
    await work.stop();
  });
});
