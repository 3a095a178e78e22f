/**
 * Start-up sweep of temporary files a killed gateway left in the homes: hidden SFTP uploads
 * (`.<16 hex>.part`, written by SftpSession until the upload is complete) and atomic writes
 * (`.<name>.<pid>.tmp`, written by writeFileAtomic). Only files older than this process are
 * removed, so writes of the running process are never touched, nor those of another live
 * process of this machine (the pid in the name). Each removal is logged.
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logging/index.js';

const UPLOAD_TEMP = /^\.[0-9a-f]{16}\.part$/;
const ATOMIC_TEMP = /^\..+\.\d+\.tmp$/;

/**
 * An atomic write's temporary file whose writer still runs on this machine (a worker process
 * beside the SFTP process, role worker): not a leftover, whatever its age.
 */
function isLiveWriters(name: string): boolean {
  const pid = /\.(\d+)\.tmp$/.exec(name)?.[1];
  if (pid === undefined || !ATOMIC_TEMP.test(name)) return false;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function isGatewayTempName(name: string): boolean {
  return UPLOAD_TEMP.test(name) || ATOMIC_TEMP.test(name);
}

async function entriesOf(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Removes the leftovers in every `<homes>/<login>/<folder>/`; resolves to how many went. */
export async function removeLeftovers(
  homesDir: string,
  logger: Logger,
  olderThanMs: number = Date.now() - process.uptime() * 1000,
): Promise<number> {
  let removed = 0;
  for (const home of await entriesOf(homesDir)) {
    if (!home.isDirectory()) continue;
    for (const folder of await entriesOf(path.join(homesDir, home.name))) {
      if (!folder.isDirectory()) continue;
      const dir = path.join(homesDir, home.name, folder.name);
      for (const entry of await entriesOf(dir)) {
        if (!entry.isFile() || !isGatewayTempName(entry.name) || isLiveWriters(entry.name))
          continue;
        const file = path.join(dir, entry.name);
        try {
          const stats = await lstat(file);
          if (stats.mtimeMs >= olderThanMs) continue;
          await unlink(file);
          removed += 1;
          logger.warn(
            { partner: home.name, file: path.join(folder.name, entry.name), bytes: stats.size },
            'removed a temporary file left by an earlier run',
          );
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
            logger.warn({ err: error, file }, 'could not remove a leftover temporary file');
          }
        }
      }
    }
  }
  if (removed > 0) logger.info({ files: removed }, 'leftover temporary files removed');
  return removed;
}
