import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LifecycleWorld } from '../lifecycle/lifecycle-world.js';
import { runMain } from './cli-harness.js';

let world: LifecycleWorld;
let config: string;

beforeEach(() => {
  world = new LifecycleWorld();
  config = path.join(path.dirname(world.dir), `config-${path.basename(world.dir)}.json`);
  writeFileSync(config, JSON.stringify({ dataDir: world.dir }));
});
afterEach(() => {
  world.dispose();
  rmSync(config, { force: true });
});

describe('alert, partners and flow commands', () => {
  it('declare, list and remove an expected batch, with usage errors for bad values', async () => {
    const added = await runMain([
      '-c',
      config,
      'alert',
      'expect',
      'acme',
      '--days',
      'mon-fri',
      '--before',
      '02:00',
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(
      'expected batch 1: acme on mon,tue,wed,thu,fri before 02:00 (Europe/Paris)',
    );
    const listed = await runMain(['-c', config, 'alert', 'expected', '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { id: 1, account: 'acme', before: '02:00', timeZone: 'Europe/Paris' },
    ]);
    for (const bad of [
      ['--days', 'someday', '--before', '02:00'],
      ['--days', 'mon', '--before', '2h'],
      ['--days', 'mon', '--before', '02:00', '--tz', 'Mars/Olympus'],
    ])
      expect(
        (await runMain(['-c', config, 'alert', 'expect', 'acme', ...bad])).code,
        bad.join(' '),
      ).toBe(2);
    expect(
      (
        await runMain([
          '-c',
          config,
          'alert',
          'expect',
          'nobody',
          '--days',
          'mon',
          '--before',
          '02:00',
        ])
      ).code,
    ).toBe(1);
    expect((await runMain(['-c', config, 'alert', 'unexpect', '1'])).code).toBe(0);
    expect((await runMain(['-c', config, 'alert', 'unexpect', '1'])).code).toBe(1);
    const alerts = await runMain(['-c', config, 'alert', 'list', '--json']);
    expect(JSON.parse(alerts.stdout)).toEqual([]);
  });

  it('list partners and refuse to close an unknown flow', async () => {
    const partners = await runMain(['-c', config, 'partners', '--json']);
    expect(partners.code, partners.stderr).toBe(0);
    const parsed = JSON.parse(partners.stdout) as { partners: { login: string }[] };
    expect(parsed.partners.map((partner) => partner.login).sort()).toEqual(['acme', 'ministere']);
    const close = await runMain([
      '-c',
      config,
      'flow',
      'close',
      '20260101-0000000000000001',
      '--reason',
      'x',
    ]);
    expect(close.code).toBe(1);
    expect(close.stderr).toContain('no flow 20260101-0000000000000001');
  });
});
