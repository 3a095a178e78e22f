import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsSync } from '../../../src/files/fs-sync.js';
import { durabilityMode, writeFileDurable } from '../../../src/files/index.js';

describe('FsSync (group commit by file-system sync)', () => {
  let dir: string;
  let fsSync: FsSync;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-fssync-'));
    fsSync = new FsSync();
  });
  afterEach(() => {
    fsSync.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a crowd of callers with two syncs, each started after its call', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => fsSync.sync(dir)));
    expect(results.every(Boolean)).toBe(true);
    expect(fsSync.syncCount).toBe(2);
  });

  it('starts a new sync for a call made after the last one completed', async () => {
    await fsSync.sync(dir);
    await fsSync.sync(dir);
    expect(fsSync.syncCount).toBe(2);
  });

  it('rejects for a folder that does not exist without spoiling later calls', async () => {
    await expect(fsSync.sync(path.join(dir, 'missing'))).rejects.toThrow();
    expect(await fsSync.sync(dir)).toBe(true);
  });
});

describe('writeFileDurable', () => {
  it('publishes complete files under their names, none left under a temporary name', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-durable-'));
    try {
      await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          writeFileDurable(path.join(dir, 'out', `file-${index}.xml`), `<n>${index}</n>`),
        ),
      );
      expect(durabilityMode()).toBe('syncfs');
      expect(readFileSync(path.join(dir, 'out', 'file-7.xml'), 'utf8')).toBe('<n>7</n>');
      expect(readdirSync(path.join(dir, 'out')).filter((name) => name.startsWith('.'))).toEqual([]);
      expect(readdirSync(path.join(dir, 'out'))).toHaveLength(30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
