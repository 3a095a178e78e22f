/**
 * Durable file writing, shared by every stage that publishes a file (claims, deliveries,
 * acknowledgements, status files). A file is either absent or complete under its final name,
 * and is on disk before the call resolves.
 * Two modes (`configureDurability`):
 * - `syncfs` (default where coreutils' `sync -f` works): write the temporary file, wait for a
 *   file-system sync, rename, wait for another. Both syncs are shared with every writer of
 *   the moment (fs-sync.ts), so a batch of hundreds of files costs a couple of syncs.
 * - `fsync`: temporary file fsynced, renamed, then its folder fsynced, the folder syncs
 *   shared with the other writers of the folder (dir-sync.ts).
 */
import { chmod, copyFile, link, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { DirSync } from './dir-sync.js';
import { FsSync } from './fs-sync.js';

export type DurabilityMode = 'syncfs' | 'fsync';

/** One of each per process: group commit works across every stage of the process. */
const dirSync = new DirSync();
const fsSync = new FsSync();
let mode: DurabilityMode = process.platform === 'linux' ? 'syncfs' : 'fsync';

export function configureDurability(wanted: DurabilityMode): void {
  mode = wanted;
}

/** The mode in force: `syncfs` falls back to `fsync` for good when it cannot be had. */
export function durabilityMode(): DurabilityMode {
  return mode === 'syncfs' && fsSync.isAvailable ? 'syncfs' : 'fsync';
}

/** Syncs issued by this process so far (for the bench and metrics). */
export function durableSyncCounts(): { readonly fileSystem: number; readonly folder: number } {
  return { fileSystem: fsSync.syncCount, folder: dirSync.syncCount };
}

/** Ends the helper process of `syncfs` mode (at shutdown). */
export function closeDurableWrites(): void {
  fsSync.close();
}

/** Temporary names of files being written: `.<name>.<pid>.tmp`, never picked up or served. */
export function temporaryNameOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes durable what was written under `dir` before the call: its entries (renames, links,
 * removals) and, in `syncfs` mode, the data of files written there.
 */
export async function syncDir(dir: string): Promise<void> {
  if (durabilityMode() === 'syncfs' && (await fsSync.sync(dir))) return;
  await dirSync.sync(dir);
}

async function writeTemporary(file: string, data: string | Uint8Array, fileMode: number) {
  const handle = await open(file, 'w', fileMode);
  try {
    await handle.writeFile(data);
    if (durabilityMode() === 'fsync') await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a written temporary file's data durable before it is published. */
async function sealTemporary(temp: string): Promise<void> {
  if (durabilityMode() === 'fsync') return;
  if (!(await fsSync.sync(path.dirname(temp)))) await syncFile(temp);
}

/** Writes a file so that it is either absent or complete, and durable once this resolves. */
export async function writeFileDurable(
  file: string,
  data: string | Uint8Array,
  fileMode = 0o640,
): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = temporaryNameOf(file);
  await writeTemporary(temp, data, fileMode);
  await sealTemporary(temp);
  await rename(temp, file);
  await syncDir(dir);
}

/** A file to publish: its bytes, or an already durable file to hard-link under the name. */
export type Publication =
  | { readonly file: string; readonly data: string | Uint8Array }
  | { readonly file: string; readonly linkFrom: string };

async function prepareTemporary(publication: Publication, fileMode: number): Promise<string> {
  const temp = temporaryNameOf(publication.file);
  if ('data' in publication) {
    await writeTemporary(temp, publication.data, fileMode);
    return temp;
  }
  await unlink(temp).catch(() => undefined);
  try {
    await link(publication.linkFrom, temp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'EMLINK') throw error;
    await copyFile(publication.linkFrom, temp);
    await syncFile(temp);
  }
  return temp;
}

/**
 * Publishes several files of one folder together, durably, appearing in the order given (the
 * last one tells a reader the set is complete): every temporary file is written first, then
 * one shared sync, the renames in order, and one more sync. Costs two syncs, not two per file.
 */
export async function publishFilesDurable(
  dir: string,
  publications: readonly Publication[],
  fileMode = 0o640,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temps = await Promise.all(
    publications.map((publication) => prepareTemporary(publication, fileMode)),
  );
  if (durabilityMode() === 'syncfs' && !(await fsSync.sync(dir))) {
    await Promise.all(temps.map((temp) => syncFile(temp)));
  }
  for (const [index, publication] of publications.entries()) {
    await rename(temps[index] ?? '', publication.file);
  }
  await syncDir(dir);
}

/**
 * Moves a file, falling back to copy + fsync + unlink across file systems. The folder sync
 * is left to the caller (`syncDir`), so that a batch of moves shares one.
 */
export async function moveFileUnsynced(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await syncFile(to);
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
