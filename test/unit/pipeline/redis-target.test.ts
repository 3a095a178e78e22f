/**
 * Connections from the configuration: a URL, or Redis Sentinel (a real sentinel, started
 * here with `redis-server --sentinel`, naming a real master), and a failover the sentinel is
 * asked for (SENTINEL FAILOVER): the client follows the promoted replica.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, describeRedisTarget, externalRedisOf } from '../../../src/queues/index.js';
import { ClusterLease } from '../../../src/redis/index.js';
import { freePort } from '../../support/free-port.js';
import { RedisProcess } from '../../support/redis-process.js';

let dir: string;
let master: RedisProcess;
let sentinel: ChildProcess | undefined;
let sentinelPort: number;

async function waitForPing(port: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > deadline) throw new Error(`nothing answers on ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      client.disconnect();
    }
  }
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-sentinel-'));
  master = await RedisProcess.start(path.join(dir, 'master'));
  sentinelPort = await freePort();
  const conf = path.join(dir, 'sentinel.conf');
  writeFileSync(
    conf,
    [
      `port ${sentinelPort}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor pl 127.0.0.1 ${master.port} 1`,
      '',
    ].join('\n'),
  );
  sentinel = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
  await waitForPing(sentinelPort);
});

afterAll(async () => {
  if (sentinel && sentinel.exitCode === null) {
    const exited = new Promise((resolve) => sentinel?.once('exit', resolve));
    sentinel.kill('SIGTERM');
    await exited;
  }
  await master.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Redis targets', () => {
  it('prefers the URL, else the sentinels, else the embedded server', () => {
    expect(externalRedisOf({ url: 'redis://h:1', name: 'pl' })).toEqual({ url: 'redis://h:1' });
    expect(externalRedisOf({ sentinels: [{ host: 'a', port: 2 }], name: 'pl' })).toEqual({
      sentinels: [{ host: 'a', port: 2 }],
      name: 'pl',
      password: undefined,
    });
    expect(externalRedisOf({ name: 'pl' })).toBeUndefined();
    expect(describeRedisTarget({ url: 'redis://user:pw@h:1' })).toBe('redis://***@h:1');
    expect(describeRedisTarget({ sentinels: [{ host: 'a', port: 2 }], name: 'pl' })).toBe(
      'sentinel pl via a:2',
    );
  });

  it('reaches the master a real sentinel names, and a lease works through it', async () => {
    const target = externalRedisOf({
      sentinels: [{ host: '127.0.0.1', port: sentinelPort }],
      name: 'pl',
    });
    if (!target) throw new Error('a sentinel target expected');
    const client = connectRedis(target);
    try {
      await client.set('{pl-test}:probe', 'through-sentinel');
      const direct = new Redis(master.url);
      expect(await direct.get('{pl-test}:probe')).toBe('through-sentinel');
      await direct.quit();
      const lease = new ClusterLease(client, '{pl-test}:lease:periodic', 5000);
      expect(await lease.acquire()).toBe(true);
      expect(await lease.release()).toBe(true);
    } finally {
      await client.quit();
    }
  });

  it('follows a failover to the promoted replica', async () => {
    const replica = await RedisProcess.start(path.join(dir, 'replica'));
    const sentinels = new Redis({ port: sentinelPort, host: '127.0.0.1' });
    const client = connectRedis({
      sentinels: [{ host: '127.0.0.1', port: sentinelPort }],
      name: 'pl',
    });
    try {
      const direct = new Redis(replica.url);
      await direct.replicaof('127.0.0.1', master.port);
      await direct.quit();
      await client.set('{pl-test}:before', '1');
      await waitFor(async () => {
        const replicas = JSON.stringify(await sentinels.call('SENTINEL', 'REPLICAS', 'pl'));
        return replicas.includes(String(replica.port)) && !/s_down|disconnected/.test(replicas);
      }, 'the sentinel to see the replica');
      // Refused (NOGOODSLAVE) until the replica has synced: asked again until accepted.
      await waitFor(
        () =>
          sentinels.call('SENTINEL', 'FAILOVER', 'pl').then(
            () => true,
            () => false,
          ),
        'the sentinel to accept a failover',
      );
      await waitFor(async () => {
        const address = (await sentinels.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'pl')) as
          string[] | null;
        return address?.[1] === String(replica.port);
      }, 'the replica to be promoted');
      // Until the old master is told to replicate, it still takes writes (lost later).
      const old = new Redis(master.url);
      await waitFor(
        async () => ((await old.call('ROLE')) as unknown[])[0] === 'slave',
        'the old master to become a replica',
      );
      await old.quit();
      await waitFor(async () => {
        try {
          await client.set('{pl-test}:after', '2');
          return true;
        } catch {
          return false;
        }
      }, 'a write through the client after the failover');
      const promoted = new Redis(replica.url);
      expect(await promoted.get('{pl-test}:after')).toBe('2');
      expect(await promoted.get('{pl-test}:before')).toBe('1');
      await promoted.quit();
    } finally {
      client.disconnect();
      sentinels.disconnect();
      await replica.stop();
    }
  });
});
