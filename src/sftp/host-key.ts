import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ssh2 from 'ssh2';

/** Reads the server's host key, generating an Ed25519 key at first start. */
export function loadOrCreateHostKey(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    writeFileSync(file, pair.private, { mode: 0o600 });
    writeFileSync(`${file}.pub`, `${pair.public}\n`, { mode: 0o644 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file);
}
