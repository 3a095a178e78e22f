/**
 * The defender against the real gateway. Attackers come from other loopback addresses
 * (127.0.0.2, ...) so that the partners on 127.0.0.1 can be seen to keep being served.
 * Timeouts are short here; nothing waits on a clock, every step waits on a condition.
 */
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import ssh2 from 'ssh2';
import SftpClient from 'ssh2-sftp-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eWorld, ENTITIES, KEY_SUPPLIER, SUPPLIER } from '../support/e2e-world.js';
import { runSftpBatch } from '../support/openssh-client.js';

let world: E2eWorld;

const HOPITAL = ENTITIES[2];

beforeAll(async () => {
  world = await E2eWorld.create({
    externalRedis: false,
    config: {
      sftp: {
        authFailureDelayMs: 0,
        handshakeTimeoutMs: 1500,
        idleTimeoutMs: 3000,
        maxConnections: 9,
        maxConnectionsPerAddress: 4,
        maxSessionsPerAccount: 2,
        defender: { threshold: 8, banMs: 600_000 },
        lockout: { failures: 5, lockMs: 600_000 },
      },
    },
  });
  await world.gateway.start();
});

afterAll(async () => {
  await world.dispose();
});

/** One SSH connection trying the given passwords; resolves to the error that ended it. */
function tryPasswords(
  from: string,
  login: string,
  passwords: readonly string[],
): Promise<{ readonly isAccepted: boolean; readonly tried: number; readonly error?: string }> {
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    let tried = 0;
    let isDone = false;
    const finish = (isAccepted: boolean, error?: string) => {
      if (isDone) return;
      isDone = true;
      client.end();
      resolve({ isAccepted, tried, ...(error === undefined ? {} : { error }) });
    };
    client.once('ready', () => {
      finish(true);
    });
    client.once('error', (error) => {
      finish(false, error.message);
    });
    client.once('close', () => {
      finish(false, 'closed');
    });
    client.connect({
      host: '127.0.0.1',
      port: world.env.sftpPort,
      localAddress: from,
      username: login,
      readyTimeout: 20_000,
      authHandler: (_methods, _partial, next) => {
        const password = passwords[tried];
        if (password === undefined) return false;
        tried += 1;
        next({ type: 'password', username: login, password });
        return undefined;
      },
    });
  });
}

/** A raw TCP connection that never speaks SSH, open once the server's banner arrived. */
function silentSocket(from: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: world.env.sftpPort, localAddress: from });
    socket.once('data', () => {
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

const closed = (socket: net.Socket) =>
  new Promise<void>((resolve) => {
    if (socket.destroyed) resolve();
    else
      socket.once('close', () => {
        resolve();
      });
  });

async function partnerIsServed(): Promise<void> {
  const acme = await world.supplier();
  try {
    expect(await acme.names('/')).toEqual(['in', 'out']);
  } finally {
    await acme.end();
  }
}

describe('ordinary clients', () => {
  it('are never scored: repeated OpenSSH sessions (which send no-more-sessions) stay welcome', async () => {
    for (let round = 0; round < 4; round += 1) {
      const result = await runSftpBatch(
        world.env.sftpPort,
        SUPPLIER.login,
        { password: SUPPLIER.password },
        ['ls', 'ls out'],
        ['-o', 'BindAddress=127.0.0.8', '-o', 'ServerAliveInterval=1'],
      );
      expect(result.isKilled).toBe(false);
      expect(result.code, result.stderr).toBe(0);
    }
    expect(world.gateway.log).not.toMatch(/"address":"127\.0\.0\.8"[^\n]*sftp address banned/);
  });
});

describe('wrong passwords in a loop', () => {
  it('lock the account, then ban the address; others keep being served; bans survive a restart', async () => {
    const wrong = Array.from({ length: 6 }, (_, index) => `wrong-${index}`);
    const results = [];
    for (let round = 0; round < 4; round += 1) {
      results.push(await tryPasswords('127.0.0.2', HOPITAL.login, wrong));
    }
    // 8 points ban the address: the last rounds are refused before any password is tried.
    const last = results.at(-1);
    expect(last?.tried).toBe(0);
    expect(last?.error).toMatch(/address 127\.0\.0\.2 is banned until/);
    expect(results.reduce((sum, result) => sum + result.tried, 0)).toBeLessThanOrEqual(8);
    // The right password from the banned address is refused too.
    const right = await tryPasswords('127.0.0.2', HOPITAL.login, [HOPITAL.password]);
    expect(right.isAccepted).toBe(false);
    expect(right.error).toMatch(/banned/);
    // The account is locked after 5 failures: its password is refused from anywhere for a while.
    expect((await tryPasswords('127.0.0.3', HOPITAL.login, [HOPITAL.password])).isAccepted).toBe(
      false,
    );
    await expect
      .poll(() => world.gateway.log)
      .toContain('sftp account locked after repeated password failures');
    // Everyone else: a password partner and a key partner from 127.0.0.1.
    await partnerIsServed();
    const globex = await world.globex();
    await globex.end();
    // OpenSSH from the banned address shows the reason.
    const openssh = await runSftpBatch(
      world.env.sftpPort,
      SUPPLIER.login,
      { password: SUPPLIER.password },
      ['ls'],
      ['-o', 'BindAddress=127.0.0.2'],
    );
    expect(openssh.isKilled).toBe(false);
    expect(openssh.code).not.toBe(0);
    expect(openssh.stderr).toMatch(/Received disconnect .*address 127\.0\.0\.2 is banned until/);

    const stateFile = path.join(world.env.dataDir, 'sftp', 'defender.json');
    expect(existsSync(stateFile)).toBe(true);
    await world.gateway.stop();
    await world.gateway.start();
    const afterRestart = await tryPasswords('127.0.0.2', SUPPLIER.login, [SUPPLIER.password]);
    expect(afterRestart.error).toMatch(/banned/);
    expect(
      Object.keys((JSON.parse(readFileSync(stateFile, 'utf8')) as { bans: object }).bans),
    ).toContain('127.0.0.2');
    await partnerIsServed();
  });
});

describe('a flood of connections', () => {
  it('is capped per address and in total, with a reason; silent ones are dropped after the handshake timeout', async () => {
    const flood = await Promise.all(Array.from({ length: 4 }, () => silentSocket('127.0.0.4')));
    const refused = await tryPasswords('127.0.0.4', SUPPLIER.login, [SUPPLIER.password]);
    expect(refused.error).toMatch(/too many connections from 127\.0\.0\.4 \(at most 4\)/);
    // Four more from another address reach the total cap of 9 (with the refused one gone).
    flood.push(...(await Promise.all(Array.from({ length: 4 }, () => silentSocket('127.0.0.5')))));
    flood.push(await silentSocket('127.0.0.6'));
    const busy = await tryPasswords('127.0.0.7', SUPPLIER.login, [SUPPLIER.password]);
    expect(busy.error).toMatch(/server busy/);
    // None of them ever authenticates: each is dropped by the server.
    await Promise.all(flood.map(closed));
    await expect.poll(() => world.gateway.log).toContain('not authenticated in time');
    await partnerIsServed();
  });
});

describe('sessions and idleness', () => {
  it('caps sessions per account and drops an idle connection', async () => {
    const clients: SftpClient[] = [];
    try {
      for (let index = 0; index < 2; index += 1) {
        const client = new SftpClient();
        await client.connect({
          host: '127.0.0.1',
          port: world.env.sftpPort,
          username: KEY_SUPPLIER.login,
          privateKey: world.globexKey,
        });
        clients.push(client);
      }
      const third = new SftpClient();
      await expect(
        third.connect({
          host: '127.0.0.1',
          port: world.env.sftpPort,
          username: KEY_SUPPLIER.login,
          privateKey: world.globexKey,
        }),
      ).rejects.toThrow();
      await third.end().catch(() => undefined);
      await expect.poll(() => world.gateway.log).toContain('too many sessions for the account');
    } finally {
      for (const client of clients) await client.end().catch(() => undefined);
    }
    // An authenticated connection that sends nothing is closed by the server.
    const idle = new ssh2.Client();
    const isClosedByServer = await new Promise<boolean>((resolve, reject) => {
      idle.once('ready', () => {
        idle.once('close', () => {
          resolve(true);
        });
      });
      idle.once('error', reject);
      idle.connect({
        host: '127.0.0.1',
        port: world.env.sftpPort,
        username: SUPPLIER.login,
        password: SUPPLIER.password,
      });
    });
    expect(isClosedByServer).toBe(true);
    await expect.poll(() => world.gateway.log).toContain('sftp connection dropped: idle');
    await partnerIsServed();
  });
});
