/**
 * Durable file writing, shared by every stage that publishes a file (claims, deliveries,
 * acknowledgements, status files). A file is either absent or complete under its final name,
 * and is on disk before the call resolves: temporary name, fsync, rename, then an fsync of
 * the folder, group-committed with the other writers of that folder (dir-sync.ts).
 */
import { chmod, copyFile, link, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { DirSync } from './dir-sync.js';

/** One per process: group commit works across every stage of the process. */
const dirSync = new DirSync();

/** Temporary names of files being written: `.<name>.<pid>.tmp`, never picked up or served. */
export function temporaryNameOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
}

/** Makes the entries of `dir` durable (renames, links and removals done before the call). */
export function syncDir(dir: string): Promise<void> {
  return dirSync.sync(dir);
}

/** Directory fsyncs issued by this process so far. */
export function dirSyncCount(): number {
  return dirSync.syncCount;
}

async function writeSynced(file: string, data: string | Uint8Array, mode: number): Promise<void> {
  const handle = await open(file, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a file so that it is either absent or complete, and durable once this resolves. */
export async function writeFileDurable(
  file: string,
  data: string | Uint8Array,
  mode = 0o640,
): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = temporaryNameOf(file);
  await writeSynced(temp, data, mode);
  await rename(temp, file);
  await syncDir(dir);
}

/**
 * Publishes an already durable file (an archived original) under a second name, by a hard
 * link: no bytes written, nothing to sync but the folder. Falls back to a durable copy across
 * file systems. An existing target is replaced (a retried delivery).
 */
export async function linkFileDurable(from: string, to: string): Promise<void> {
  const dir = path.dirname(to);
  await mkdir(dir, { recursive: true });
  const temp = temporaryNameOf(to);
  await unlink(temp).catch(() => undefined);
  try {
    await link(from, temp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'EMLINK') throw error;
    await copyFile(from, temp);
    const handle = await open(temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  await rename(temp, to);
  await syncDir(dir);
}

/**
 * Moves a file, falling back to copy + fsync + unlink across file systems. The folder fsync
 * is left to the caller (`syncDir`), so that a batch of moves shares one.
 */
export async function moveFileUnsynced(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    const handle = await open(to, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await unlink(from);
  }
}

/** Moves a file durably (its new folder synced). */
export async function moveFile(from: string, to: string): Promise<void> {
  await moveFileUnsynced(from, to);
  await syncDir(path.dirname(to));
}

export async function makeReadOnly(file: string): Promise<void> {
  await chmod(file, 0o440);
}
