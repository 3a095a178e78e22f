import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changeStatus,
  recordPlatformStatuses,
  writeStatusFeedEntry,
} from '../../../src/lifecycle/index.js';
import { SHARED_SCHEMAS } from '../../support/paths.js';
import { xsdErrors } from '../status/xsd-check.js';
import { LifecycleWorld } from './lifecycle-world.js';

let world: LifecycleWorld;
beforeEach(() => {
  world = new LifecycleWorld();
});
afterEach(() => {
  world.dispose();
});

const outOf = (login: string) => path.join(world.accounts.homeOf(login), 'out');

describe('writeStatusFeedEntry', () => {
  it('writes the platform statuses into the supplier and entity out/, valid and marked written', async () => {
    const id = world.deliver('F-1');
    const feed = recordPlatformStatuses(world, id, () => '2026-11-24T06:01:00.000Z');
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
    expect(world.registry.listUnwrittenFeed(10)).toEqual([]);
  });

  it('rewrites nothing already written, and the same bytes when forced', async () => {
    const id = world.deliver('F-1');
    recordPlatformStatuses(world, id);
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
    world.registry.setStatusFormat('acme', 'cdar');
    const id = world.deliver('F-1');
    recordPlatformStatuses(world, id);
    const result = changeStatus(world, {
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

  it('writes CPP Statut invoice and flow statuses on one sequence, valid against the official XSD', async () => {
    world.registry.setStatusFormat('acme', 'cppstatut');
    const id = world.deliver('F-1');
    const flowId = id.replace(/-0001$/, '');
    for (const row of recordPlatformStatuses(world, id))
      await writeStatusFeedEntry(world, row.account, row.seq);
    expect(world.registry.markAcked(flowId, 'IN_INTEGRE', '2026-11-24T06:02:00.000Z')).toBe(true);
    expect(world.registry.markAcked(flowId, 'IN_INTEGRE', '2026-11-24T06:03:00.000Z')).toBe(false);
    const [flowRow] = world.registry.getFlowStatusFeed(flowId);
    expect(flowRow?.seq).toBe(3);
    await writeStatusFeedEntry(world, 'acme', 3);
    const names = readdirSync(outOf('acme'));
    expect(names).toEqual([
      `STATUS_0000000001_${id}.cppstatut.xml`,
      `STATUS_0000000002_${id}.cppstatut.xml`,
      `STATUS_0000000003_FLUX_${flowId}.cppstatut.xml`,
    ]);
    const official = path.join(SHARED_SCHEMAS, 'chorus-pro', 'CPPStatutPivot_V1_19.xsd');
    for (const name of names) {
      const xml = readFileSync(path.join(outOf('acme'), name), 'utf8');
      expect(xsdErrors(official, xml), name).toEqual([]);
    }
    const flowFile = path.join(outOf('acme'), names[2] ?? '');
    const flowXml = readFileSync(flowFile, 'utf8');
    expect(flowXml).toContain('<IdStatut>90</IdStatut>');
    expect(flowXml).toContain(`<IdFlux>${flowId}</IdFlux>`);
    // Replay (`status feed`): the same bytes again.
    expect(await writeStatusFeedEntry(world, 'acme', 3, true)).toEqual([flowFile]);
    expect(readFileSync(flowFile, 'utf8')).toBe(flowXml);
    // The entity kept its own format and gets no flow status for the supplier's file.
    expect(readdirSync(outOf('ministere')).every((name) => !name.includes('cppstatut'))).toBe(true);
    expect(world.registry.listStatusFeed('ministere', 0).map((row) => row.format)).toEqual([
      'xml',
      'xml',
    ]);
  });

  it('refuses an illegal move with its code and keeps the status', () => {
    const id = world.deliver('F-1');
    recordPlatformStatuses(world, id);
    const result = changeStatus(world, {
      invoiceId: id,
      to: 'COMPLETEE',
      actor: 'entity',
      changedAt: '2026-11-25T08:00:00.000Z',
    });
    expect(result.ok ? undefined : result.issue.code).toBe('STATUS_TRANSITION_ILLEGAL');
    expect(world.registry.getInvoice(id)?.status).toBe('MISE_A_DISPOSITION');
  });

  it('rejects at deposit with 213, told to the supplier only', async () => {
    const id = world.deliver('F-1');
    world.db.prepare(`UPDATE invoices SET state = 'REJECTED', recipient_account = NULL`).run();
    const feed = recordPlatformStatuses(world, id);
    expect(feed.map((row) => row.account)).toEqual(['acme']);
    expect(world.registry.getStatusHistory(id)[0]).toMatchObject({
      status: 'REJETEE',
      reformCode: '213',
      actor: 'platform',
    });
    const [file] = await writeStatusFeedEntry(world, 'acme', 1);
    expect(readFileSync(file ?? '', 'utf8')).toContain('reformCode="213"');
  });
});
