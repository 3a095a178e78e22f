/**
 * Chorus Pro partners plug in unchanged (issue 13): a supplier configured for CPP Statut
 * receives flow and invoice statuses valid against AIFE's official XSD, an entity sends its
 * statuses as CPP Statut files, and acknowledgements say what to fix, in French, with values,
 * every problem at once, a batch's errors grouped. Real gateway, real SFTP, real redis.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCppInvoiceStatus } from '../../src/status/index.js';
import { E2eWorld, ENTITIES, SUPPLIER } from '../support/e2e-world.js';
import { FRENCH_IBAN, renumber } from '../support/frenchify.js';
import { buildZip } from '../support/zip-writer.js';
import { runCli } from '../support/gateway-process.js';
import { REPO_ROOT, SHARED_SCHEMAS } from '../support/paths.js';
import type { SftpPartner } from '../support/sftp-partner.js';
import { xsdErrors } from '../unit/status/xsd-check.js';

const INVOICES = path.join(REPO_ROOT, 'fixtures', 'invoices');
const VALID = readFileSync(path.join(INVOICES, 'fr-ubl-valid.xml'));
const TOTALS_WRONG = readFileSync(path.join(INVOICES, 'fr-ubl-totals-wrong.xml'));
const OFFICIAL = path.join(SHARED_SCHEMAS, 'chorus-pro', 'CPPStatutPivot_V1_19.xsd');
const MINISTERE = ENTITIES[0];

let world: E2eWorld;
let acme: SftpPartner;
let ministere: SftpPartner;

beforeAll(async () => {
  world = await E2eWorld.create({ externalRedis: false });
  for (const login of [SUPPLIER.login, MINISTERE.login]) {
    const set = runCli(world.env, ['account', 'set-status-format', login, 'cppstatut']);
    expect(set.status, set.stderr).toBe(0);
  }
  await world.gateway.start();
  acme = await world.supplier();
  ministere = await world.entity(MINISTERE.login);
}, 120_000);

afterAll(async () => {
  await acme.end();
  await ministere.end();
  await world.dispose();
});

/** Waits until the partner's out/ holds CPP Statut files matching every pattern; returns them by name. */
async function waitForCpp(
  partner: SftpPartner,
  patterns: readonly RegExp[],
): Promise<Map<string, string>> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const names = (await partner.names('/out')).filter((name) => name.endsWith('.cppstatut.xml'));
    if (patterns.every((pattern) => names.some((name) => pattern.test(name)))) {
      const files = new Map<string, string>();
      for (const name of names.sort()) files.set(name, await partner.read(`/out/${name}`));
      return files;
    }
    if (Date.now() > deadline) throw new Error(`CPP Statut files missing: ${names.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const codeOf = (xml: string) => /<IdStatut>(\d+)<\/IdStatut>/.exec(xml)?.[1];

describe('CPP Statut over SFTP', () => {
  it('gives a CPP Statut supplier XSD-valid flow and invoice statuses, and takes entity statuses', async () => {
    await acme.put(renumber(VALID, 'CPP-1'), '/in/cpp-1.xml');
    await acme.put(TOTALS_WRONG, '/in/cpp-bad.xml');
    const acks = await acme.waitForAcks(['cpp-1.xml', 'cpp-bad.xml']);
    const good = acks.get('cpp-1.xml');
    const bad = acks.get('cpp-bad.xml');
    expect(good?.state).toBe('IN_INTEGRE');
    expect(bad?.state).toBe('IN_REJETE');
    const invoiceId = good?.invoices[0]?.invoiceId ?? '';
    const goodFlow = good?.flowId ?? '';
    const badFlow = bad?.flowId ?? '';

    const files = await waitForCpp(acme, [
      new RegExp(`_FLUX_${goodFlow}\\.`),
      new RegExp(`_FLUX_${badFlow}\\.`),
      new RegExp(`_${invoiceId}\\.cppstatut\\.xml$`),
    ]);
    for (const [name, xml] of files) expect(xsdErrors(OFFICIAL, xml), name).toEqual([]);
    const flowOf = (flowId: string) =>
      [...files].find(([name]) => name.includes(`_FLUX_${flowId}.`))?.[1] ?? '';
    expect(codeOf(flowOf(goodFlow))).toBe('90');
    const rejected = flowOf(badFlow);
    expect(codeOf(rejected)).toBe('93');
    expect(rejected).toContain('<NatureErreur>Bloquante</NatureErreur>');
    expect(rejected).toContain('<CodeErreur>BR-CO-');
    const invoiceCodes = [...files]
      .filter(([name]) => name.includes(`_${invoiceId}.`))
      .map(([, xml]) => codeOf(xml));
    expect(invoiceCodes).toEqual(['01', '03']);
    // One sequence for both kinds: the names are numbered 1, 2, 3… without gaps or repeats.
    const seqs = [...files.keys()].map((name) => Number(name.slice(7, 17)));
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));

    // The entity answers in CPP Statut: service fait, naming the invoice by SIRET and number.
    const answer = renderCppInvoiceStatus({
      accountId: MINISTERE.login,
      sequence: 1,
      invoiceId: 'ENTITY-SIDE',
      supplier: { siret: SUPPLIER.siret },
      invoiceNumber: 'CPP-1',
      recipient: { siret: MINISTERE.siret },
      status: 'SERVICE_FAIT',
      previousStatus: null,
      changedBy: { actor: 'entity' },
      changedAt: '2026-11-25T10:00:00+01:00',
    });
    await ministere.put(answer, '/in/statut-cpp.xml');
    const entityAck = (await ministere.waitForAcks(['statut-cpp.xml'])).get('statut-cpp.xml') as
      { result?: { status?: string } } | undefined;
    expect(entityAck?.result?.status, JSON.stringify(entityAck)).toBe('ACCEPTED');
    const after = await waitForCpp(acme, [new RegExp(`_${invoiceId}\\.cppstatut\\.xml$`)]);
    const deadline = Date.now() + 30_000;
    let latest = after;
    while (
      [...latest].filter(([name]) => name.includes(`_${invoiceId}.`)).length < 3 &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      latest = await waitForCpp(acme, []);
    }
    const serviceFait = [...latest].filter(([name]) => name.includes(`_${invoiceId}.`)).at(-1);
    expect(codeOf(serviceFait?.[1] ?? '')).toBe('07');
    expect(xsdErrors(OFFICIAL, serviceFait?.[1] ?? '')).toEqual([]);
    // The entity, CPP Statut too, gets a flow status for the file it dropped.
    const entityFiles = await waitForCpp(ministere, [/_FLUX_/]);
    for (const [name, xml] of entityFiles) expect(xsdErrors(OFFICIAL, xml), name).toEqual([]);

    // Replay: `status feed` rewrites the files with the same bytes.
    const replay = runCli(world.env, ['status', 'feed', SUPPLIER.login, '--since', '0']);
    expect(replay.status, replay.stderr).toBe(0);
    const again = await waitForCpp(acme, []);
    for (const [name, xml] of latest) expect(again.get(name), name).toBe(xml);
  });
});

describe('acknowledgements that say what to fix', () => {
  it('reports every problem at once, in French, with the cause of a spaced IBAN', async () => {
    const xml = renumber(VALID, 'ACK-FR-1')
      .toString('utf8')
      .replaceAll(MINISTERE.siret, '99999999999999')
      .replace(FRENCH_IBAN, 'FR76 3000 6000 0112 3456 7890 189');
    await acme.put(xml, '/in/ack-fr-1.xml');
    const ack = (await acme.waitForAcks(['ack-fr-1.xml'])).get('ack-fr-1.xml');
    const issues = ack?.invoices[0]?.issues ?? [];
    expect(issues.map((issue) => issue.code)).toEqual(
      expect.arrayContaining(['FR_RULE', 'ROUTE_RECIPIENT_UNKNOWN']),
    );
    const iban = issues.find((issue) => issue.rule === 'FR-B2G-06');
    expect(iban?.message).toMatch(/^Une règle française .* Détail : .*contains spaces/);
    const routing = issues.find((issue) => issue.code === 'ROUTE_RECIPIENT_UNKNOWN');
    expect(routing?.message).toContain('n’est pas une entité publique de l’annuaire');
    expect(ack?.ruleSets?.map((set) => `${set.id} ${set.version}`)).toContain('en16931 1.3.16');
  });

  it('groups a batch: the error of 3 invoices once, with their numbers and the amounts', async () => {
    const wrong = (number: string) =>
      renumber(VALID, number)
        .toString('utf8')
        .replace(
          '<cbc:PayableAmount currencyID="EUR">1200.00</cbc:PayableAmount>',
          '<cbc:PayableAmount currencyID="EUR">1300.00</cbc:PayableAmount>',
        );
    const zip = buildZip(
      ['LOT-1', 'LOT-2', 'LOT-3'].map((number) => ({
        name: `${number}.xml`,
        data: Buffer.from(wrong(number)),
      })),
    );
    await acme.put(zip, '/in/lot-errors.zip');
    const ack = (await acme.waitForAcks(['lot-errors.zip'])).get('lot-errors.zip');
    expect(ack?.state).toBe('IN_REJETE');
    const [first] = ack?.errorSummary ?? [];
    expect(first?.rule).toBe('BR-CO-16');
    expect(first?.invoices).toBe(3);
    expect([...(first?.numbers ?? [])].sort()).toEqual(['LOT-1', 'LOT-2', 'LOT-3']);
    expect(first?.message).toContain('BT-115 = 1300.00 ≠ BT-112 − BT-113 + BT-114');
    expect(first?.message).toMatch(/^Une règle de gestion EN 16931/);
  });
});
