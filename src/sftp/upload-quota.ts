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

/** Throws the refusal when an upload may not start; resolves to the bytes it may write. */
export async function checkUploadQuota(
  quota: UploadQuota,
  folderPath: string,
  folder: string,
): Promise<number> {
  const free = await freeBytesOf(folderPath);
  if (free < quota.minFreeBytes) {
    throw new SftpRefusal(
      STATUS.FAILURE,
      `Upload refused: the gateway is short of disk space (${Math.floor(free / MIB)} MiB free); try again later`,
    );
  }
  const waiting = await waitingIn(folderPath);
  if (waiting.files >= quota.maxFilesWaiting) {
    throw new SftpRefusal(
      STATUS.FAILURE,
      `Upload refused: quota of ${quota.maxFilesWaiting} files waiting in ${folder}/ reached; wait until they are processed`,
    );
  }
  if (waiting.bytes >= quota.maxBytesWaiting) {
    throw quotaBytesRefusal(quota, folder);
  }
  return quota.maxBytesWaiting - waiting.bytes;
}

export function quotaBytesRefusal(quota: UploadQuota, folder: string): SftpRefusal {
  return new SftpRefusal(
    STATUS.FAILURE,
    `Upload refused: quota of ${quota.maxBytesWaiting} bytes waiting in ${folder}/ reached; wait until they are processed`,
  );
}
