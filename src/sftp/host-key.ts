import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
