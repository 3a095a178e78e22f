import { readdirSync, readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderStatusCdar } from '../../src/status/index.js';
import { E2eWorld, ENTITIES, SUPPLIER } from '../support/e2e-world.js';
import { frenchify, renumber } from '../support/frenchify.js';
import { runCli } from '../support/gateway-process.js';
import { REPO_ROOT } from '../support/paths.js';
import { codesOf, type SftpPartner } from '../support/sftp-partner.js';
import { waitForQuiet } from '../support/wait-quiet.js';
import { xsdErrors } from '../unit/status/xsd-check.js';

const INVOICES = path.join(REPO_ROOT, 'fixtures', 'invoices');
const VALID = readFileSync(path.join(INVOICES, 'fr-ubl-valid.xml'));
const MINISTERE = ENTITIES[0];

interface StatusAckJson {
  readonly result: {
    readonly status: string;
    readonly accepted: number;
    readonly rejected: number;
  };
  readonly lines: readonly {
    readonly line: number;
    readonly result: string;
    readonly issues: readonly { readonly code: string }[];
  }[];
}

interface StatusFile {
  readonly name: string;
  readonly seq: number;
  readonly invoiceId: string;
  readonly status: string;
  readonly reformCode: string;
  readonly content: string;
}

let world: E2eWorld;
let acme: SftpPartner;
let ministere: SftpPartner;

beforeAll(async () => {
  // A short lock: jobs running when the gateway is killed are re-run soon after the restart.
  world = await E2eWorld.create({
    externalRedis: false,
    extraEnv: { PASSERELLE_LOCK_DURATION_MS: '3000' },
  });
  await world.gateway.start();
  acme = await world.supplier();
  ministere = await world.entity('ministere');
}, 120_000);

afterAll(async () => {
  await acme.end();
  await ministere.end();
  await world.dispose();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Deposits an invoice numbered `number` for the ministry; resolves to its invoice id. */
async function deliver(number: string): Promise<string> {
  const name = `${number}.xml`;
  await acme.put(renumber(VALID, number), `/in/${name}`);
  const ack = (await acme.waitForAcks([name])).get(name);
  expect(ack?.state, JSON.stringify(ack)).toBe('IN_INTEGRE');
  return ack?.invoices[0]?.invoiceId ?? '';
}

/** Drops a status file in a partner's in/ and waits for its line-by-line acknowledgement. */
async function dropStatus(
  partner: SftpPartner,
  name: string,
  content: string,
): Promise<StatusAckJson> {
  await partner.put(content, `/in/${name}`);
  const ack = (await partner.waitForAcks([name])).get(name);
  return ack as unknown as StatusAckJson;
}

function parseStatusFile(name: string, content: string): StatusFile {
  const match = /^STATUS_(\d{10})_(.+?)(?:\.cdar)?\.xml$/.exec(name);
  const status =
    /<Status reformCode="(\d{3})"[^>]*>([A-Z_]+)<\/Status>/.exec(content) ??
    /<ram:ProcessConditionCode>(\d{3})<\/ram:ProcessConditionCode>()/.exec(content);
  return {
    name,
    seq: Number(match?.[1]),
    invoiceId: match?.[2] ?? '',
    reformCode: status?.[1] ?? '',
    status: status?.[2] ?? '',
    content,
  };
}

/** The partner's status files over SFTP, in name (= sequence) order. */
async function pullStatusFiles(partner: SftpPartner): Promise<StatusFile[]> {
  const names = (await partner.names('/out')).filter((name) => name.startsWith('STATUS_'));
  const files: StatusFile[] = [];
  for (const name of names) files.push(parseStatusFile(name, await partner.read(`/out/${name}`)));
  return files;
}

/** Waits until the partner holds `count` status files for the invoice; returns them in order. */
async function waitForStatuses(
  partner: SftpPartner,
  invoiceId: string,
  count: number,
  timeoutMs = 30_000,
): Promise<StatusFile[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = (await pullStatusFiles(partner)).filter((file) => file.invoiceId === invoiceId);
    if (files.length >= count) return files;
    if (Date.now() > deadline)
      throw new Error(
        `${invoiceId}: ${files.length} of ${count} status files (${files.map((f) => f.status).join(', ')})`,
      );
    await sleep(200);
  }
}

function csv(lines: readonly string[]): string {
  return `invoice_id;supplier_siret;invoice_number;status;reason;date\n${lines.join('\n')}\n`;
}

function expectIncreasing(files: readonly StatusFile[]): void {
  const seqs = files.map((file) => file.seq);
  expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  expect(new Set(seqs).size).toBe(seqs.length);
}

describe('the invoice lifecycle over SFTP', () => {
  it('walks a delivered invoice to MISE_EN_PAIEMENT, one status file per step, in order', async () => {
    const invoiceId = await deliver('LC-NOMINAL-1');
    const platform = await waitForStatuses(acme, invoiceId, 2);
    expect(platform.map((file) => file.status)).toEqual(['DEPOSEE', 'MISE_A_DISPOSITION']);
    // The entity is told of the platform's changes too, in its own sequence.
    const entitySide = await waitForStatuses(ministere, invoiceId, 2);
    expect(entitySide.map((file) => file.status)).toEqual(['DEPOSEE', 'MISE_A_DISPOSITION']);
    expect(entitySide[0]?.content).toContain('<AccountId>ministere</AccountId>');

    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<StatusUpdates xmlns="urn:passerelle:status-update:1" version="1.0">',
      `  <Update><InvoiceId>${invoiceId}</InvoiceId><Status>SERVICE_FAIT</Status><Date>2026-11-20</Date></Update>`,
      '</StatusUpdates>',
    ].join('\n');
    const first = await dropStatus(ministere, 'statuts-1.xml', xml);
    expect(first.result.status).toBe('ACCEPTED');
    const second = await dropStatus(
      ministere,
      'statuts-2.csv',
      csv([
        `${invoiceId};;;MANDATEE;;2026-11-21`,
        `;${SUPPLIER.siret};LC-NOMINAL-1;MISE_A_DISPOSITION_COMPTABLE;;2026-11-22`,
        `${invoiceId};;;COMPTABILISEE;;2026-11-23`,
        `${invoiceId};;;MISE_EN_PAIEMENT;;2026-11-24`,
      ]),
    );
    expect(second.result).toMatchObject({ status: 'ACCEPTED', accepted: 4 });

    const files = await waitForStatuses(acme, invoiceId, 7);
    expect(files.map((file) => `${file.status}/${file.reformCode}`)).toEqual([
      'DEPOSEE/200',
      'MISE_A_DISPOSITION/203',
      'SERVICE_FAIT/204',
      'MANDATEE/205',
      'MISE_A_DISPOSITION_COMPTABLE/205',
      'COMPTABILISEE/205',
      'MISE_EN_PAIEMENT/211',
    ]);
    expectIncreasing(files);
    for (const file of files)
      expect(xsdErrors('passerelle-status-1.0.xsd', file.content)).toEqual([]);
    // The entity's own changes are not echoed back to it.
    expect(await waitForStatuses(ministere, invoiceId, 2)).toHaveLength(2);

    const illegal = await dropStatus(
      ministere,
      'statuts-3.csv',
      csv([`${invoiceId};;;SERVICE_FAIT;;2026-11-25`]),
    );
    expect(illegal.result.status).toBe('REJECTED');
    expect(illegal.lines[0]?.issues.map((issue) => issue.code)).toEqual([
      'STATUS_TRANSITION_ILLEGAL',
    ]);
    const history = runCli(world.env, ['status', 'history', invoiceId]);
    expect(history.stdout.trim().split('\n').at(-1)).toContain('MISE_EN_PAIEMENT');
  });

  it('refuses lines naming an invoice delivered to another entity, with a code', async () => {
    const invoiceId = await deliver('LC-OTHER-1');
    const mairie = await world.entity('mairie');
    try {
      const ack = await dropStatus(
        mairie,
        'statuts-mairie.csv',
        csv([`${invoiceId};;;SERVICE_FAIT;;2026-11-20`]),
      );
      expect(ack.lines[0]?.issues.map((issue) => issue.code)).toEqual(['STATUS_INVOICE_NOT_FOUND']);
    } finally {
      await mairie.end();
    }
  });

  it('suspends an invoice and lets the supplier complete it', async () => {
    const invoiceId = await deliver('LC-SUSPEND-1');
    await waitForStatuses(acme, invoiceId, 2);
    const suspended = await dropStatus(
      ministere,
      'suspend-1.csv',
      csv([`${invoiceId};;;SUSPENDUE;Bon de livraison manquant;2026-11-20`]),
    );
    expect(suspended.result.status).toBe('ACCEPTED');
    const completed = await dropStatus(
      acme,
      'complete-1.csv',
      csv([`${invoiceId};;;COMPLETEE;;2026-11-21`]),
    );
    expect(completed.result.status).toBe('ACCEPTED');
    const files = await waitForStatuses(acme, invoiceId, 4);
    expect(files.map((file) => `${file.status}/${file.reformCode}`)).toEqual([
      'DEPOSEE/200',
      'MISE_A_DISPOSITION/203',
      'SUSPENDUE/208',
      'COMPLETEE/209',
    ]);
    expect(files[2]?.content).toContain('Bon de livraison manquant');
    // The entity learns that the supplier completed the invoice.
    const entitySide = await waitForStatuses(ministere, invoiceId, 3);
    expect(entitySide.map((file) => file.status)).toEqual([
      'DEPOSEE',
      'MISE_A_DISPOSITION',
      'COMPLETEE',
    ]);
  });

  it('rejects an invoice at deposit with REJETEE and reform code 213', async () => {
    const name = 'LC-REJECT-1.xml';
    await acme.put(
      readFileSync(path.join(INVOICES, 'fr-ubl-recipient-unknown.xml')),
      `/in/${name}`,
    );
    const ack = (await acme.waitForAcks([name])).get(name);
    expect(ack?.state).toBe('IN_REJETE');
    const invoiceId = ack?.invoices[0]?.invoiceId ?? '';
    const [file] = await waitForStatuses(acme, invoiceId, 1);
    expect(file).toMatchObject({ status: 'REJETEE', reformCode: '213' });
    expect(file?.content).toContain('<ChangedBy actor="platform"/>');
  });

  it('reads a CDAR message in and writes CDAR files out for an account set to cdar', async () => {
    expect(runCli(world.env, ['account', 'set-status-format', 'acme', 'cdar']).status).toBe(0);
    try {
      const invoiceId = await deliver('LC-CDAR-1');
      const cdar = renderStatusCdar({
        accountId: MINISTERE.login,
        sequence: 1,
        invoiceId: 'IGNORED-BY-THE-READER',
        supplier: { siret: SUPPLIER.siret },
        invoiceNumber: 'LC-CDAR-1',
        invoiceIssueDate: '2026-11-02',
        recipient: { siret: MINISTERE.siret },
        status: 'SERVICE_FAIT',
        previousStatus: 'MISE_A_DISPOSITION',
        changedBy: { actor: 'entity' },
        changedAt: '2026-11-21T09:30:00Z',
      });
      const ack = await dropStatus(ministere, 'cdar-in.xml', cdar);
      expect(ack.result.status, JSON.stringify(ack)).toBe('ACCEPTED');
      const files = await waitForStatuses(acme, invoiceId, 3);
      expect(files.map((file) => file.name.endsWith('.cdar.xml'))).toEqual([true, true, true]);
      expect(files.map((file) => file.reformCode)).toEqual(['200', '203', '204']);
      for (const file of files)
        expect(xsdErrors('passerelle-cdar-subset-1.0.xsd', file.content)).toEqual([]);
    } finally {
      expect(runCli(world.env, ['account', 'set-status-format', 'acme', 'xml']).status).toBe(0);
    }
  });

  it('answers an exact resend with the original result, and rejects a reused number', async () => {
    const bytes = renumber(VALID, 'LC-DUP-1');
    await acme.put(bytes, '/in/dup-original.xml');
    const original = (await acme.waitForAcks(['dup-original.xml'])).get('dup-original.xml');
    expect(original?.state).toBe('IN_INTEGRE');
    await acme.put(bytes, '/in/dup-again.xml');
    const again = (await acme.waitForAcks(['dup-again.xml'])).get('dup-again.xml');
    expect(again).toMatchObject({ state: 'IN_INTEGRE', duplicateOf: original?.flowId });
    expect(again && codesOf(again)).toContain('FLOW_DUPLICATE');
    expect(again?.invoices.map((invoice) => invoice.invoiceId)).toEqual([
      original?.invoices[0]?.invoiceId,
    ]);
    const xmlName = (await acme.names('/out')).find(
      (name) => name.startsWith('dup-again.xml.') && name.endsWith('.ack.xml'),
    );
    const xml = await acme.read(`/out/${xmlName ?? ''}`);
    expect(xml).toContain(`<DuplicateOf>${original?.flowId ?? ''}</DuplicateOf>`);
    expect(xsdErrors('passerelle-ack-1.0.xsd', xml)).toEqual([]);

    const changed = Buffer.concat([bytes, Buffer.from('<!-- corrected amount -->\n')]);
    await acme.put(changed, '/in/dup-number.xml');
    const reused = (await acme.waitForAcks(['dup-number.xml'])).get('dup-number.xml');
    expect(reused?.state).toBe('IN_REJETE');
    expect(reused && codesOf(reused)).toContain('INVOICE_NUMBER_DUPLICATE');
    const inbox = await ministere.names('/inbox');
    expect(inbox.filter((name) => name === `${reused?.invoices[0]?.invoiceId ?? ''}.xml`)).toEqual(
      [],
    );
  });

  it('recycles an A_RECYCLER invoice sent again with a corrected recipient', async () => {
    const invoiceId = await deliver('LC-RECYCLE-1');
    await waitForStatuses(acme, invoiceId, 2);
    const returned = await dropStatus(
      ministere,
      'recycle-1.csv',
      csv([`${invoiceId};;;A_RECYCLER;Mauvais destinataire: etablissement public;2026-11-20`]),
    );
    expect(returned.result.status).toBe('ACCEPTED');
    expect((await waitForStatuses(acme, invoiceId, 3))[2]?.status).toBe('A_RECYCLER');

    const corrected = renumber(
      frenchify(VALID, { siret: ENTITIES[3].siret, serviceCode: 'EP-DIR' }),
      'LC-RECYCLE-1',
    );
    await acme.put(corrected, '/in/recycle-again.xml');
    const ack = (await acme.waitForAcks(['recycle-again.xml'])).get('recycle-again.xml');
    expect(ack?.state, JSON.stringify(ack)).toBe('IN_INTEGRE');
    expect(ack?.invoices[0]?.recipientSiret).toBe(ENTITIES[3].siret);
    const recycleId = ack?.invoices[0]?.invoiceId ?? '';
    const files = await waitForStatuses(acme, recycleId, 2);
    expect(files.map((file) => file.status)).toEqual(['DEPOSEE', 'MISE_A_DISPOSITION']);
    expect(files[0]?.content).toContain('<PreviousStatus>A_RECYCLER</PreviousStatus>');
    const etabpub = await world.entity('etabpub');
    try {
      expect(await etabpub.names('/inbox')).toContain(`${recycleId}.xml`);
      expect((await waitForStatuses(etabpub, recycleId, 2)).map((file) => file.status)).toEqual([
        'DEPOSEE',
        'MISE_A_DISPOSITION',
      ]);
    } finally {
      await etabpub.end();
    }
    const history = runCli(world.env, ['status', 'history', recycleId]).stdout.trim().split('\n');
    expect(history.map((line) => line.split('\t')[3])).toEqual([
      'DEPOSEE',
      'MISE_A_DISPOSITION',
      'A_RECYCLER',
      'DEPOSEE',
      'MISE_A_DISPOSITION',
    ]);
  });

  it('lets an operator set a status, list the history and replay a feed from the CLI', async () => {
    const invoiceId = await deliver('LC-OPERATOR-1');
    const [, deposited] = await waitForStatuses(acme, invoiceId, 2);
    const refused = runCli(world.env, ['status', 'set', invoiceId, 'SERVICE_FAIT']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('STATUS_ACTOR_FORBIDDEN');
    const set = runCli(world.env, [
      'status',
      'set',
      invoiceId,
      'SUSPENDUE',
      '--reason',
      'Demande écrite du fournisseur',
    ]);
    expect(set.status, set.stderr).toBe(0);
    const files = await waitForStatuses(acme, invoiceId, 3);
    expect(files[2]?.content).toContain('<ChangedBy actor="operator"/>');
    expect((await waitForStatuses(ministere, invoiceId, 3))[2]?.status).toBe('SUSPENDUE');
    const history = runCli(world.env, ['status', 'history', invoiceId]).stdout;
    expect(history).toContain('SUSPENDUE\t208\toperator');
    const replay = runCli(world.env, [
      'status',
      'feed',
      'acme',
      '--since',
      String((deposited?.seq ?? 1) - 1),
    ]);
    expect(replay.status).toBe(0);
    const listed = replay.stdout.trim().split('\n');
    expect(listed[0]).toContain(deposited?.name ?? '?');
    expect(listed.at(-1)).toContain(files[2]?.name ?? '?');
  });

  it('loses no status file and writes none twice when killed (SIGKILL) right after status changes', async () => {
    const ids = [await deliver('LC-KILL-1'), await deliver('LC-KILL-2')];
    for (const id of ids) await waitForStatuses(acme, id, 2);
    const outDir = path.join(world.homeOf('acme'), 'out');
    const before = new Map(
      readdirSync(outDir)
        .filter((name) => name.startsWith('STATUS_'))
        .map((name) => [name, readFileSync(path.join(outDir, name), 'utf8')]),
    );
    await ministere.put(
      csv(
        ids.flatMap((id) => [`${id};;;SERVICE_FAIT;;2026-11-20`, `${id};;;MANDATEE;;2026-11-21`]),
      ),
      '/in/kill.csv',
    );
    // The acknowledgement is written once the changes are committed: kill at that moment.
    const entityOut = path.join(world.homeOf('ministere'), 'out');
    const deadline = Date.now() + 30_000;
    while (!readdirSync(entityOut).some((name) => name.startsWith('kill.csv.'))) {
      if (Date.now() > deadline) throw new Error('no acknowledgement for kill.csv');
      await sleep(5);
    }
    await ministere.end();
    await acme.end();
    await world.gateway.stop('SIGKILL');
    // Whatever the kill interrupted, also make the last two status changes look as if the
    // crash came between their commit and their files: files gone, rows unwritten.
    const db = new Database(path.join(world.env.dataDir, 'passerelle.db'));
    const lost = db
      .prepare(
        `SELECT file_name FROM status_feed WHERE account = 'acme' AND written = 1
         ORDER BY seq DESC LIMIT 2`,
      )
      .all() as { file_name: string }[];
    const lostContents = new Map<string, string>();
    for (const { file_name: name } of lost) {
      lostContents.set(name, readFileSync(path.join(outDir, name), 'utf8'));
      rmSync(path.join(outDir, name));
    }
    db.prepare(
      `UPDATE status_feed SET written = 0 WHERE account = 'acme' AND file_name IN (${lost.map(() => '?').join(', ')})`,
    ).run(...lost.map((row) => row.file_name));
    db.close();
    expect(lost).toHaveLength(2);
    await world.gateway.start();
    acme = await world.supplier();
    ministere = await world.entity('ministere');
    for (const id of ids) {
      const files = await waitForStatuses(acme, id, 4, 60_000).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${world.gateway.log.slice(-4000)}`);
      });
      expect(files.map((file) => file.status)).toEqual([
        'DEPOSEE',
        'MISE_A_DISPOSITION',
        'SERVICE_FAIT',
        'MANDATEE',
      ]);
    }
    await waitForQuiet(world);
    const after = readdirSync(outDir).filter((name) => name.startsWith('STATUS_'));
    for (const [name, content] of before)
      expect(readFileSync(path.join(outDir, name), 'utf8')).toBe(content);
    for (const [name, content] of lostContents)
      expect(readFileSync(path.join(outDir, name), 'utf8')).toBe(content);
    // One file per sequence number, with no gap: nothing lost, nothing written twice.
    const seqs = after.map((name) => parseStatusFile(name, '').seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
    const replay = runCli(world.env, ['status', 'feed', 'acme', '--since', '0']);
    expect(replay.status).toBe(0);
    expect(
      readdirSync(outDir)
        .filter((name) => name.startsWith('STATUS_'))
        .sort(),
    ).toEqual([...after].sort());
  });
});
