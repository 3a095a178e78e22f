import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { E2eWorld, ENTITIES } from '../support/e2e-world.js';
import { renumber } from '../support/frenchify.js';
import { runCliAsync } from '../support/gateway-process.js';
import { REPO_ROOT } from '../support/paths.js';
import { REMOTE_LOGIN, RemoteSftpServer } from '../support/remote-sftp-server.js';
import { buildZip } from '../support/zip-writer.js';

const VALID = readFileSync(path.join(REPO_ROOT, 'fixtures', 'invoices', 'fr-ubl-valid.xml'));
const ENTITY = ENTITIES[0].login;
/** Invoices of the batch cut by the server's stop, and those sent while it is down. */
const BATCH = 24;
const WHILE_DOWN = 6;
const TOTAL = BATCH + WHILE_DOWN;

let world: E2eWorld | undefined;
let remote: RemoteSftpServer | undefined;
afterEach(async () => {
  await world?.dispose();
  await remote?.dispose();
  world = undefined;
  remote = undefined;
});

async function waitUntil(
  condition: () => boolean,
  what: string,
  explain: () => string = () => '',
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface InvoiceRow {
  readonly id: string;
  readonly number: string;
  readonly status: string | null;
  readonly push_state: string | null;
}

/** The registry's view of the delivered invoices (read-only, beside the running gateway). */
function invoices(current: E2eWorld): InvoiceRow[] {
  const db = new Database(path.join(current.env.dataDir, 'passerelle.db'), { readonly: true });
  try {
    return db
      .prepare("SELECT id, number, status, push_state FROM invoices WHERE state = 'DELIVERED'")
      .all() as InvoiceRow[];
  } finally {
    db.close();
  }
}

/** Never spawnSync here: the entity's server runs in this process and must keep answering. */
async function cli(current: E2eWorld, args: readonly string[]) {
  const result = await runCliAsync(current.env, args);
  expect(result.status, `${args.join(' ')}: ${result.stderr}${result.stdout}`).toBe(0);
  return result.stdout;
}

const remoteInvoices = (server: RemoteSftpServer) =>
  server.files().filter((name) => name.endsWith('.xml') && !name.startsWith('STATUS_'));
const remoteStatusFiles = (server: RemoteSftpServer) =>
  server.files().filter((name) => name.startsWith('STATUS_'));

async function upload(current: E2eWorld, files: readonly { name: string; data: Buffer }[]) {
  const acme = await current.supplier();
  try {
    for (const file of files) await acme.put(file.data, `/in/${file.name}`);
  } finally {
    await acme.end();
  }
}

describe('push delivery to an entity server', () => {
  it('pushes a batch exactly once through a server that goes down and comes back; a wrong host key is a dead letter, rerouted to inbox/', async () => {
    world = await E2eWorld.create({
      externalRedis: false,
      config: {
        delivery: {
          push: {
            attempts: 200,
            backoffMs: 200,
            maxBackoffMs: 1000,
            concurrency: 8,
            connectionsPerTarget: 4,
          },
        },
      },
    });
    const current = world;
    remote = await RemoteSftpServer.create(path.join(current.root, 'remote'));
    const server = remote;
    const keyFile = path.join(current.root, 'push_ed25519');
    writeFileSync(keyFile, server.clientKey, { mode: 0o600 });
    const pushArgs = (hostKey: string) => [
      'account',
      'push',
      'set',
      ENTITY,
      '--host',
      '127.0.0.1',
      '--port',
      String(server.port),
      '--user',
      REMOTE_LOGIN,
      '--key-file',
      keyFile,
      '--dir',
      '/in',
      '--host-key',
      hostKey,
    ];
    await cli(current, pushArgs(server.fingerprint));
    expect(await cli(current, ['account', 'show', ENTITY])).toContain(
      `push to sftp://${REMOTE_LOGIN}@127.0.0.1:${server.port}/in`,
    );
    expect(await cli(current, ['account', 'push', 'test', ENTITY])).toContain('host key matches');
    await current.gateway.start();

    // A batch (one zip), the server stopped once some of it is there.
    const batch = Array.from({ length: BATCH }, (_, index) => ({
      name: `inv-${index}.xml`,
      data: renumber(VALID, `PUSH-A-${String(index).padStart(3, '0')}`),
    }));
    await upload(current, [{ name: 'push-batch.zip', data: buildZip(batch) }]);
    await waitUntil(() => remoteInvoices(server).length >= 3, 'the first pushed invoices');
    await server.stop();

    // While it is down: ten more are accepted and deposited, not made available.
    await upload(
      current,
      Array.from({ length: WHILE_DOWN }, (_, index) => ({
        name: `push-single-${index}.xml`,
        data: renumber(VALID, `PUSH-B-${String(index).padStart(3, '0')}`),
      })),
    );
    await waitUntil(
      () =>
        invoices(current).filter((row) => row.number.startsWith('PUSH-B-')).length === WHILE_DOWN,
      'the invoices sent while the server is down',
    );
    await waitUntil(
      () =>
        invoices(current)
          .filter((row) => row.number.startsWith('PUSH-B-'))
          .every((row) => row.status === 'DEPOSEE'),
      'DEPOSEE for the invoices sent while the server is down',
    );
    // Made available exactly when the push was confirmed; nothing sent while down is there.
    const whileDown = invoices(current);
    const onRemote = new Set(remoteInvoices(server).map((name) => name.replace(/\.xml$/, '')));
    for (const row of whileDown) {
      const isPushed = row.push_state === 'PUSHED';
      expect(row.status === 'MISE_A_DISPOSITION', row.number).toBe(isPushed);
      if (isPushed) expect(onRemote.has(row.id), row.number).toBe(true);
      if (row.number.startsWith('PUSH-B-')) {
        expect(row.push_state, row.number).toBe('PENDING');
        expect(onRemote.has(row.id), row.number).toBe(false);
      }
    }
    expect(readdirSync(path.join(current.homeOf(ENTITY), 'inbox'))).toEqual([]);

    await server.start();
    await waitUntil(
      () =>
        invoices(current).length === TOTAL &&
        invoices(current).every((row) => row.status === 'MISE_A_DISPOSITION') &&
        remoteStatusFiles(server).length === 2 * TOTAL,
      'every invoice pushed and made available, and its status files pushed',
      () =>
        JSON.stringify({
          invoices: invoices(current).length,
          available: invoices(current).filter((row) => row.status === 'MISE_A_DISPOSITION').length,
          remoteInvoices: remoteInvoices(server).length,
          remoteStatus: remoteStatusFiles(server).length,
          log: current.gateway.log
            .split('\n')
            .filter((line) => /PUSH_|push/.test(line))
            .slice(-5),
        }),
    );
    // Every invoice arrived once: one invoice and one metadata file each, published once,
    // no temporary file left.
    const rows = invoices(current);
    expect(remoteInvoices(server).sort()).toEqual(rows.map((row) => `${row.id}.xml`).sort());
    expect(server.files().filter((name) => name.endsWith('.meta.json'))).toHaveLength(TOTAL);
    // (Names starting with "." are the remote server's own spool of uploads cut by its stop.)
    expect(
      server.files().filter((name) => name.endsWith('.part') && !name.startsWith('.')),
    ).toEqual([]);
    const published = server.publications();
    expect([...published.values()].every((count) => count === 1)).toBe(true);
    expect(published.size).toBe(4 * TOTAL);
    const meta = JSON.parse(
      readFileSync(path.join(server.inDir, `${rows[0]?.id ?? ''}.meta.json`), 'utf8'),
    ) as { invoiceId: string; buyerSiret: string };
    expect(meta).toMatchObject({ invoiceId: rows[0]?.id, buyerSiret: ENTITIES[0].siret });
    expect(readdirSync(path.join(current.homeOf(ENTITY), 'inbox'))).toEqual([]);

    // A server presenting another host key: a dead letter at once, nothing sent.
    await cli(current, pushArgs(`SHA256:${'A'.repeat(43)}`));
    const before = server.files();
    await upload(current, [{ name: 'push-late.xml', data: renumber(VALID, 'PUSH-C-000') }]);
    let failed: { code: string; count: number; letters: { jobId: string; attempts: number }[] }[] =
      [];
    for (let tries = 0; !failed.some((group) => group.code === 'PUSH_HOST_KEY_MISMATCH');) {
      tries += 1;
      if (tries > 120) throw new Error('no PUSH_HOST_KEY_MISMATCH dead letter');
      await new Promise((resolve) => setTimeout(resolve, 250));
      failed = JSON.parse(await cli(current, ['queue', 'failed', '--json'])) as typeof failed;
    }
    const mismatch = failed.find((group) => group.code === 'PUSH_HOST_KEY_MISMATCH');
    expect(mismatch?.letters.every((letter) => letter.attempts === 1)).toBe(true);
    const late = invoices(current).find((row) => row.number === 'PUSH-C-000');
    expect(late).toMatchObject({ status: 'DEPOSEE', push_state: 'PENDING' });
    expect(server.files()).toEqual(before);

    // Rerouted: the invoice lands in the entity's inbox/ and is made available.
    const rerouted = await cli(current, ['queue', 'reroute', '--code', 'PUSH_HOST_KEY_MISMATCH']);
    expect(rerouted).toContain(`invoice ${late?.id ?? ''}\trerouted`);
    const inbox = readdirSync(path.join(current.homeOf(ENTITY), 'inbox')).sort();
    expect(inbox).toEqual([`${late?.id ?? ''}.meta.json`, `${late?.id ?? ''}.xml`]);
    expect(invoices(current).find((row) => row.number === 'PUSH-C-000')).toMatchObject({
      status: 'MISE_A_DISPOSITION',
      push_state: 'REROUTED',
    });
    expect(await cli(current, ['audit', '--account', ENTITY])).toContain('push_rerouted');
    expect(server.files()).toEqual(before);
  });
});
