import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ssh2 from 'ssh2';
import { generateEd25519KeyPair } from './generate-key-pair.js';

/**
 * Reads the server's host key, generating an Ed25519 key at first start. Both files are
 * written beside their final name and renamed into place, so a crash never leaves half a key.
 */
export function loadOrCreateHostKey(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const pair = generateEd25519KeyPair();
    writeFileSync(`${file}.pub.tmp`, `${pair.public}\n`, { mode: 0o644 });
    renameSync(`${file}.pub.tmp`, `${file}.pub`);
    writeFileSync(`${file}.tmp`, pair.private, { mode: 0o600 });
    chmodSync(`${file}.tmp`, 0o600);
    renameSync(`${file}.tmp`, file);
  }
  return readFileSync(file);
}

/** Where the host key lives: the configured file, else `<dataDir>/sftp/host_ed25519_key`. */
export function hostKeyFileOf(configured: string | undefined, dataRoot: string): string {
  return configured ?? path.join(dataRoot, 'sftp', 'host_ed25519_key');
}

/** The key's fingerprint as OpenSSH prints it: `SHA256:` and unpadded base64 of the blob. */
export function hostKeyFingerprint(privateKey: Buffer): string {
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) throw parsed;
  const blob = parsed.getPublicSSH();
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The public key line (`ssh-ed25519 AAAA…`), for known_hosts files. */
export function hostPublicKeyLine(privateKey: Buffer): string {
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) throw parsed;
  return `${parsed.type} ${parsed.getPublicSSH().toString('base64')}`;
}
