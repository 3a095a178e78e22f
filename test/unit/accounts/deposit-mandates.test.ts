import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore, mayDepositFor } from '../../../src/accounts/index.js';
import type { SqlDatabase } from '../../../src/store/index.js';
import {
  ENGINES,
  openTestDatabase,
  useTestDatabases,
  type TestDatabase,
} from '../../support/test-databases.js';

describe('mayDepositFor', () => {
  const account = { siret: '12345678901234' };
  const none = new Set<string>();

  it('lets an account deposit in its own SIRET or SIREN, spaces and case aside', () => {
    expect(mayDepositFor(account, none, '12345678901234')).toBe(true);
    expect(mayDepositFor(account, none, '123 456 789 01234')).toBe(true);
    expect(mayDepositFor(account, none, '123456789')).toBe(true);
  });

  it('refuses another seller, and an invoice naming no seller', () => {
    expect(mayDepositFor(account, none, '98765432109876')).toBe(false);
    expect(mayDepositFor(account, none, '123456789012')).toBe(false);
    expect(mayDepositFor(account, none, undefined)).toBe(false);
    expect(mayDepositFor(account, none, '')).toBe(false);
  });

  it('lets a mandate for a seller, or for its SIREN, cover its SIRETs', () => {
    expect(mayDepositFor(account, new Set(['98765432109876']), '98765432109876')).toBe(true);
    expect(mayDepositFor(account, new Set(['987654321']), '98765432109876')).toBe(true);
    expect(mayDepositFor(account, new Set(['DE123456789']), 'de 123456789')).toBe(true);
    expect(mayDepositFor(account, new Set(['987654321']), '98765432200000')).toBe(false);
  });
});

useTestDatabases();

describe.each(ENGINES)('DepositMandates on %s', (engine) => {
  let database: TestDatabase;
  let dir: string;
  let db: SqlDatabase;
  let accounts: AccountStore;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-mandates-'));
    database = await openTestDatabase(engine);
    db = database.db;
    accounts = new AccountStore(db, path.join(dir, 'homes'));
    await accounts.add({
      login: 'edi-ops',
      role: 'supplier',
      siret: '11111111111111',
      passwordHash: 'scrypt$placeholder',
      publicKeys: [],
    });
  });
  afterEach(async () => {
    await database.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('grants once, lists, and revokes', async () => {
    expect(await accounts.mandates.grant('edi-ops', '123 456 789 01234')).toBe(true);
    expect(await accounts.mandates.grant('edi-ops', '12345678901234')).toBe(false);
    expect([...(await accounts.mandates.of('edi-ops'))]).toEqual(['12345678901234']);
    expect(await accounts.mandates.revoke('edi-ops', '12345678901234')).toBe(true);
    expect(await accounts.mandates.revoke('edi-ops', '12345678901234')).toBe(false);
    expect((await accounts.mandates.of('edi-ops')).size).toBe(0);
  });
});
