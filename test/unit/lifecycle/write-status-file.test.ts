import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changeStatus,
  recordPlatformStatuses,
  writeStatusFeedEntry,
} from '../../../src/lifecycle/index.js';
import { xsdErrors } from '../status/xsd-check.js';
import { LifecycleWorld } from './lifecycle-world.js';

let world: LifecycleWorld;
beforeEach(async () => {
  world = await LifecycleWorld.create();
});
afterEach(async () => {
  await world.dispose();
});

const outOf = (login: string) => path.join(world.accounts.homeOf(login), 'out');

describe('writeStatusFeedEntry', () => {
  it('writes the platform statuses into the supplier and entity out/, valid and marked written', async () => {
    const id = await world.deliver('F-1');
    const feed = await recordPlatformStatuses(world, id, () => '2026-11-24T06:01:00.000Z');
    expect(feed.map((row) => `${row.account}:${row.seq}`)).toEqual([
      'acme:1',
      'ministere:1',
      'acme:2',
      'ministere:2',
    ]);
    for (const row of feed) await writeStatusFeedEntry(world, row.account, row.seq);
    expect(readdirSync(outOf('acme'))).toEqual([
      `STATUS_0000000001_${id}.xml`,
      `STATUS_0000000002_${id}.xml`,
    ]);
    const xml = readFileSync(path.join(outOf('acme'), `STATUS_0000000002_${id}.xml`), 'utf8');
    expect(xml).toContain('<Status reformCode="203" reformLabel="Mise à disposition">');
    expect(xml).toContain('<PreviousStatus>DEPOSEE</PreviousStatus>');
    expect(xsdErrors('passerelle-status-1.0.xsd', xml)).toEqual([]);
    expect(await world.registry.listUnwrittenFeed(10)).toEqual([]);
  });

  it('rewrites nothing already written, and the same bytes when forced', async () => {
    const id = await world.deliver('F-1');
    await recordPlatformStatuses(world, id);
    await writeStatusFeedEntry(world, 'acme', 1);
    const file = path.join(outOf('acme'), `STATUS_0000000001_${id}.xml`);
    const before = readFileSync(file, 'utf8');
    const mtime = statSync(file).mtimeMs;
    expect(await writeStatusFeedEntry(world, 'acme', 1)).toEqual([]);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(await writeStatusFeedEntry(world, 'acme', 1, true)).toEqual([file]);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('writes CDAR for an account that asked for it, valid against the subset schema', async () => {
    await world.registry.setStatusFormat('acme', 'cdar');
    const id = await world.deliver('F-1');
    await recordPlatformStatuses(world, id);
    const result = await changeStatus(world, {
      invoiceId: id,
      to: 'REJETEE',
      actor: 'entity',
      reason: 'Pas de commande',
      changedAt: '2026-11-25T08:00:00.000Z',
    });
    expect(result.ok).toBe(true);
    const [file] = await writeStatusFeedEntry(world, 'acme', 3);
    expect(path.basename(file ?? '')).toBe(`STATUS_0000000003_${id}.cdar.xml`);
    const cdar = readFileSync(file ?? '', 'utf8');
    expect(cdar).toContain('<ram:ProcessConditionCode>210</ram:ProcessConditionCode>');
    expect(xsdErrors('passerelle-cdar-subset-1.0.xsd', cdar)).toEqual([]);
  });

  it('refuses an illegal move with its code and keeps the status', async () => {
    const id = await world.deliver('F-1');
    await recordPlatformStatuses(world, id);
    const result = await changeStatus(world, {
      invoiceId: id,
      to: 'COMPLETEE',
      actor: 'entity',
      changedAt: '2026-11-25T08:00:00.000Z',
    });
    expect(result.ok ? undefined : result.issue.code).toBe('STATUS_TRANSITION_ILLEGAL');
    expect((await world.registry.getInvoice(id))?.status).toBe('MISE_A_DISPOSITION');
  });

  it('rejects at deposit with 213, told to the supplier only', async () => {
    const id = await world.deliver('F-1');
    await world.db.run(`UPDATE invoices SET state = 'REJECTED', recipient_account = NULL`);
    const feed = await recordPlatformStatuses(world, id);
    expect(feed.map((row) => row.account)).toEqual(['acme']);
    expect((await world.registry.getStatusHistory(id))[0]).toMatchObject({
      status: 'REJETEE',
      reformCode: '213',
      actor: 'platform',
    });
    const [file] = await writeStatusFeedEntry(world, 'acme', 1);
    expect(readFileSync(file ?? '', 'utf8')).toContain('reformCode="213"');
  });
});
