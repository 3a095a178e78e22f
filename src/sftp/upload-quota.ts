/**
 * Limits checked when an upload opens: files and bytes already waiting in the account's upload
 * folder, and free space on the data directory. Each refusal names its reason; the SFTP
 * client shows it (OpenSSH prints only "Failure").
 */
import { lstat, readdir, statfs } from 'node:fs/promises';
import path from 'node:path';
import { SftpRefusal, STATUS } from './sftp-status.js';

export interface UploadQuota {
  /** Files waiting in an upload folder (`in/`), hidden temporaries included. */
  readonly maxFilesWaiting: number;
  /** Bytes waiting in an upload folder, the upload under way included. */
  readonly maxBytesWaiting: number;
  /** Uploads are refused while the data directory has less free space than this. */
  readonly minFreeBytes: number;
}

export interface Waiting {
  readonly files: number;
  readonly bytes: number;
}

export async function waitingIn(dir: string): Promise<Waiting> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    try {
      bytes += (await lstat(path.join(dir, entry.name))).size;
      files += 1;
    } catch {
      // Claimed by the gateway meanwhile: no longer waiting.
    }
  }
  return { files, bytes };
}

export async function freeBytesOf(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

const MIB = 1024 * 1024;

/** How long a folder's count stays valid; uploads opened meanwhile are added to it. */
const WAITING_TTL_MS = 1000;

/**
 * The files and bytes waiting per folder, read at most once a second: an OPEN must not cost a
 * stat of every waiting file when thousands wait. Uploads that open in between are counted in
 * (files +1 at open, bytes at close), so the view errs on the side of refusing.
 */
export class WaitingCounter {
  readonly #views = new Map<string, { readAt: number; files: number; bytes: number }>();

  async waitingIn(dir: string): Promise<Waiting> {
    const now = Date.now();
    const view = this.#views.get(dir);
    if (view && now - view.readAt < WAITING_TTL_MS) return view;
    const fresh = { readAt: now, ...(await waitingIn(dir)) };
    this.#views.set(dir, fresh);
    return fresh;
  }

  /** Counts an upload that opened (bytes 0) or completed (files 0). */
  add(dir: string, files: number, bytes: number): void {
    const view = this.#views.get(dir);
    if (!view) return;
    view.files += files;
    view.bytes += bytes;
  }
}

/** Throws the refusal when an upload may not start; resolves to the bytes it may write. */
export async function checkUploadQuota(
  quota: UploadQuota,
  folderPath: string,
  folder: string,
  counter: WaitingCounter,
): Promise<number> {
  const free = await freeBytesOf(folderPath);
  if (free < quota.minFreeBytes) {
    throw new SftpRefusal(
      STATUS.FAILURE,
      `Upload refused: the gateway is short of disk space (${Math.floor(free / MIB)} MiB free); try again later`,
    );
  }
  const waiting = await counter.waitingIn(folderPath);
  if (waiting.files >= quota.maxFilesWaiting) {
    throw new SftpRefusal(
      STATUS.FAILURE,
      `Upload refused: quota of ${quota.maxFilesWaiting} files waiting in ${folder}/ reached; wait until they are processed`,
    );
  }
  if (waiting.bytes >= quota.maxBytesWaiting) {
    throw quotaBytesRefusal(quota, folder);
  }
  counter.add(folderPath, 1, 0);
  return quota.maxBytesWaiting - waiting.bytes;
}

export function quotaBytesRefusal(quota: UploadQuota, folder: string): SftpRefusal {
  return new SftpRefusal(
    STATUS.FAILURE,
    `Upload refused: quota of ${quota.maxBytesWaiting} bytes waiting in ${folder}/ reached; wait until they are processed`,
  );
}
