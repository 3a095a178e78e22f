/**
 * The gateway on a PostgreSQL registry (DATABASE_URL): a batch goes through, PostgreSQL's
 * backend connections are killed (SIGKILL) mid-way, and still every file is acknowledged once,
 * every invoice delivered once, and each account's status files numbered without gap.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eWorld, ENTITIES } from '../support/e2e-world.js';
import { renumber } from '../support/frenchify.js';
import { REPO_ROOT } from '../support/paths.js';
import { PostgresProcess } from '../support/postgres-process.js';
import { waitForQuiet } from '../support/wait-quiet.js';
import { buildZip } from '../support/zip-writer.js';

const VALID = readFileSync(path.join(REPO_ROOT, 'fixtures', 'invoices', 'fr-ubl-valid.xml'));
const ZIPPED = 120;
const SINGLES = 40;
const INVOICES = ZIPPED + SINGLES;

let server: PostgresProcess;
let world: E2eWorld;
let database: string;

beforeAll(async () => {
  server = await PostgresProcess.start();
  const url = await server.createDatabase('e2e');
  database = new URL(url).pathname.slice(1);
  world = await E2eWorld.create({ externalRedis: false, extraEnv: { DATABASE_URL: url } });
  await world.gateway.start();
});

afterAll(async () => {
  if (process.env.E2E_DEBUG) console.error(world.gateway.log.slice(-4000));
  await world.dispose();
  await server.stop();
});

const outOf = (login: string) => readdirSync(path.join(world.homeOf(login), 'out'));
const acks = () => outOf('acme').filter((name) => name.endsWith('.ack.json'));
const statusSeqs = (login: string) =>
  outOf(login)
    .map((name) => /^STATUS_(\d+)_/.exec(name)?.[1])
    .filter((seq): seq is string => seq !== undefined)
    .map(Number)
    .sort((a, b) => a - b);

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the gateway on PostgreSQL', () => {
  it('loses nothing and repeats nothing when the backends are killed mid-batch', async () => {
    const acme = await world.supplier();
    const names = ['pg-batch.zip'];
    try {
      const entries = Array.from({ length: ZIPPED }, (_, index) => ({
        name: `inv-${index}.xml`,
        data: renumber(VALID, `PGZ-${String(index).padStart(4, '0')}`),
      }));
      await acme.put(buildZip(entries), '/in/pg-batch.zip');
      for (let index = 0; index < SINGLES; index += 1) {
        names.push(`pg-single-${index}.xml`);
        await acme.put(
          renumber(VALID, `PGS-${String(index).padStart(4, '0')}`),
          `/in/pg-single-${index}.xml`,
        );
        if (index === SINGLES / 2)
          expect(await server.killBackends(database, 'SIGKILL')).toBeGreaterThan(0);
      }
    } finally {
      await acme.end();
    }
    await waitUntil(() => acks().length >= names.length, 'every acknowledgement');
    for (const name of names) {
      const mine = acks().filter((file) => file.startsWith(`${name}.`));
      expect(mine, name).toHaveLength(1);
      const ack = JSON.parse(
        readFileSync(path.join(world.homeOf('acme'), 'out', mine[0] ?? ''), 'utf8'),
      ) as { state: string };
      expect(ack.state, name).toBe('IN_INTEGRE');
    }
    const entity = ENTITIES[0].login;
    await waitUntil(
      () => statusSeqs('acme').length >= 2 * INVOICES && statusSeqs(entity).length >= 2 * INVOICES,
      'every status file',
    );
    await waitForQuiet(world);
    const inbox = readdirSync(path.join(world.homeOf(entity), 'inbox'));
    expect(inbox.filter((name) => name.endsWith('.meta.json'))).toHaveLength(INVOICES);
    for (const login of ['acme', entity])
      expect(statusSeqs(login), login).toEqual(
        Array.from({ length: 2 * INVOICES }, (_, index) => index + 1),
      );
  });
});
