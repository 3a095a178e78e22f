import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkReadiness } from '../../../src/http/index.js';
import { openSqlite, type SqlDatabase } from '../../../src/store/index.js';

describe('checkReadiness', () => {
  let dir: string;
  let db: SqlDatabase;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-unit-ready-'));
    db = openSqlite(path.join(dir, 'passerelle.db'));
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is ready when every check passes, and names each check', async () => {
    const result = await checkReadiness({
      ping: () => Promise.resolve('PONG'),
      db,
      dataDir: dir,
      sftp: undefined,
      minFreeDiskBytes: 0,
    });
    expect(result.ready).toBe(true);
    expect(Object.keys(result.checks)).toEqual(['redis', 'registry', 'sftp', 'disk']);
  });

  it('is not ready when Redis fails, the disk is short or SFTP does not listen', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await checkReadiness({
      ping: () => Promise.reject(new Error('Connection is closed.')),
      db,
      dataDir: dir,
      sftp: { host: '127.0.0.1', port },
      minFreeDiskBytes: Number.MAX_SAFE_INTEGER,
    });
    expect(result.ready).toBe(false);
    expect(result.checks.redis).toEqual({ ok: false, detail: 'Connection is closed.' });
    expect(result.checks.registry?.ok).toBe(true);
    expect(result.checks.sftp?.ok).toBe(false);
    expect(result.checks.disk?.ok).toBe(false);
    await expect(db.checkWritable()).resolves.toBeUndefined();
  });
});
