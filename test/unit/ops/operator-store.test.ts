import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PasserelleError } from '../../../src/errors/index.js';
import { OperatorStore } from '../../../src/ops/index.js';
import { openSqlite, type SqlDatabase } from '../../../src/store/index.js';

describe('OperatorStore', () => {
  let dir: string;
  let db: SqlDatabase;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-unit-operators-'));
    db = openSqlite(path.join(dir, 'passerelle.db'));
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores an scrypt hash and checks passwords', async () => {
    const store = new OperatorStore(db);
    await store.add('alice', 'operator', 'correct horse battery');
    const row = await db.get<{ password_hash: string }>('SELECT password_hash FROM operators');
    expect(row?.password_hash).toMatch(/^scrypt\$/);
    expect(await store.authenticate('alice', 'correct horse battery')).toMatchObject({
      name: 'alice',
      role: 'operator',
    });
    expect(await store.authenticate('alice', 'wrong')).toBeUndefined();
    expect(await store.authenticate('nobody', 'correct horse battery')).toBeUndefined();
    expect((await store.list()).map((item) => item.name)).toEqual(['alice']);
    expect(await store.remove('alice')).toBe(true);
    expect(await store.get('alice')).toBeUndefined();
  });

  it('refuses short passwords, bad names and duplicates', async () => {
    const store = new OperatorStore(db);
    await expect(store.add('alice', 'viewer', 'short')).rejects.toBeInstanceOf(PasserelleError);
    await expect(store.add('Bad Name', 'viewer', 'long enough password')).rejects.toThrow(/name/);
    await store.add('alice', 'viewer', 'long enough password');
    await expect(store.add('alice', 'viewer', 'long enough password')).rejects.toThrow(
      /already exists/,
    );
  });
});
