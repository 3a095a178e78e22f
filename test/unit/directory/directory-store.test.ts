import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryStore, type DirectoryEntry } from '../../../src/directory/index.js';
import type { SqlDatabase } from '../../../src/store/index.js';
import {
  ENGINES,
  openTestDatabase,
  useTestDatabases,
  type TestDatabase,
} from '../../support/test-databases.js';

function entry(
  siret: string,
  name: string,
  services: readonly (readonly [code: string, isActive: boolean])[] = [],
  flags: Partial<Omit<DirectoryEntry['entity'], 'siret' | 'name'>> = {},
): DirectoryEntry {
  return {
    entity: {
      siret,
      name,
      isActive: true,
      isServiceCodeRequired: false,
      isCommitmentRequired: false,
      isServiceOrCommitmentRequired: false,
      ...flags,
    },
    services: services.map(([code, isActive]) => ({
      siret,
      code,
      name: `Service ${code}`,
      isActive,
    })),
  };
}

const A = '11000201100044';
const B = '21750001600019';
const C = '26750045200011';

useTestDatabases();

describe.each(ENGINES)('DirectoryStore on %s', (engine) => {
  let database: TestDatabase;
  let dir: string;
  let db: SqlDatabase;
  let store: DirectoryStore;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-unit-'));
    database = await openTestDatabase(engine);
    db = database.db;
    store = new DirectoryStore(db);
  });

  afterEach(async () => {
    await database.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports entities and services and finds them again', async () => {
    const summary = await store.importEntries(
      [
        entry(A, 'Ministère', [
          ['S1', true],
          ['S2', false],
        ]),
        entry(B, 'Commune', [], { isServiceCodeRequired: true, isCommitmentRequired: true }),
      ],
      false,
    );
    expect(summary).toEqual({ entities: 2, services: 2, removedEntities: 0 });
    expect(await store.countEntities()).toBe(2);
    expect(await store.findEntity(A)).toEqual(entry(A, 'Ministère').entity);
    expect(await store.findEntity(B)).toEqual({
      siret: B,
      name: 'Commune',
      isActive: true,
      isServiceCodeRequired: true,
      isCommitmentRequired: true,
      isServiceOrCommitmentRequired: false,
    });
    expect(await store.findService(A, 'S1')).toEqual({
      siret: A,
      code: 'S1',
      name: 'Service S1',
      isActive: true,
    });
    expect((await store.findService(A, 'S2'))?.isActive).toBe(false);
  });

  it('finds nothing for unknown keys, another entity service or another case', async () => {
    await store.importEntries([entry(A, 'Ministère', [['S1', true]]), entry(B, 'Commune')], false);
    expect(await store.findEntity(C)).toBeUndefined();
    expect(await store.findEntity('')).toBeUndefined();
    expect(await store.findEntity(`${A}' OR '1'='1`)).toBeUndefined();
    expect(await store.findService(B, 'S1')).toBeUndefined();
    expect(await store.findService(A, 's1')).toBeUndefined();
    expect(await store.findService(C, 'S1')).toBeUndefined();
  });

  it('upserts: a re-imported entity gets its new values and only its new services', async () => {
    await store.importEntries(
      [
        entry(A, 'Ministère', [
          ['S1', true],
          ['S2', true],
        ]),
        entry(B, 'Commune', [['M1', true]]),
      ],
      false,
    );
    const summary = await store.importEntries(
      [entry(A, 'Ministère renommé', [['S3', true]], { isActive: false })],
      false,
    );
    expect(summary).toEqual({ entities: 1, services: 1, removedEntities: 0 });
    expect(await store.findEntity(A)).toMatchObject({ name: 'Ministère renommé', isActive: false });
    expect(await store.findService(A, 'S1')).toBeUndefined();
    expect(await store.findService(A, 'S2')).toBeUndefined();
    expect((await store.findService(A, 'S3'))?.isActive).toBe(true);
    expect((await store.findEntity(B))?.name).toBe('Commune');
    expect(await store.findService(B, 'M1')).toBeDefined();
    expect(await store.countEntities()).toBe(2);
  });

  it('in replace mode removes entities absent from the file, with their services', async () => {
    await store.importEntries(
      [entry(A, 'Ministère', [['S1', true]]), entry(B, 'Commune', [['M1', true]])],
      false,
    );
    const summary = await store.importEntries([entry(B, 'Commune'), entry(C, 'Hôpital')], true);
    expect(summary).toEqual({ entities: 2, services: 0, removedEntities: 1 });
    expect(await store.findEntity(A)).toBeUndefined();
    expect(await store.findService(A, 'S1')).toBeUndefined();
    expect(await store.findEntity(B)).toBeDefined();
    expect(await store.findService(B, 'M1')).toBeUndefined();
    expect(await store.findEntity(C)).toBeDefined();
    expect(await store.countEntities()).toBe(2);
  });

  it('replace mode with an empty list empties the directory; replace twice is stable', async () => {
    await store.importEntries([entry(A, 'Ministère'), entry(B, 'Commune')], false);
    expect((await store.importEntries([entry(B, 'Commune')], true)).removedEntities).toBe(1);
    expect((await store.importEntries([entry(B, 'Commune')], true)).removedEntities).toBe(0);
    expect(await store.importEntries([], true)).toEqual({
      entities: 0,
      services: 0,
      removedEntities: 1,
    });
    expect(await store.countEntities()).toBe(0);
  });

  it('rolls the whole import back when one entry fails', async () => {
    await store.importEntries([entry(A, 'Ministère', [['S1', true]])], false);
    const duplicateService = entry(B, 'Commune', [
      ['M1', true],
      ['M1', false],
    ]);
    await expect(
      store.importEntries([entry(A, 'Changé', [['S9', true]]), duplicateService], true),
    ).rejects.toThrow();
    expect((await store.findEntity(A))?.name).toBe('Ministère');
    expect(await store.findService(A, 'S1')).toBeDefined();
    expect(await store.findEntity(B)).toBeUndefined();
  });

  it('keeps the directory across a reopen of the database file', async () => {
    await store.importEntries([entry(A, 'Ministère', [['S1', true]])], false);
    db = await database.openAnother();
    store = new DirectoryStore(db);
    expect((await store.findEntity(A))?.name).toBe('Ministère');
    expect((await store.findService(A, 'S1'))?.isActive).toBe(true);
  });
});
