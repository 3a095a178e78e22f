/**
 * Account lifecycle through the real CLI, checked against the running gateway with
 * ssh2-sftp-client and OpenSSH: disable/enable, password reset, key rotation, deletion, and
 * entity accounts only for SIRETs of the directory unless forced.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../../src/sftp/index.js';
import { E2eWorld, ENTITIES, KEY_SUPPLIER, SUPPLIER } from '../support/e2e-world.js';
import { runCli } from '../support/gateway-process.js';
import { runSftpBatch, writePrivateKey } from '../support/openssh-client.js';
import { SftpPartner } from '../support/sftp-partner.js';

let world: E2eWorld;
let work: string;

beforeAll(async () => {
  world = await E2eWorld.create({
    externalRedis: false,
    // Failed logins are expected here; the defender is tested in sftp-defender.e2e.test.ts.
    config: { sftp: { authFailureDelayMs: 0, defender: { allowList: ['127.0.0.0/8'] } } },
  });
  await world.gateway.start();
  work = mkdtempSync(path.join(os.tmpdir(), 'pl-accounts-'));
});

afterAll(async () => {
  await world.dispose();
});

const cli = (args: readonly string[], input?: string) => {
  const result = runCli(world.env, args, input);
  return result;
};

async function canLogIn(
  login: string,
  auth: { password: string } | { privateKey: string },
): Promise<boolean> {
  try {
    const partner = await SftpPartner.connect(world.env.sftpPort, login, auth);
    await partner.end();
    return true;
  } catch {
    return false;
  }
}

interface AuditLine {
  readonly event: string;
  readonly account?: string;
  readonly address?: string;
  readonly port?: number;
  readonly method?: string;
  readonly result?: string;
  readonly file?: string;
  readonly bytes?: number;
  readonly detail?: string;
}

const auditOf = (args: readonly string[]): AuditLine[] =>
  cli(['audit', '--json', ...args])
    .stdout.split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AuditLine);

describe('audit trail', () => {
  it('records logins, sessions and every file operation with address, port and bytes', async () => {
    const local = path.join(work, 'audited.xml');
    writeFileSync(local, 'twelve bytes');
    const entity = ENTITIES[0];
    writeFileSync(path.join(world.homeOf(entity.login), 'inbox', 'INV-A.xml'), '<Invoice/>');
    const supplier = await runSftpBatch(
      world.env.sftpPort,
      SUPPLIER.login,
      { password: SUPPLIER.password },
      [`put ${local} in/audited.xml.part`, 'rename in/audited.xml.part in/audited.xml'],
    );
    expect(supplier.code, supplier.stderr).toBe(0);
    const pulled = await runSftpBatch(
      world.env.sftpPort,
      entity.login,
      { password: entity.password },
      [`get inbox/INV-A.xml ${path.join(work, 'INV-A.xml')}`, 'rm inbox/INV-A.xml'],
    );
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(await canLogIn(SUPPLIER.login, { password: 'not-the-password' })).toBe(false);

    // Written on the gateway's next tick: wait for the last event expected.
    await expect
      .poll(() => auditOf(['--account', entity.login]).some((line) => line.event === 'logout'), {
        timeout: 20_000,
      })
      .toBe(true);
    const acme = auditOf(['--account', SUPPLIER.login, '--since', '1h']);
    const login = acme.find((line) => line.event === 'login');
    expect(login).toMatchObject({ method: 'password', result: 'ok', address: '127.0.0.1' });
    expect(login?.port).toBeGreaterThan(0);
    expect(acme).toContainEqual(
      expect.objectContaining({ event: 'upload', file: '/in/audited.xml.part', bytes: 12 }),
    );
    expect(acme).toContainEqual(
      expect.objectContaining({
        event: 'rename',
        file: '/in/audited.xml',
        detail: 'from /in/audited.xml.part',
      }),
    );
    expect(acme).toContainEqual(expect.objectContaining({ event: 'logout' }));
    expect(acme).toContainEqual(
      expect.objectContaining({
        event: 'login_failed',
        method: 'password',
        result: 'wrong password',
      }),
    );
    const ministere = auditOf(['--account', entity.login]);
    expect(ministere).toContainEqual(
      expect.objectContaining({ event: 'download', file: '/inbox/INV-A.xml', bytes: 10 }),
    );
    expect(ministere).toContainEqual(
      expect.objectContaining({ event: 'delete', file: '/inbox/INV-A.xml', bytes: 10 }),
    );
    // The text form, one event per line.
    expect(cli(['audit', '--account', entity.login]).stdout).toMatch(
      /\tdownload\tministere\t127\.0\.0\.1:\d+/,
    );
  });
});

describe('account lifecycle', () => {
  it('disables and enables an account', async () => {
    expect(cli(['account', 'disable', SUPPLIER.login]).status).toBe(0);
    expect(cli(['account', 'show', SUPPLIER.login]).stdout).toMatch(/state\s+disabled/);
    expect(await canLogIn(SUPPLIER.login, { password: SUPPLIER.password })).toBe(false);
    const openssh = await runSftpBatch(
      world.env.sftpPort,
      SUPPLIER.login,
      { password: SUPPLIER.password },
      ['ls'],
    );
    expect(openssh.isKilled).toBe(false);
    expect(openssh.code).not.toBe(0);
    await expect.poll(() => world.gateway.log).toContain('account disabled');
    expect(cli(['account', 'enable', SUPPLIER.login]).status).toBe(0);
    expect(await canLogIn(SUPPLIER.login, { password: SUPPLIER.password })).toBe(true);
  });

  it('resets a password', async () => {
    const result = cli(['account', 'set-password', SUPPLIER.login], 'a-new-secret-2\n');
    expect(result.status, result.stderr).toBe(0);
    expect(await canLogIn(SUPPLIER.login, { password: SUPPLIER.password })).toBe(false);
    expect(await canLogIn(SUPPLIER.login, { password: 'a-new-secret-2' })).toBe(true);
    expect(cli(['account', 'set-password', SUPPLIER.login], 'short\n').status).toBe(2);
  });

  it('rotates keys: add the new one, log in with it, remove the old one', async () => {
    const fresh = generateEd25519KeyPair();
    const publicFile = path.join(work, 'new.pub');
    writeFileSync(publicFile, `${fresh.public}\n`);
    const added = cli(['account', 'add-key', KEY_SUPPLIER.login, publicFile]);
    expect(added.status, added.stderr).toBe(0);
    const show = JSON.parse(cli(['account', 'show', KEY_SUPPLIER.login, '--json']).stdout) as {
      keys: { fingerprint: string }[];
    };
    expect(show.keys).toHaveLength(2);
    const oldFingerprint = show.keys[0]?.fingerprint ?? '';
    const keyFile = writePrivateKey(work, 'new_key', fresh.private);
    const openssh = await runSftpBatch(world.env.sftpPort, KEY_SUPPLIER.login, { keyFile }, ['ls']);
    expect(openssh.code, openssh.stderr).toBe(0);
    expect(cli(['account', 'remove-key', KEY_SUPPLIER.login, oldFingerprint]).status).toBe(0);
    expect(await canLogIn(KEY_SUPPLIER.login, { privateKey: world.globexKey })).toBe(false);
    expect(await canLogIn(KEY_SUPPLIER.login, { privateKey: fresh.private })).toBe(true);
    // The last method of an account cannot be removed.
    const last = JSON.parse(cli(['account', 'show', KEY_SUPPLIER.login, '--json']).stdout) as {
      keys: { fingerprint: string }[];
    };
    const refused = cli([
      'account',
      'remove-key',
      KEY_SUPPLIER.login,
      last.keys[0]?.fingerprint ?? '',
    ]);
    expect(refused.status).not.toBe(0);
    const badKey = path.join(work, 'bad.pub');
    writeFileSync(badKey, 'ssh-ed25519 not-a-key\n');
    expect(cli(['account', 'add-key', KEY_SUPPLIER.login, badKey]).status).toBe(2);
  });

  it('accepts entity accounts only for SIRETs of the directory, unless forced', () => {
    const args = [
      'account',
      'add',
      'unknown-entity',
      '--role',
      'entity',
      '--siret',
      '99999999999999',
      '--password-stdin',
    ];
    const refused = cli(args, 'entity-secret-1\n');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('not in the directory');
    const forced = cli([...args, '--force'], 'entity-secret-1\n');
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('warning');
  });

  it('deletes an account: no login, home moved aside, records kept, login not reusable', async () => {
    const entity = ENTITIES[3];
    writeFileSync(path.join(world.homeOf(entity.login), 'inbox', 'INV-7.xml'), '<Invoice/>');
    const deleted = cli(['account', 'delete', entity.login]);
    expect(deleted.status, deleted.stderr).toBe(0);
    expect(await canLogIn(entity.login, { password: entity.password })).toBe(false);
    expect(existsSync(world.homeOf(entity.login))).toBe(false);
    const moved = readdirSync(path.join(world.env.dataDir, 'deleted-homes'));
    expect(moved.some((name) => name.startsWith(`${entity.login}.`))).toBe(true);
    expect(cli(['account', 'list']).stdout).not.toContain(entity.login);
    expect(cli(['account', 'show', entity.login]).status).toBe(1);
    const again = cli(
      [
        'account',
        'add',
        entity.login,
        '--role',
        'supplier',
        '--siret',
        '12345678901234',
        '--password-stdin',
      ],
      'whatever-secret\n',
    );
    expect(again.status).not.toBe(0);
  });
});
