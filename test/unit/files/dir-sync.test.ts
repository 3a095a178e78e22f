import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirSync } from '../../../src/files/dir-sync.js';

describe('DirSync (group commit of folder fsyncs)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-dirsync-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves many callers of one folder with far fewer fsyncs, each started after its call', async () => {
    const sync = new DirSync();
    await Promise.all(Array.from({ length: 50 }, () => sync.sync(dir)));
    // The first call starts one; the 49 others all join the one queued behind it.
    expect(sync.syncCount).toBe(2);
  });

  it('issues a new fsync for a call made after the previous one completed', async () => {
    const sync = new DirSync();
    await sync.sync(dir);
    await sync.sync(dir);
    expect(sync.syncCount).toBe(2);
  });

  it('keeps folders apart', async () => {
    const sync = new DirSync();
    const other = path.join(dir, '..');
    await Promise.all([sync.sync(dir), sync.sync(other)]);
    expect(sync.syncCount).toBe(2);
  });

  it('rejects for a folder that does not exist, and recovers for the next call', async () => {
    const sync = new DirSync();
    await expect(sync.sync(path.join(dir, 'missing'))).rejects.toThrow();
    await expect(sync.sync(dir)).resolves.toBeUndefined();
  });
});
