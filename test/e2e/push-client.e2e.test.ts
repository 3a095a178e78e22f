/**
 * The push client against a real SFTP server (Passerelle's own, on loopback): a re-run after a
 * crash between upload and rename, or after the rename, leaves one copy and no temporary file;
 * each failure carries its code. No gateway here: the cases are set up on the remote directly.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasserelleError } from '../../src/errors/index.js';
import {
  generateEd25519KeyPair,
  PUSH_TEMP_SUFFIX,
  PushConnection,
  pushFiles,
  type PushEndpoint,
} from '../../src/sftp/index.js';
import { REMOTE_LOGIN, RemoteSftpServer } from '../support/remote-sftp-server.js';

let root: string;
let remote: RemoteSftpServer;
beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pl-push-client-'));
  remote = await RemoteSftpServer.create(path.join(root, 'remote'));
});
afterAll(async () => {
  await remote.dispose();
  rmSync(root, { recursive: true, force: true });
});

const endpoint = (overrides: Partial<PushEndpoint> = {}): PushEndpoint => ({
  host: '127.0.0.1',
  port: remote.port,
  user: REMOTE_LOGIN,
  privateKey: remote.clientKey,
  hostKeySha256: remote.fingerprint,
  connectTimeoutMs: 10_000,
  ...overrides,
});

async function codeOf(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
    return undefined;
  } catch (error) {
    return error instanceof PasserelleError ? error.code : `not coded: ${String(error)}`;
  }
}

describe('push client', () => {
  it('finishes a push cut before its rename, and recognises one cut after it, without a second copy', async () => {
    const invoice = { name: 'INV-1.xml', data: Buffer.from('<Invoice>1</Invoice>') };
    const meta = { name: 'INV-1.meta.json', data: Buffer.from('{"invoiceId":"INV-1"}\n') };
    // Crash between upload and rename: the temporary file is complete, the final one missing.
    writeFileSync(path.join(remote.inDir, `${invoice.name}${PUSH_TEMP_SUFFIX}`), invoice.data);
    // Crash after the rename, before the record: the final file is there.
    writeFileSync(path.join(remote.inDir, meta.name), meta.data);
    const connection = await PushConnection.open(endpoint());
    try {
      const pushed = await pushFiles(connection, '/in', [invoice, meta]);
      expect(pushed.map((file) => file.wasThere)).toEqual([false, true]);
      const again = await pushFiles(connection, '/in', [invoice, meta]);
      expect(again.map((file) => file.wasThere)).toEqual([true, true]);
    } finally {
      await connection.close();
    }
    expect(remote.files().filter((name) => name.startsWith('INV-1'))).toEqual([
      'INV-1.meta.json',
      'INV-1.xml',
    ]);
    expect(remote.publications().get('INV-1.xml')).toBe(1);
  });

  it('refuses a server whose host key is not the pinned one, before sending anything', async () => {
    const before = remote.files();
    expect(
      await codeOf(() =>
        PushConnection.open(endpoint({ hostKeySha256: `SHA256:${'B'.repeat(43)}` })),
      ),
    ).toBe('PUSH_HOST_KEY_MISMATCH');
    expect(remote.files()).toEqual(before);
  });

  it('tells a refused key, a server that is down, and a remote refusal apart', async () => {
    expect(
      await codeOf(() =>
        PushConnection.open(endpoint({ privateKey: generateEd25519KeyPair().private })),
      ),
    ).toBe('PUSH_AUTH_FAILED');
    const connection = await PushConnection.open(endpoint());
    try {
      // Passerelle's server refuses uploads outside in/: a remote error, retried with backoff.
      expect(
        await codeOf(() =>
          pushFiles(connection, '/out', [{ name: 'X.xml', data: Buffer.from('x') }]),
        ),
      ).toBe('PUSH_REMOTE_ERROR');
    } finally {
      await connection.close();
    }
    await remote.stop();
    try {
      expect(await codeOf(() => PushConnection.open(endpoint()))).toBe('PUSH_UNREACHABLE');
    } finally {
      await remote.start();
    }
    expect(existsSync(path.join(remote.inDir, 'X.xml'))).toBe(false);
  });
});
