import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('restarts', () => {
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
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expectExactlyOnce(world, names);
  });

  it('loses nothing and writes nothing twice when the gateway is killed (SIGKILL) mid-flow', async () => {
    world = await E2eWorld.create({ externalRedis: true });
    await world.gateway.start();
    const names = Array.from({ length: 60 }, (_, index) => `kill-${index}.xml`);
    const acme = await world.supplier();
    for (const [index, name] of names.entries())
      await acme.put(invoiceBytes('KILL', index), `/in/${name}`);
    await acme.end();
    await world.gateway.stop('SIGKILL');
    await world.gateway.start();
    const again = await world.supplier();
    try {
      const acks = await again.waitForAcks(names, 150_000);
      for (const ack of acks.values()) expect(ack.state).toBe('IN_INTEGRE');
    } finally {
      await again.end();
    }
    expectExactlyOnce(world, names);
  });

  it('loses nothing when Redis crashes (SIGKILL) and comes back mid-flow', async () => {
    world = await E2eWorld.create({ externalRedis: true });
    await world.gateway.start();
    const names = Array.from({ length: 60 }, (_, index) => `redis-${index}.xml`);
    const acme = await world.supplier();
    try {
      for (const [index, name] of names.entries()) {
        await acme.put(invoiceBytes('REDIS', index), `/in/${name}`);
        if (index === 20) await world.redis?.stop('SIGKILL');
        if (index === 40) await world.redis?.restart();
      }
      const acks = await acme.waitForAcks(names, 150_000);
      for (const ack of acks.values()) expect(ack.state).toBe('IN_INTEGRE');
    } finally {
      await acme.end();
    }
    expectExactlyOnce(world, names);
  });
});
