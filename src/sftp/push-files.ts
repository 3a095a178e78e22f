/**
 * Puts files on a remote SFTP folder so that a reader never sees half a file and a re-run never
 * leaves two copies: each file is written under `<name>.part`, then renamed to `<name>`, in
 * the order given (the metadata file last). Names are fixed (invoice ids, status file names),
 * so a retry after a crash finds its own work:
 * - the final file there with the expected size: done already (crash after the rename);
 * - the temporary file there with the expected size: only the rename is left (crash before it);
 * - otherwise the temporary file is (re)written and renamed.
 * The rename never has to replace a file, which plain SFTP (version 3) servers refuse.
 */
import path from 'node:path';
import type SftpClient from 'ssh2-sftp-client';
import type { PushConnection } from './push-connection.js';

export interface PushFile {
  readonly name: string;
  readonly data: Buffer;
}

export interface PushedFile {
  readonly remotePath: string;
  /** The file was found complete from an earlier attempt; nothing was sent. */
  readonly wasThere: boolean;
}

/** The suffix of a file being written; readers (and Passerelle's own server) skip such names. */
export const PUSH_TEMP_SUFFIX = '.part';

async function sizeOf(client: SftpClient, remotePath: string): Promise<number | undefined> {
  try {
    return (await client.stat(remotePath)).size;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function pushOne(
  connection: PushConnection,
  remoteDir: string,
  file: PushFile,
): Promise<PushedFile> {
  const remotePath = path.posix.join(remoteDir, file.name);
  const tempPath = `${remotePath}${PUSH_TEMP_SUFFIX}`;
  const expected = file.data.length;
  const finalSize = await connection.run('stat', (client) => sizeOf(client, remotePath));
  if (finalSize === expected) return { remotePath, wasThere: true };
  if (finalSize !== undefined) {
    // Other bytes under a name only Passerelle gives: an older render; replaced.
    await connection.run('delete', (client) => client.delete(remotePath));
  }
  const tempSize = await connection.run('stat', (client) => sizeOf(client, tempPath));
  if (tempSize !== expected) {
    if (tempSize !== undefined) await connection.run('delete', (client) => client.delete(tempPath));
    await connection.run('put', (client) => client.put(file.data, tempPath));
  }
  await connection.run('rename', (client) => client.rename(tempPath, remotePath));
  return { remotePath, wasThere: false };
}

/** Pushes the files one after the other; stops at the first failure (a coded PasserelleError). */
export async function pushFiles(
  connection: PushConnection,
  remoteDir: string,
  files: readonly PushFile[],
): Promise<PushedFile[]> {
  const pushed: PushedFile[] = [];
  for (const file of files) pushed.push(await pushOne(connection, remoteDir, file));
  return pushed;
}
