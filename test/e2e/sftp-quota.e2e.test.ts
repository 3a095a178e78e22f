/**
 * Quotas and disk space against the real gateway: past a limit an upload is refused with an
 * SFTP failure naming the reason, nothing half-written is left in the home, downloads keep
 * working. Files named `*.part` are never taken by the gateway: they keep waiting in `in/`.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eWorld, KEY_SUPPLIER, SUPPLIER } from '../support/e2e-world.js';
import { runCli } from '../support/gateway-process.js';
import { runSftpBatch } from '../support/openssh-client.js';

let world: E2eWorld;

const QUOTA = { maxFilesWaiting: 3, maxBytesWaiting: 10_000 };

beforeAll(async () => {
  world = await E2eWorld.create({
    externalRedis: false,
    config: { sftp: { quota: QUOTA } },
  });
  await world.gateway.start();
});

afterAll(async () => {
  await world.dispose();
});

const inFolder = (login: string) => readdirSync(path.join(world.homeOf(login), 'in')).sort();

describe('upload quotas', () => {
  it('refuses an upload past the files waiting, and downloads keep working', async () => {
    const acme = await world.supplier();
    try {
      for (const name of ['a.xml.part', 'b.xml.part', 'c.xml.part'])
        await acme.put('x', `/in/${name}`);
      await expect(acme.put('x', '/in/d.xml')).rejects.toThrow(
        /quota of 3 files waiting in in\/ reached/,
      );
      expect(inFolder(SUPPLIER.login)).toEqual(['a.xml.part', 'b.xml.part', 'c.xml.part']);
      writeFileSync(path.join(world.homeOf(SUPPLIER.login), 'out', 'old.ack.json'), '{}');
      expect(await acme.read('/out/old.ack.json')).toBe('{}');
    } finally {
      await acme.end();
    }
    // OpenSSH's batch stops at the refused put (exit 1) and does not hang.
    const local = path.join(world.root, 'd.xml');
    writeFileSync(local, 'x');
    const openssh = await runSftpBatch(
      world.env.sftpPort,
      SUPPLIER.login,
      { password: SUPPLIER.password },
      [`put ${local} in/d.xml`],
    );
    expect(openssh.isKilled).toBe(false);
    expect(openssh.code).toBe(1);
    expect(inFolder(SUPPLIER.login)).toEqual(['a.xml.part', 'b.xml.part', 'c.xml.part']);
  });

  it('refuses the write that passes the bytes waiting and leaves nothing half-written', async () => {
    const globex = await world.globex();
    try {
      await globex.put(Buffer.alloc(6000, 65), '/in/big.xml.part');
      await expect(globex.put(Buffer.alloc(6000, 66), '/in/second.xml')).rejects.toThrow(
        /quota of 10000 bytes waiting in in\/ reached/,
      );
      expect(inFolder(KEY_SUPPLIER.login)).toEqual(['big.xml.part']);
    } finally {
      await globex.end();
    }
  });
});

describe('per-account quota', () => {
  it('raises the files waiting for one account at its next login', async () => {
    const raised = runCli(world.env, ['account', 'set-quota', SUPPLIER.login, '--max-files', '5']);
    expect(raised.status, raised.stderr).toBe(0);
    expect(runCli(world.env, ['account', 'show', SUPPLIER.login]).stdout).toMatch(
      /quota\s+5 files, configured bytes/,
    );
    const acme = await world.supplier();
    try {
      await acme.put('x', '/in/d.xml.part');
      await acme.put('x', '/in/e.xml.part');
      await expect(acme.put('x', '/in/f.xml')).rejects.toThrow(/quota of 5 files waiting/);
    } finally {
      await acme.end();
    }
  });
});

describe('free space on the data directory', () => {
  it('refuses uploads below the threshold, naming the reason, and serves downloads', async () => {
    await world.gateway.stop();
    writeFileSync(
      path.join(world.root, 'config.json'),
      JSON.stringify({ sftp: { quota: { ...QUOTA, minFreeBytes: Number.MAX_SAFE_INTEGER } } }),
    );
    await world.gateway.start();
    const globex = await world.globex();
    try {
      await expect(globex.put('x', '/in/small.xml')).rejects.toThrow(/short of disk space/);
      expect(inFolder(KEY_SUPPLIER.login)).toEqual(['big.xml.part']);
      writeFileSync(path.join(world.homeOf(KEY_SUPPLIER.login), 'out', 'r.ack.json'), '{"ok":1}');
      expect(await globex.read('/out/r.ack.json')).toBe('{"ok":1}');
    } finally {
      await globex.end();
    }
  });
});
