import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore, type NewAccount } from '../../../src/accounts/index.js';
import { PasserelleError } from '../../../src/errors/index.js';
import type { SqlDatabase } from '../../../src/store/index.js';
import {
  ENGINES,
  openTestDatabase,
  useTestDatabases,
  type TestDatabase,
} from '../../support/test-databases.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB3ZxTestKeyOnlyForUnitTests acme@laptop';
const HASH = 'scrypt$32768$8$1$c2FsdA==$a2V5';

function supplier(overrides: Partial<NewAccount> = {}): NewAccount {
  return {
    login: 'acme',
    role: 'supplier',
    siret: '73282932000074',
    passwordHash: HASH,
    ...overrides,
  };
}

function entity(overrides: Partial<NewAccount> = {}): NewAccount {
  return {
    login: 'ministere',
    role: 'entity',
    siret: '11000201100044',
    publicKeys: [KEY],
    ...overrides,
  };
}

useTestDatabases();

describe.each(ENGINES)('AccountStore on %s', (engine) => {
  let database: TestDatabase;
  let dir: string;
  let homes: string;
  let db: SqlDatabase;
  let store: AccountStore;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-unit-'));
    homes = path.join(dir, 'homes');
    database = await openTestDatabase(engine);
    db = database.db;
    store = new AccountStore(db, homes);
  });

  afterEach(async () => {
    await database.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  async function failureOf(account: NewAccount): Promise<PasserelleError> {
    try {
      await store.add(account);
    } catch (error) {
      if (error instanceof PasserelleError) return error;
      throw error;
    }
    throw new Error('expected add to throw');
  }

  it('adds a supplier with a password and creates in/ and out/', async () => {
    const account = await store.add(supplier());
    expect(account).toMatchObject({
      login: 'acme',
      role: 'supplier',
      siret: '73282932000074',
      passwordHash: HASH,
      publicKeys: [],
    });
    expect(Number.isNaN(Date.parse(account.createdAt))).toBe(false);
    expect(store.homeOf('acme')).toBe(path.join(homes, 'acme'));
    expect(statSync(path.join(homes, 'acme', 'in')).isDirectory()).toBe(true);
    expect(statSync(path.join(homes, 'acme', 'out')).isDirectory()).toBe(true);
    expect(() => statSync(path.join(homes, 'acme', 'inbox'))).toThrow();
    expect(await store.get('acme')).toEqual(account);
  });

  it('adds an entity with a key only and creates inbox/, in/ and out/', async () => {
    const account = await store.add(entity());
    expect(account.passwordHash).toBeUndefined();
    expect(account.publicKeys).toEqual([KEY]);
    expect(statSync(path.join(homes, 'ministere', 'inbox')).isDirectory()).toBe(true);
    expect(statSync(path.join(homes, 'ministere', 'out')).isDirectory()).toBe(true);
    expect(statSync(path.join(homes, 'ministere', 'in')).isDirectory()).toBe(true);
    expect((await store.findEntityAccount('11000201100044'))?.login).toBe('ministere');
  });

  it('does not let group or others write into a home folder', async () => {
    await store.add(supplier());
    const mode = statSync(path.join(homes, 'acme', 'in')).mode & 0o777;
    expect(mode & 0o022).toBe(0);
  });

  it.each(['ab', 'acme.supplier_2-x', '0day', 'x'.repeat(32)])(
    'accepts the login %j',
    async (login) => {
      expect((await store.add(supplier({ login }))).login).toBe(login);
      expect(statSync(path.join(homes, login, 'in')).isDirectory()).toBe(true);
    },
  );

  it.each([
    '',
    'a',
    'x'.repeat(33),
    'Acme',
    '.acme',
    '-acme',
    '_acme',
    'ac me',
    'acme/..',
    '../etc',
    'acme\n',
    'é-acme',
  ])('refuses the login %j', async (login) => {
    const error = await failureOf(supplier({ login }));
    expect(error.code).toBe('ACCOUNT_INVALID');
    expect(error.message).toContain('login must be');
    expect(await store.get(login)).toBeUndefined();
  });

  it('refuses path-like logins so that no home is created outside the homes folder', async () => {
    for (const login of ['../evil', 'a/../../evil', '/abs', 'a\\b']) {
      expect((await failureOf(supplier({ login }))).code).toBe('ACCOUNT_INVALID');
    }
    expect(() => statSync(path.join(dir, 'evil'))).toThrow();
    expect(await store.list()).toEqual([]);
  });

  it.each([
    '',
    '1234567890123',
    '123456789012345',
    '7328293200007A',
    '73282932000074\n',
    ' 73282932000074',
  ])('refuses the SIRET %j', async (siret) => {
    const error = await failureOf(supplier({ siret }));
    expect(error.code).toBe('ACCOUNT_INVALID');
    expect(error.message).toContain('SIRET must be exactly 14 digits');
  });

  it('needs a password or a public key', async () => {
    for (const account of [
      supplier({ passwordHash: undefined }),
      supplier({ passwordHash: '', publicKeys: [] }),
    ]) {
      const error = await failureOf(account);
      expect(error.code).toBe('ACCOUNT_INVALID');
      expect(error.message).toContain('a password or a public key is required');
    }
  });

  it('lists every validation problem in one error', async () => {
    const error = await failureOf({ login: 'X', role: 'supplier', siret: '1' });
    expect(error.message.split('; ')).toHaveLength(3);
  });

  it('refuses a duplicate login whatever the role', async () => {
    await store.add(supplier());
    const error = await failureOf(entity({ login: 'acme' }));
    expect(error.code).toBe('ACCOUNT_EXISTS');
    expect((await store.get('acme'))?.role).toBe('supplier');
    expect(await store.list()).toHaveLength(1);
  });

  it('refuses a second entity account for the same SIRET, but not a supplier one', async () => {
    await store.add(entity());
    const error = await failureOf(entity({ login: 'ministere-bis' }));
    expect(error.code).toBe('ACCOUNT_EXISTS');
    expect(error.message).toContain('11000201100044');
    expect(() => statSync(path.join(homes, 'ministere-bis'))).toThrow();
    expect((await store.add(supplier({ login: 'same-siret', siret: '11000201100044' }))).role).toBe(
      'supplier',
    );
    expect((await store.findEntityAccount('11000201100044'))?.login).toBe('ministere');
  });

  it('lets several suppliers share a SIRET and lists accounts by login', async () => {
    await store.add(supplier({ login: 'zeta' }));
    await store.add(supplier({ login: 'alpha' }));
    await store.add(entity());
    expect((await store.list()).map((account) => account.login)).toEqual([
      'alpha',
      'ministere',
      'zeta',
    ]);
    expect(await store.findEntityAccount('73282932000074')).toBeUndefined();
  });

  it('disables and enables an account, which stays listed', async () => {
    await store.add(supplier());
    expect((await store.setDisabled('acme', true)).disabled).toBe(true);
    expect((await store.get('acme'))?.disabled).toBe(true);
    expect((await store.list()).map((account) => account.login)).toEqual(['acme']);
    expect((await store.setDisabled('acme', false)).disabled).toBe(false);
  });

  it('replaces the password and the keys, but never leaves an account without a method', async () => {
    await store.add(supplier());
    expect((await store.setPasswordHash('acme', 'scrypt$other')).passwordHash).toBe('scrypt$other');
    await expect(store.setPasswordHash('acme', undefined)).rejects.toThrow(PasserelleError);
    expect((await store.setPublicKeys('acme', [KEY])).publicKeys).toEqual([KEY]);
    expect((await store.setPasswordHash('acme', undefined)).passwordHash).toBeUndefined();
    await expect(store.setPublicKeys('acme', [])).rejects.toThrow(/last key/);
  });

  it('overrides the upload quota per account, and goes back to the configured one', async () => {
    await store.add(supplier());
    expect((await store.get('acme'))?.quota).toEqual({});
    expect((await store.setQuota('acme', { maxFilesWaiting: 5000 })).quota).toEqual({
      maxFilesWaiting: 5000,
    });
    expect(
      (await store.setQuota('acme', { maxFilesWaiting: 7, maxBytesWaiting: 1_000_000 })).quota,
    ).toEqual({ maxFilesWaiting: 7, maxBytesWaiting: 1_000_000 });
    expect((await store.setQuota('acme', {})).quota).toEqual({});
  });

  it('deletes an account: gone from logins and lists, home moved aside, login never reused', async () => {
    await store.add(entity());
    writeFileSync(path.join(homes, 'ministere', 'inbox', 'INV-1.xml'), 'x');
    const kept = await store.delete('ministere', path.join(dir, 'deleted-homes'));
    expect(kept).toBeDefined();
    expect(readFileSync(path.join(kept ?? '', 'inbox', 'INV-1.xml'), 'utf8')).toBe('x');
    expect(existsSync(path.join(homes, 'ministere'))).toBe(false);
    expect(await store.get('ministere')).toBeUndefined();
    expect(await store.list()).toEqual([]);
    expect(await store.findEntityAccount('11000201100044')).toBeUndefined();
    expect((await failureOf(entity())).code).toBe('ACCOUNT_EXISTS');
    // Another login may serve the same entity afterwards.
    expect((await store.add(entity({ login: 'ministere2' }))).siret).toBe('11000201100044');
  });
});
