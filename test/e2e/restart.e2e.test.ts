import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { waitForQuiet } from '../support/wait-quiet.js';
import { buildZip } from '../support/zip-writer.js';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { E2eWorld, ENTITIES } from '../support/e2e-world.js';
import { renumber } from '../support/frenchify.js';
import { REPO_ROOT } from '../support/paths.js';

const VALID = readFileSync(path.join(REPO_ROOT, 'fixtures', 'invoices', 'fr-ubl-valid.xml'));
const invoiceBytes = (tag: string, index: number) =>
  renumber(VALID, `${tag}-${String(index).padStart(4, '0')}`);

let world: E2eWorld | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

/** One acknowledgement per dropped file, and one delivered invoice per accepted one: nothing lost, nothing twice. */
function expectExactlyOnce(current: E2eWorld, names: readonly string[]): void {
  const out = readdirSync(path.join(current.homeOf('acme'), 'out'));
  for (const name of names) {
    expect(
      out.filter((file) => file.startsWith(`${name}.`) && file.endsWith('.ack.json')),
      name,
    ).toHaveLength(1);
  }
  const inbox = readdirSync(path.join(current.homeOf(ENTITIES[0].login), 'inbox'));
  expect(inbox.filter((file) => file.endsWith('.meta.json'))).toHaveLength(names.length);
  expect(readdirSync(path.join(current.homeOf('acme'), 'in'))).toEqual([]);
}

/** Whether both accounts hold their two status files per invoice. */
function statusFilesSettled(current: E2eWorld, invoices: number): boolean {
  return ['acme', ENTITIES[0].login].every(
    (login) =>
      readdirSync(path.join(current.homeOf(login), 'out')).filter((name) =>
        name.startsWith('STATUS_'),
      ).length >=
      2 * invoices,
  );
}

/** Acknowledgements (JSON) in acme's out/ so far. */
function ackCount(current: E2eWorld): number {
  return readdirSync(path.join(current.homeOf('acme'), 'out')).filter((name) =>
    name.endsWith('.ack.json'),
  ).length;
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Every accepted invoice delivered once (one metadata file per invoice number) and every
 * account's status files numbered 1..N without a gap or a repeat.
 */
function expectDeliveredOnceAndGapless(current: E2eWorld, invoices: number): void {
  const inbox = path.join(current.homeOf(ENTITIES[0].login), 'inbox');
  const metas = readdirSync(inbox).filter((name) => name.endsWith('.meta.json'));
  const numbers = metas.map(
    (name) =>
      (JSON.parse(readFileSync(path.join(inbox, name), 'utf8')) as { invoiceNumber: string })
        .invoiceNumber,
  );
  expect(metas).toHaveLength(invoices);
  expect(new Set(numbers).size).toBe(invoices);
  for (const login of ['acme', ENTITIES[0].login]) {
    const seqs = readdirSync(path.join(current.homeOf(login), 'out'))
      .map((name) => /^STATUS_(\d+)_/.exec(name)?.[1])
      .filter((seq): seq is string => seq !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    // Two statuses per delivered invoice (DEPOSEE, MISE_A_DISPOSITION) for each account.
    expect(seqs, login).toEqual(Array.from({ length: 2 * invoices }, (_, index) => index + 1));
  }
}

/** Zips of `perZip` invoices and single files, uploaded over several parallel puts. */
async function uploadMixedBatch(
  current: E2eWorld,
  tag: string,
  zips: number,
  perZip: number,
  files: number,
) {
  const names: string[] = [];
  const acme = await current.supplier();
  try {
    const uploads: Promise<void>[] = [];
    for (let zip = 0; zip < zips; zip += 1) {
      const entries = Array.from({ length: perZip }, (_, index) => ({
        name: `inv-${index}.xml`,
        data: invoiceBytes(`${tag}Z${zip}`, index),
      }));
      names.push(`${tag}-batch-${zip}.zip`);
      uploads.push(acme.put(buildZip(entries), `/in/${tag}-batch-${zip}.zip`));
    }
    await Promise.all(uploads);
    for (let start = 0; start < files; start += 16) {
      const lane: Promise<void>[] = [];
      for (let index = start; index < Math.min(files, start + 16); index += 1) {
        names.push(`${tag}-single-${index}.xml`);
        lane.push(acme.put(invoiceBytes(`${tag}S`, index), `/in/${tag}-single-${index}.xml`));
      }
      await Promise.all(lane);
    }
  } finally {
    await acme.end();
  }
  return names;
}

describe('restarts', () => {
  it('finishes a large batch cut by a SIGKILL of the gateway mid-way: exactly once, gapless statuses', async () => {
    world = await E2eWorld.create({ externalRedis: true });
    await world.gateway.start();
    const current = world;
    const names = await uploadMixedBatch(current, 'BIG', 3, 200, 240);
    // Cut while claims, deliveries, acknowledgements and status files are being committed.
    await waitUntil(() => ackCount(current) >= 60, 'the first acknowledgements');
    await current.gateway.stop('SIGKILL');
    const beforeRestart = ackCount(current);
    expect(beforeRestart).toBeLessThan(names.length);
    await current.gateway.start();
    await waitUntil(() => ackCount(current) >= names.length, 'every acknowledgement');
    expect(readdirSync(path.join(current.homeOf('acme'), 'in'))).toEqual([]);
    const out = readdirSync(path.join(current.homeOf('acme'), 'out'));
    for (const name of names) {
      const acks = out.filter((file) => file.startsWith(`${name}.`) && file.endsWith('.ack.json'));
      expect(acks, name).toHaveLength(1);
      const ack = JSON.parse(
        readFileSync(path.join(current.homeOf('acme'), 'out', acks[0] ?? ''), 'utf8'),
      ) as {
        state: string;
      };
      expect(ack.state, name).toBe('IN_INTEGRE');
    }
    await waitUntil(() => statusFilesSettled(current, 3 * 200 + 240), 'every status file');
    await waitForQuiet(current);
    expectDeliveredOnceAndGapless(current, 3 * 200 + 240);
  });

  it('finishes a large batch when Redis is killed (SIGKILL) mid-way and comes back', async () => {
    world = await E2eWorld.create({ externalRedis: true });
    await world.gateway.start();
    const current = world;
    const names = await uploadMixedBatch(current, 'RDS', 2, 200, 120);
    await waitUntil(() => ackCount(current) >= 20, 'the first acknowledgements');
    await current.redis?.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await current.redis?.restart();
    await waitUntil(() => ackCount(current) >= names.length, 'every acknowledgement');
    await waitUntil(() => statusFilesSettled(current, 2 * 200 + 120), 'every status file');
    await waitForQuiet(current);
    expectDeliveredOnceAndGapless(current, 2 * 200 + 120);
    expect(ackCount(current)).toBe(names.length);
  });

  it('picks up, exactly once, files that were waiting in in/ at start-up', async () => {
    world = await E2eWorld.create({ externalRedis: true });
    const names = Array.from({ length: 8 }, (_, index) => `waiting-${index}.xml`);
    names.forEach((name, index) => {
      writeFileSync(
        path.join(world?.homeOf('acme') ?? '', 'in', name),
        invoiceBytes('WAIT', index),
      );
    });
    await world.gateway.start();
    const acme = await world.supplier();
    try {
      const acks = await acme.waitForAcks(names);
      for (const ack of acks.values()) expect(ack.state).toBe('IN_INTEGRE');
    } finally {
      await acme.end();
    }
    await world.gateway.stop();
    await world.gateway.start();
    await waitForQuiet(world);
    expectExactlyOnce(world, names);
  });

  it('accepts uploads while Redis is down (SIGKILL) and loses none once it is back', async () => {
    world = await E2eWorld.create({ externalRedis: true });
    await world.gateway.start();
    const names = Array.from({ length: 40 }, (_, index) => `redis-${index}.xml`);
    const acme = await world.supplier();
    try {
      for (const [index, name] of names.entries()) {
        await acme.put(invoiceBytes('REDIS', index), `/in/${name}`);
        if (index === 12) await world.redis?.stop('SIGKILL');
        if (index === 26) await world.redis?.restart();
      }
      const acks = await acme.waitForAcks(names, 150_000);
      for (const ack of acks.values()) expect(ack.state).toBe('IN_INTEGRE');
    } finally {
      await acme.end();
    }
    expectExactlyOnce(world, names);
  });
});
