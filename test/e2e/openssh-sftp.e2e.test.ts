/**
 * Debian's real OpenSSH client against the real gateway: batch and interactive `sftp` with a
 * key and with a password, for put, ls, get, rm and rename. Every run must exit by itself
 * (the kill timer is a hang guard, not a speed check). Requests other than SFTP are refused
 * with a message and the gateway keeps serving.
 */
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { runCli } from '../support/gateway-process.js';
import { E2eWorld, ENTITIES, KEY_SUPPLIER, SUPPLIER } from '../support/e2e-world.js';
import {
  runSftpBatch,
  runSftpInteractive,
  runSsh,
  writePrivateKey,
  type OpenSshRun,
} from '../support/openssh-client.js';

let world: E2eWorld;
let work: string;
let globexKeyFile: string;

const leftovers = () => [
  path.join(world.homeOf(SUPPLIER.login), 'in', '.00112233445566ff.part'),
  path.join(
    world.homeOf(SUPPLIER.login),
    'out',
    '.x.xml.20260101-00112233445566ff.ack.json.77.tmp',
  ),
  path.join(world.homeOf(ENTITIES[0].login), 'inbox', '.INV-9.xml.77.tmp'),
];

const expectClean = (result: OpenSshRun) => {
  expect(result.isKilled, `killed while running:\n${result.stderr}`).toBe(false);
  expect(result.code, result.stderr + result.stdout).toBe(0);
};

beforeAll(async () => {
  // This file sends exec, shell and forwarding requests on purpose: the defender (tested in
  // sftp-defender.e2e.test.ts) would ban the test's own address.
  world = await E2eWorld.create({
    externalRedis: false,
    config: { sftp: { defender: { allowList: ['127.0.0.0/8'] } } },
  });
  // What a kill -9 leaves behind: a hidden upload and an atomic write, from an earlier run.
  const old = new Date(Date.now() - 3600_000);
  for (const file of leftovers()) {
    writeFileSync(file, 'half');
    utimesSync(file, old, old);
  }
  await world.gateway.start();
  work = mkdtempSync(path.join(os.tmpdir(), 'pl-openssh-'));
  globexKeyFile = writePrivateKey(work, 'globex_key', world.globexKey);
});

afterAll(async () => {
  await world.dispose();
});

describe('OpenSSH sftp in batch mode', () => {
  it('puts, lists, gets and removes with a key, and exits 0', async () => {
    const local = path.join(work, 'garbage.xml');
    writeFileSync(local, 'not an invoice');
    writeFileSync(path.join(world.homeOf(KEY_SUPPLIER.login), 'out', 'ready.ack.json'), '{"x":1}');
    const fetched = path.join(work, 'ready.ack.json');
    const result = await runSftpBatch(
      world.env.sftpPort,
      KEY_SUPPLIER.login,
      { keyFile: globexKeyFile },
      [
        `put ${local} in/garbage.xml`,
        'ls out/',
        `get out/ready.ack.json ${fetched}`,
        'rm out/ready.ack.json',
        'bye',
      ],
    );
    expectClean(result);
    expect(result.stdout).toContain('ready.ack.json');
    expect(readFileSync(fetched, 'utf8')).toBe('{"x":1}');
    expect(existsSync(path.join(world.homeOf(KEY_SUPPLIER.login), 'out', 'ready.ack.json'))).toBe(
      false,
    );
  });

  it('uploads under a temporary name and renames it, with a password, and exits 0', async () => {
    const local = path.join(work, 'renamed.xml');
    writeFileSync(local, 'still not an invoice');
    const result = await runSftpBatch(
      world.env.sftpPort,
      SUPPLIER.login,
      { password: SUPPLIER.password },
      [
        `put ${local} in/renamed.xml.filepart`,
        'rename in/renamed.xml.filepart in/renamed.xml',
        `put ${local} in/second.xml.part`,
        'rename in/second.xml.part in/second.xml',
        'ls out/',
      ],
    );
    expectClean(result);
    // The pipeline picks the renamed files up and acknowledges them under their final names.
    const acme = await world.supplier();
    try {
      const acks = await acme.waitForAcks(['renamed.xml', 'second.xml']);
      expect(acks.get('renamed.xml')?.fileName).toBe('renamed.xml');
    } finally {
      await acme.end();
    }
  });

  it('gets and removes an entity inbox file with a password, and exits 0', async () => {
    const entity = ENTITIES[1];
    writeFileSync(path.join(world.homeOf(entity.login), 'inbox', 'INV-1.xml'), '<Invoice/>');
    const fetched = path.join(work, 'INV-1.xml');
    const result = await runSftpBatch(
      world.env.sftpPort,
      entity.login,
      { password: entity.password },
      ['ls -l inbox/', `get inbox/INV-1.xml ${fetched}`, 'rm inbox/INV-1.xml', 'ls inbox/'],
    );
    expectClean(result);
    expect(readFileSync(fetched, 'utf8')).toBe('<Invoice/>');
    expect(existsSync(path.join(world.homeOf(entity.login), 'inbox', 'INV-1.xml'))).toBe(false);
  });

  it('stops a batch at a refused command and still exits (non-zero), the session closed', async () => {
    const result = await runSftpBatch(
      world.env.sftpPort,
      SUPPLIER.login,
      { password: SUPPLIER.password },
      ['get in/nothing.xml /dev/null'],
    );
    expect(result.isKilled).toBe(false);
    expect(result.code).toBe(1);
  });
});

describe('leftovers and names', () => {
  it('removed the temporary files of an earlier run at start, and logged them', async () => {
    for (const file of leftovers()) expect(existsSync(file), file).toBe(false);
    await expect
      .poll(() => world.gateway.log)
      .toContain('removed a temporary file left by an earlier run');
  });

  it('refuses a name the file system cannot hold at open, with the reason', async () => {
    const local = path.join(work, 'long.xml');
    writeFileSync(local, 'x');
    const result = await runSftpBatch(
      world.env.sftpPort,
      SUPPLIER.login,
      { password: SUPPLIER.password },
      [`put ${local} in/${'n'.repeat(300)}.xml`],
    );
    expect(result.isKilled).toBe(false);
    expect(result.code).toBe(1);
    // OpenSSH prints only the status code's text ("Failure"); ssh2 clients show the message.
    expect(result.stderr).toContain('Failure');
    const acme = await world.supplier();
    try {
      await expect(acme.put('x', `/in/${'n'.repeat(300)}.xml`)).rejects.toThrow(
        /File name too long/,
      );
      expect(await acme.names('/in')).toEqual([]);
    } finally {
      await acme.end();
    }
  });
});

describe('OpenSSH sftp in interactive mode', () => {
  it('ends on bye with a key and with a password', async () => {
    expectClean(
      await runSftpInteractive(world.env.sftpPort, KEY_SUPPLIER.login, { keyFile: globexKeyFile }, [
        'ls',
        'bye',
      ]),
    );
    expectClean(
      await runSftpInteractive(
        world.env.sftpPort,
        SUPPLIER.login,
        { password: SUPPLIER.password },
        ['ls out', 'quit'],
      ),
    );
  });

  it('ends when the input simply stops (no bye)', async () => {
    expectClean(
      await runSftpInteractive(
        world.env.sftpPort,
        SUPPLIER.login,
        { password: SUPPLIER.password },
        ['ls'],
      ),
    );
  });
});

describe('requests other than SFTP', () => {
  it('refuses exec, shell and other subsystems with a message, and the client exits', async () => {
    const auth = { keyFile: globexKeyFile };
    const exec = await runSsh(world.env.sftpPort, KEY_SUPPLIER.login, auth, ['ls', '/']);
    expect(exec.isKilled).toBe(false);
    expect(exec.code).toBe(1);
    expect(exec.stderr).toContain('only the SFTP subsystem is offered');
    const shell = await runSsh(world.env.sftpPort, KEY_SUPPLIER.login, auth, ['-T']);
    expect(shell.isKilled).toBe(false);
    expect(shell.code).toBe(1);
    expect(shell.stderr).toContain('shell refused');
    const subsystem = await runSsh(world.env.sftpPort, KEY_SUPPLIER.login, auth, ['-s', 'netconf']);
    expect(subsystem.isKilled).toBe(false);
    expect(subsystem.stderr).toContain('subsystem netconf refused');
  });

  it('refuses port forwarding and keeps the connection serving SFTP', async () => {
    const client = new ssh2.Client();
    await new Promise<void>((resolve, reject) => {
      client.once('ready', resolve).once('error', reject);
      client.connect({
        host: '127.0.0.1',
        port: world.env.sftpPort,
        username: SUPPLIER.login,
        password: SUPPLIER.password,
      });
    });
    try {
      const forward = await new Promise<Error | undefined>((resolve) => {
        client.forwardOut('127.0.0.1', 0, '127.0.0.1', 22, (error) => {
          resolve(error);
        });
      });
      expect(forward).toBeInstanceOf(Error);
      const listen = await new Promise<Error | undefined>((resolve) => {
        client.forwardIn('127.0.0.1', 0, (error) => {
          resolve(error);
        });
      });
      expect(listen).toBeInstanceOf(Error);
      const names = await new Promise<string[]>((resolve, reject) => {
        client.sftp((error, sftp) => {
          if (error) {
            reject(error);
            return;
          }
          sftp.readdir('/', (readError, list) => {
            if (readError) reject(readError);
            else resolve(list.map((entry) => entry.filename).sort());
          });
        });
      });
      expect(names).toEqual(['in', 'out']);
    } finally {
      client.end();
    }
  });
});

describe('host key and algorithms', () => {
  const hostKeyPub = () => path.join(world.env.dataDir, 'sftp', 'host_ed25519_key.pub');

  it('prints the fingerprint OpenSSH shows, by command, in the log and at start', async () => {
    const keygen = spawnSync('ssh-keygen', ['-lf', hostKeyPub()], { encoding: 'utf8' });
    const fingerprint = /SHA256:[A-Za-z0-9+/]+/.exec(keygen.stdout)?.[0];
    expect(fingerprint, keygen.stderr).toBeDefined();
    const command = runCli(world.env, ['host-key']);
    expect(command.status).toBe(0);
    expect(command.stdout).toContain(`${fingerprint ?? ''} (ED25519)`);
    await expect.poll(() => world.gateway.log).toContain(fingerprint);
    const verbose = await runSftpBatch(
      world.env.sftpPort,
      KEY_SUPPLIER.login,
      { keyFile: globexKeyFile },
      ['ls'],
      ['-vv', '-o', 'LogLevel=DEBUG2'],
    );
    expectClean(verbose);
    expect(verbose.stderr).toContain(`Server host key: ssh-ed25519 ${fingerprint ?? ''}`);
    // What OpenSSH negotiated by default: nothing with SHA-1 or CBC.
    const negotiated = verbose.stderr
      .split('\n')
      .filter((line) => /kex: (algorithm|server->client|client->server)/.test(line));
    expect(negotiated.length).toBeGreaterThanOrEqual(3);
    for (const line of negotiated) expect(line).not.toMatch(/sha1|cbc|md5/i);
  });

  const base: ssh2.Algorithms = {
    kex: ['curve25519-sha256'],
    cipher: ['aes128-ctr'],
    hmac: ['hmac-sha2-256'],
  };
  const weak: [string, ssh2.Algorithms, RegExp][] = [
    ['CBC ciphers', { ...base, cipher: ['aes128-cbc', '3des-cbc', 'aes256-cbc'] }, /cipher/i],
    ['SHA-1 and MD5 MACs', { ...base, hmac: ['hmac-sha1', 'hmac-md5'] }, /mac/i],
    [
      'SHA-1 key exchanges',
      { ...base, kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1'] },
      /key exchange|kex/i,
    ],
  ];
  it.each(weak)(
    'fails the handshake of an ssh2 client offering only %s',
    async (_what, algorithms, message) => {
      const client = new ssh2.Client();
      const error = await new Promise<Error | undefined>((resolve) => {
        client.once('ready', () => {
          client.end();
          resolve(undefined);
        });
        client.once('error', resolve);
        client.connect({
          host: '127.0.0.1',
          port: world.env.sftpPort,
          username: KEY_SUPPLIER.login,
          privateKey: world.globexKey,
          algorithms,
        });
      });
      expect(error?.message).toMatch(/no matching/i);
      expect(error?.message).toMatch(message);
    },
  );

  it.each([
    ['Ciphers=aes128-cbc'],
    ['Ciphers=3des-cbc'],
    ['MACs=hmac-sha1'],
    ['KexAlgorithms=diffie-hellman-group14-sha1'],
    ['KexAlgorithms=diffie-hellman-group-exchange-sha1'],
  ])('refuses a client that offers only %s', async (option) => {
    // MACs only matter with a non-AEAD cipher.
    const extra = option.startsWith('MACs') ? ['-o', 'Ciphers=aes128-ctr'] : [];
    const result = await runSftpBatch(
      world.env.sftpPort,
      KEY_SUPPLIER.login,
      { keyFile: globexKeyFile },
      ['ls'],
      ['-o', option, ...extra, '-o', 'LogLevel=ERROR'],
    );
    expect(result.isKilled).toBe(false);
    // The same client with its defaults succeeds (above): the algorithm is what failed. The
    // server drops the connection when nothing matches, before OpenSSH reports which list.
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/no matching|Unable to negotiate|Connection closed/);
  });
});
