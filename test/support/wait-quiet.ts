import path from 'node:path';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { QUEUE_NAMES } from '../../src/queues/index.js';
import type { E2eWorld } from './e2e-world.js';

/** Jobs still to run in the gateway's queues (waiting, active, delayed, prioritized). */
async function pendingJobs(world: E2eWorld): Promise<number> {
  const connection = world.redis
    ? new Redis(world.redis.url, { maxRetriesPerRequest: 1 })
    : new Redis({
        path: path.join(world.env.dataDir, 'redis', 'redis.sock'),
        maxRetriesPerRequest: 1,
      });
  connection.on('error', () => undefined);
  const prefix = world.env.queuePrefix ?? 'passerelle';
  const queues = Object.values(QUEUE_NAMES).map((name) => new Queue(name, { connection, prefix }));
  try {
    const counts = await Promise.all(
      queues.map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
    );
    return counts.reduce(
      (sum, count) => sum + Object.values(count).reduce((a, b) => a + (b ?? 0), 0),
      0,
    );
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
    connection.disconnect();
  }
}

const OPEN_WORK = `SELECT (SELECT COUNT(*) FROM flows WHERE state <> 'ACKED')
  + (SELECT COUNT(*) FROM status_feed WHERE written = 0) AS n`;

/**
 * Flows not yet acknowledged and status files not yet written, from the registry: the SQLite
 * file, or the PostgreSQL database of the gateway's DATABASE_URL.
 */
async function openWork(world: E2eWorld): Promise<number> {
  const url = world.env.extra?.DATABASE_URL;
  if (url !== undefined) {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(OPEN_WORK);
      return Number(rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
  }
  const db = new Database(path.join(world.env.dataDir, 'passerelle.db'), { readonly: true });
  try {
    return (db.prepare(OPEN_WORK).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/**
 * Waits until the gateway has nothing left to do: every queue drained and the registry with
 * no open flow and no unwritten status file, twice in a row. Tests assert "nothing happened
 * twice" after this, instead of sleeping and hoping the gateway was done.
 */
export async function waitForQuiet(world: E2eWorld, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietChecks = 0;
  while (quietChecks < 2) {
    const busy = (await openWork(world)) + (await pendingJobs(world));
    quietChecks = busy === 0 ? quietChecks + 1 : 0;
    if (Date.now() > deadline) throw new Error('the gateway did not settle in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
