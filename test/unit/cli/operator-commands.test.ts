import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeStatus } from '../../../src/lifecycle/index.js';
import { ENTITY_SIRET, LifecycleWorld, SUPPLIER_SIRET } from '../lifecycle/lifecycle-world.js';
import { runMain } from './cli-harness.js';

let world: LifecycleWorld;
let configFile: string;

/** DEPOSEE by the platform, then MISE_A_DISPOSITION by operator alice. */
async function advance(invoiceId: string): Promise<void> {
  await world.registry.recordStatusChange({
    invoiceId,
    from: null,
    to: 'DEPOSEE',
    reformCode: '200',
    actor: 'platform',
    changedAt: '2026-11-24T06:01:00.000Z',
    notify: ['acme', 'ministere'],
  });
  const changed = await changeStatus(world, {
    invoiceId,
    to: 'MISE_A_DISPOSITION',
    actor: 'operator',
    actorAccount: 'alice',
    changedAt: '2026-11-24T07:00:00.000Z',
  });
  expect(changed.ok).toBe(true);
}

function writeConfig(dataDir: string): string {
  const file = path.join(path.dirname(dataDir), `config-${path.basename(dataDir)}.json`);
  writeFileSync(file, JSON.stringify({ dataDir }));
  return file;
}

beforeEach(async () => {
  world = await LifecycleWorld.create();
  configFile = writeConfig(world.dir);
});
afterEach(async () => {
  await world.dispose();
  rmSync(configFile, { force: true });
});

describe('reading commands without data', () => {
  it('say where they looked, exit 1, and create nothing', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pl-unit-nodata-'));
    const dataDir = path.join(root, 'data');
    const config = writeConfig(dataDir);
    try {
      for (const args of [
        ['flows'],
        ['invoice', 'show', 'FA-1'],
        ['directory', 'list'],
        ['status', 'history', 'FA-1'],
      ]) {
        const result = await runMain(['-c', config, ...args]);
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.stderr).toContain(`no gateway data in ${dataDir}`);
        expect(result.stderr).toContain(config);
      }
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('usage errors', () => {
  it('reject a bad option value with exit 2 and no stack trace', async () => {
    for (const args of [
      ['flows', '--limit', 'abc'],
      ['flows', '--limit', '0'],
      ['directory', 'list', '--limit', '-3'],
      ['directory', 'show', '123'],
      ['invoice', 'show', 'FA-1', '--supplier', 'acme'],
      ['status', 'feed', 'acme', '--since', 'x'],
    ]) {
      const result = await runMain(['-c', configFile, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('is invalid');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('prints the version', async () => {
    const result = await runMain(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('passerelle flows', () => {
  it('lists flows, newest first, as text and as JSON', async () => {
    await world.deliver('FA-1');
    await world.deliver('FA-2');
    const text = await runMain(['-c', configFile, 'flows', '--limit', '1']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('flows: 0 received, 2 processing, 0 acknowledged');
    expect(text.stdout).toContain('FA-2.xml');
    expect(text.stdout).not.toContain('FA-1.xml');
    const json = await runMain(['-c', configFile, 'flows', '--json']);
    const parsed = JSON.parse(json.stdout) as { flows: { fileName: string }[] };
    expect(parsed.flows.map((flow) => flow.fileName)).toEqual(['FA-2.xml', 'FA-1.xml']);
    const found = await runMain(['-c', configFile, 'flows', '--search', 'FA-1', '--json']);
    expect(
      (JSON.parse(found.stdout) as { flows: { fileName: string }[] }).flows.map(
        (flow) => flow.fileName,
      ),
    ).toEqual(['FA-1.xml']);
    const bySiret = await runMain(['-c', configFile, 'flows', '--search', ENTITY_SIRET]);
    expect(bySiret.stdout).toContain('FA-1.xml');
    const acked = await runMain(['-c', configFile, 'flows', '--state', 'ACKED']);
    expect(acked.stdout).not.toContain('FA-1.xml');
    const badState = await runMain(['-c', configFile, 'flows', '--state', 'DONE']);
    expect(badState.code).toBe(2);
  });
});

describe('passerelle invoice show', () => {
  it('finds an invoice by number and by id, with its flow, recipient and history', async () => {
    const id = await world.deliver('FA-2026-000123');
    await advance(id);
    const byNumber = await runMain(['-c', configFile, 'invoice', 'show', 'FA-2026-000123']);
    expect(byNumber.code).toBe(0);
    expect(byNumber.stdout).toContain(`invoice ${id}`);
    expect(byNumber.stdout).toContain(`ministere (SIRET ${ENTITY_SIRET}, Ministère)`);
    expect(byNumber.stdout).toContain('MISE_A_DISPOSITION');
    expect(byNumber.stdout).toContain('operator:alice');
    expect(byNumber.stdout).toMatch(/acme\tseq 1\txml\tSTATUS_0000000001_/);
    const byId = await runMain(['-c', configFile, 'invoice', 'show', id, '--json']);
    const [view] = JSON.parse(byId.stdout) as {
      invoice: { id: string; keys: { number: string } };
      flow: { account: string };
      supplierSiret: string;
      history: { status: string }[];
    }[];
    expect(view?.invoice.keys.number).toBe('FA-2026-000123');
    expect(view?.supplierSiret).toBe(SUPPLIER_SIRET);
    expect(view?.history.map((entry) => entry.status)).toContain('MISE_A_DISPOSITION');
  });

  it('narrows by supplier SIRET and says when nothing matches', async () => {
    await world.deliver('FA-9');
    const ok = await runMain([
      '-c',
      configFile,
      'invoice',
      'show',
      'FA-9',
      '--supplier',
      SUPPLIER_SIRET,
    ]);
    expect(ok.code).toBe(0);
    const other = await runMain([
      '-c',
      configFile,
      'invoice',
      'show',
      'FA-9',
      '--supplier',
      '99999999999999',
    ]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(
      'no invoice with id or number FA-9 from supplier 99999999999999',
    );
  });

  it('shows the history by invoice number too', async () => {
    const id = await world.deliver('FA-7');
    await advance(id);
    const result = await runMain(['-c', configFile, 'status', 'history', 'FA-7', '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { status: string }[]).at(-1)?.status).toBe(
      'MISE_A_DISPOSITION',
    );
  });
});

describe('passerelle directory list|show', () => {
  it('lists entities with their account and shows one', async () => {
    const list = await runMain(['-c', configFile, 'directory', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([
      { siret: ENTITY_SIRET, name: 'Ministère', isActive: true, services: 0, account: 'ministere' },
    ]);
    const search = await runMain(['-c', configFile, 'directory', 'list', '--search', 'nothing']);
    expect(search.stdout).toContain('no public entity found');
    const show = await runMain(['-c', configFile, 'directory', 'show', ENTITY_SIRET]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('account     ministere');
    const missing = await runMain(['-c', configFile, 'directory', 'show', '99999999999999']);
    expect(missing.code).toBe(1);
  });
});

describe('queue commands against a stopped gateway', () => {
  it('fail fast with a clear message, with or without a stale run file', async () => {
    const none = await runMain(['-c', configFile, 'queue', 'status']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('the gateway is not running');
    mkdirSync(path.join(world.dir, 'run'), { recursive: true });
    writeFileSync(
      path.join(world.dir, 'run', 'gateway.json'),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        redis: { socketPath: path.join(world.dir, 'gone.sock') },
      }),
    );
    const stale = await runMain(['-c', configFile, 'queue', 'failed']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('which is gone');
    writeFileSync(
      path.join(world.dir, 'run', 'gateway.json'),
      JSON.stringify({
        pid: process.pid,
        redis: { socketPath: path.join(world.dir, 'gone.sock') },
      }),
    );
    const noRedis = await runMain(['-c', configFile, 'queue', 'status']);
    expect(noRedis.code).toBe(1);
    expect(noRedis.stderr).toContain('does not answer');
    expect(noRedis.stderr).not.toMatch(/\n\s+at /);
  });
});
