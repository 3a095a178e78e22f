import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair, loadOrCreateHostKey } from '../../../src/sftp/index.js';

describe('host key', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('generates only pairs that ssh2 can read back (ssh2 draws an unreadable one in 256)', () => {
    for (let index = 0; index < 600; index += 1) {
      const pair = generateEd25519KeyPair();
      expect(ssh2.utils.parseKey(pair.private)).not.toBeInstanceOf(Error);
      expect(ssh2.utils.parseKey(pair.public)).not.toBeInstanceOf(Error);
    }
  });

  it('creates the key once, private to the owner, and reads the same key afterwards', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-hostkey-'));
    dirs.push(dir);
    const file = path.join(dir, 'sftp', 'host_ed25519_key');
    const first = loadOrCreateHostKey(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${file}.pub`, 'utf8')).toMatch(/^ssh-ed25519 /);
    expect(loadOrCreateHostKey(file).equals(first)).toBe(true);
  });
});
