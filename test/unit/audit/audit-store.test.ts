import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditStore } from '../../../src/audit/index.js';
import { sinceOf } from '../../../src/cli/commands/audit-command.js';
import { openSqlite, type SqlDatabase } from '../../../src/store/index.js';

describe('AuditStore', () => {
  let dir: string;
  let db: SqlDatabase;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-audit-'));
    db = openSqlite(path.join(dir, 'passerelle.db'));
  });

  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('buffers events and writes them in one transaction at flush', async () => {
    const store = new AuditStore(db, 60_000);
    store.record({
      event: 'login',
      account: 'acme',
      address: '192.0.2.1',
      port: 4242,
      method: 'password',
      result: 'ok',
    });
    store.record({ event: 'upload', account: 'acme', file: '/in/a.xml', bytes: 12 });
    store.record({
      event: 'login_failed',
      account: 'root',
      address: '192.0.2.9',
      port: 1,
      method: 'password',
      result: 'unknown user',
    });
    expect(await store.query()).toEqual([]);
    await store.flush();
    const all = await store.query();
    expect(all.map((record) => record.event)).toEqual(['login', 'upload', 'login_failed']);
    expect(all[0]).toMatchObject({
      account: 'acme',
      address: '192.0.2.1',
      port: 4242,
      method: 'password',
      result: 'ok',
    });
    expect(all[1]).not.toHaveProperty('address');
    expect(await store.query({ account: 'acme' })).toHaveLength(2);
    expect((await store.query({ limit: 1 })).map((record) => record.event)).toEqual([
      'login_failed',
    ]);
    expect(await store.query({ since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
  });

  it('writes on its own after the tick', async () => {
    const store = new AuditStore(db, 10);
    store.record({ event: 'logout', account: 'acme' });
    await expect.poll(async () => (await store.query()).length).toBe(1);
  });

  it('drops what is pending once the database is closed, without throwing', async () => {
    const store = new AuditStore(db, 60_000);
    store.record({ event: 'logout', account: 'acme' });
    await db.close();
    await expect(store.flush()).resolves.toBeUndefined();
    db = openSqlite(path.join(dir, 'passerelle.db'));
  });
});

describe('audit --since', () => {
  it('reads ages and dates', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    expect(sinceOf('30m', now)).toBe('2026-12-04T11:30:00.000Z');
    expect(sinceOf('2d', now)).toBe('2026-12-02T12:00:00.000Z');
    expect(sinceOf('2026-12-01', now)).toBe('2026-12-01T00:00:00.000Z');
    expect(() => sinceOf('yesterday', now)).toThrow(/--since/);
  });
});
