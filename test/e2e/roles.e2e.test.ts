/**
 * The gateway as several processes: one `--role sftp` process and three `--role worker`
 * processes on one Redis and one PostgreSQL registry (both started by the harness) and one data
 * directory. A worker killed with SIGKILL mid-batch and restarted, the registry's backend
 * connections killed with SIGKILL once, another worker stopped with SIGTERM mid-batch: every
 * file acknowledged once, every invoice delivered once, status files gapless.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eWorld, ENTITIES, SUPPLIER } from '../support/e2e-world.js';
import { renumber } from '../support/frenchify.js';
import { GatewayProcess, runCli } from '../support/gateway-process.js';
import { REPO_ROOT } from '../support/paths.js';
import { PostgresProcess } from '../support/postgres-process.js';
import { waitForQuiet } from '../support/wait-quiet.js';
import { buildZip } from '../support/zip-writer.js';

const VALID = readFileSync(path.join(REPO_ROOT, 'fixtures', 'invoices', 'fr-ubl-valid.xml'));
const ZIPS = 3;
const PER_ZIP = 350;
const SINGLES = 64;
const INVOICES = ZIPS * PER_ZIP + SINGLES;

/**
 * The registry the processes share: a private PostgreSQL (several processes on one SQLite file
 * are covered by test/unit/store/concurrent-writers.test.ts). Assertions read only files.
 */
let postgres: PostgresProcess | undefined;
let database = '';
let registryEnv: Readonly<Record<string, string>> = {};

beforeAll(async () => {
  postgres = await PostgresProcess.start();
  const url = await postgres.createDatabase('roles');
  database = new URL(url).pathname.slice(1);
  registryEnv = { DATABASE_URL: url };
});

let world: E2eWorld | undefined;
let processes: GatewayProcess[] = [];

// One world for the file: the refusals are checked beside the cluster of the first test.
afterAll(async () => {
  await Promise.all(processes.map((process) => process.stop('SIGKILL')));
  processes = [];
  await world?.dispose();
  world = undefined;
  await postgres?.stop();
});

function start(current: E2eWorld, role: 'sftp' | 'worker'): GatewayProcess {
  const process = new GatewayProcess({
    ...current.env,
    role,
    extra: { ...current.env.extra, PASSERELLE_PERIODIC_LEASE_MS: '3000' },
  });
  processes.push(process);
  return process;
}

const count = (dir: string, suffix: string) => {
  try {
    return readdirSync(dir).filter((name) => name.endsWith(suffix)).length;
  } catch {
    return 0;
  }
};

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function uploadBatch(current: E2eWorld): Promise<string[]> {
  const names: string[] = [];
  const acme = await current.supplier();
  try {
    const uploads: Promise<void>[] = [];
    for (let zip = 0; zip < ZIPS; zip += 1) {
      const entries = Array.from({ length: PER_ZIP }, (_, index) => ({
        name: `inv-${index}.xml`,
        data: renumber(VALID, `ROLZ${zip}-${String(index).padStart(4, '0')}`),
      }));
      names.push(`roles-${zip}.zip`);
      uploads.push(acme.put(buildZip(entries), `/in/roles-${zip}.zip`));
    }
    for (let lane = 0; lane < 6; lane += 1) {
      uploads.push(
        (async () => {
          for (let index = lane; index < SINGLES; index += 6)
            await acme.put(renumber(VALID, `ROLS-${index}`), `/in/single-${index}.xml`);
        })(),
      );
    }
    for (let index = 0; index < SINGLES; index += 1) names.push(`single-${index}.xml`);
    await Promise.all(uploads);
  } finally {
    await acme.end();
  }
  return names;
}

function expectExactlyOnce(current: E2eWorld, names: readonly string[]): void {
  const out = readdirSync(path.join(current.homeOf(SUPPLIER.login), 'out'));
  for (const name of names) {
    const acks = out.filter((file) => file.startsWith(`${name}.`) && file.endsWith('.ack.json'));
    expect(acks, name).toHaveLength(1);
    const ack = JSON.parse(
      readFileSync(path.join(current.homeOf(SUPPLIER.login), 'out', acks[0] ?? ''), 'utf8'),
    ) as { state: string };
    expect(ack.state, name).toBe('IN_INTEGRE');
  }
  const inbox = path.join(current.homeOf(ENTITIES[0].login), 'inbox');
  const numbers = readdirSync(inbox)
    .filter((name) => name.endsWith('.meta.json'))
    .map(
      (name) =>
        (JSON.parse(readFileSync(path.join(inbox, name), 'utf8')) as { invoiceNumber: string })
          .invoiceNumber,
    );
  expect(numbers).toHaveLength(INVOICES);
  expect(new Set(numbers).size).toBe(INVOICES);
  for (const login of [SUPPLIER.login, ENTITIES[0].login]) {
    const seqs = readdirSync(path.join(current.homeOf(login), 'out'))
      .map((name) => /^STATUS_(\d+)_/.exec(name)?.[1])
      .filter((seq): seq is string => seq !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    // Two statuses per delivered invoice (DEPOSEE, MISE_A_DISPOSITION) for each account.
    expect(seqs, login).toEqual(Array.from({ length: 2 * INVOICES }, (_, index) => index + 1));
  }
}

describe('roles', () => {
  it('one sftp and three workers: a SIGKILLed and a SIGTERMed worker lose nothing, nothing twice', async () => {
    world = await E2eWorld.create({ externalRedis: true, extraEnv: registryEnv });
    const current = world;
    const sftp = start(current, 'sftp');
    const workers = [0, 1, 2].map(() => start(current, 'worker'));
    await Promise.all([sftp, ...workers].map((process) => process.start()));
    const names = await uploadBatch(current);
    const inbox = path.join(current.homeOf(ENTITIES[0].login), 'inbox');
    await waitUntil(() => count(inbox, '.meta.json') >= 150, 'the first deliveries');
    const [killed, stopped] = workers;
    if (!killed || !stopped) throw new Error('three workers expected');
    await killed.stop('SIGKILL');
    expect(count(inbox, '.meta.json')).toBeLessThan(INVOICES);
    await killed.start();
    // Every registry connection of every process cut at once: pools reconnect, jobs retry.
    expect(await postgres?.killBackends(database, 'SIGKILL')).toBeGreaterThan(0);
    await waitUntil(() => count(inbox, '.meta.json') >= 600, 'more deliveries');
    await stopped.stop('SIGTERM');
    expect(stopped.log).toContain('"msg":"stopped"');
    await waitUntil(
      () => count(path.join(current.homeOf(SUPPLIER.login), 'out'), '.ack.json') >= names.length,
      'every acknowledgement',
    );
    await waitForQuiet(current, 150_000);
    expect(readdirSync(path.join(current.homeOf(SUPPLIER.login), 'in'))).toEqual([]);
    expectExactlyOnce(current, names);
  });

  it('refuses a worker without a shared Redis, and a second claiming process', async () => {
    if (!world) throw new Error('the world of the first test is kept for this one');
    const current = world;
    const alone = new GatewayProcess({ ...current.env, redisUrl: undefined, role: 'worker' });
    await expect(alone.start()).rejects.toThrow(/gateway exited with 2/);
    expect(alone.stderr).toContain('--role worker needs a Redis shared by every process');
    const second = new GatewayProcess({
      ...current.env,
      sftpPort: current.env.sftpPort + 1,
      role: 'sftp',
    });
    await expect(second.start()).rejects.toThrow(/gateway exited with 2/);
    expect(second.stderr).toContain('only one process per data directory may claim uploads');
    const all = new GatewayProcess({ ...current.env, sftpPort: current.env.sftpPort + 1 });
    await expect(all.start()).rejects.toThrow(/gateway exited with 2/);
    // One run file per live process; the CLI finds the cluster's Redis through them.
    const runFiles = readdirSync(path.join(current.env.dataDir, 'run'));
    expect(runFiles.filter((name) => name.startsWith('sftp-'))).toHaveLength(1);
    expect(runFiles.filter((name) => name.startsWith('worker-'))).toHaveLength(2);
    const queues = runCli({ ...current.env, redisUrl: undefined }, ['queue', 'status']);
    expect(queues.status, queues.stderr).toBe(0);
  });
});
