import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eWorld, ENTITIES } from '../support/e2e-world.js';
import { buildHybridPdf, buildXmp } from '../support/facturx-pdf.js';
import { renumber } from '../support/frenchify.js';
import { frenchifyFacturX } from '../support/frenchify-facturx.js';
import { grantSellersOf } from '../support/grant-sellers.js';
import { listSamples, REPO_ROOT } from '../support/paths.js';
import { codesOf, type SftpPartner } from '../support/sftp-partner.js';
import { buildTarGz } from '../support/tar-gz-writer.js';
import { buildZip, deflatedZeros } from '../support/zip-writer.js';

const FIXTURES = path.join(REPO_ROOT, 'fixtures', 'invoices');
const UBL = readFileSync(path.join(FIXTURES, 'fr-ubl-valid.xml'));
const CII = readFileSync(path.join(FIXTURES, 'fr-cii-valid.xml'));
const MINISTERE = ENTITIES[0];

let world: E2eWorld;
let acme: SftpPartner;

beforeAll(async () => {
  // The batches reuse the numbers of single samples: the duplicate checks are tested in
  // lifecycle.e2e.test.ts.
  world = await E2eWorld.create({
    externalRedis: false,
    extraEnv: { PASSERELLE_DUPLICATE_CHECKS: 'false' },
  });
  await world.gateway.start();
  acme = await world.supplier();
});

afterAll(async () => {
  await acme.end();
  await world.dispose();
});

describe('Factur-X', () => {
  const samples = listSamples('factur-x');

  it('extracts every shared sample, validates it for its profile and delivers the original PDF (MINIMUM refused)', async () => {
    const uploads = new Map<string, Uint8Array>();
    for (const file of samples) {
      const name = `fx-${path.basename(file)}`;
      const pdf = await frenchifyFacturX(readFileSync(file), {
        siret: MINISTERE.siret,
        serviceCode: 'SERV-COMPTA',
      });
      uploads.set(name, pdf);
    }
    // The samples are in their real sellers' names: acme deposits for them by mandate.
    grantSellersOf(world, 'acme', uploads);
    for (const [name, pdf] of uploads) await acme.put(Buffer.from(pdf), `/in/${name}`);
    const acks = await acme.waitForAcks([...uploads.keys()]);
    const entity = await world.entity('ministere');
    try {
      for (const [name, pdf] of uploads) {
        const ack = acks.get(name);
        expect(ack?.syntax).toBe('factur-x');
        if (name.includes('MINIMUM')) {
          expect(ack?.state).toBe('IN_REJETE');
          expect(ack && codesOf(ack)).toContain('FACTURX_PROFILE_REFUSED');
          continue;
        }
        expect(ack?.state, `${name}: ${JSON.stringify(ack?.invoices)}`).toBe('IN_INTEGRE');
        if (name.includes('BASICWL'))
          expect(ack && codesOf(ack)).toEqual(['FACTURX_PROFILE_PARTIAL']);
        const delivered = await entity.client.get(
          `/inbox/${ack?.invoices[0]?.invoiceId ?? ''}.pdf`,
        );
        expect(Buffer.compare(delivered as Buffer, Buffer.from(pdf))).toBe(0);
      }
    } finally {
      await entity.end();
    }
  });

  it('rejects hostile PDFs with their own codes', async () => {
    const sample = readFileSync(samples.find((file) => file.includes('EN16931')) ?? '');
    const french = await frenchifyFacturX(sample, {
      siret: MINISTERE.siret,
      serviceCode: 'SERV-COMPTA',
    });
    const cases: [string, Uint8Array, string][] = [
      [
        'fx-no-attachment.pdf',
        await buildHybridPdf({ xmp: buildXmp() }),
        'FACTURX_ATTACHMENT_MISSING',
      ],
      [
        'fx-wrong-name.pdf',
        await buildHybridPdf({ xml: CII, attachmentName: 'invoice.xml', xmp: buildXmp() }),
        'FACTURX_ATTACHMENT_NAME_NONSTANDARD',
      ],
      [
        'fx-truncated.pdf',
        french.subarray(0, Math.floor(french.length / 2)),
        'FACTURX_PDF_UNREADABLE',
      ],
    ];
    for (const [name, pdf] of cases) await acme.put(Buffer.from(pdf), `/in/${name}`);
    const acks = await acme.waitForAcks(cases.map(([name]) => name));
    for (const [name, , code] of cases) {
      expect(acks.get(name)?.state, name).toBe('IN_REJETE');
      expect(codesOf(acks.get(name) ?? ({} as never)), name).toContain(code);
    }
  });

  it('reports an XMP profile that contradicts the XML', async () => {
    const pdf = await buildHybridPdf({ xml: CII, xmp: buildXmp({ conformanceLevel: 'EXTENDED' }) });
    await acme.put(Buffer.from(pdf), '/in/fx-xmp-mismatch.pdf');
    const ack = (await acme.waitForAcks(['fx-xmp-mismatch.pdf'])).get('fx-xmp-mismatch.pdf');
    expect(ack && codesOf(ack)).toContain('FACTURX_XMP_PROFILE_MISMATCH');
  });
});

describe('batches', () => {
  it('acknowledges a zip once, entry by entry (IN_INTEGRE_PARTIEL)', async () => {
    const fx = await frenchifyFacturX(
      readFileSync(listSamples('factur-x').find((file) => file.includes('EN16931')) ?? ''),
      {
        siret: MINISTERE.siret,
        serviceCode: 'SERV-ACHATS',
      },
    );
    const zip = buildZip([
      { name: 'a-ubl.xml', data: renumber(UBL, 'BATCH-1') },
      { name: 'b-cii.xml', data: renumber(CII, 'BATCH-2') },
      { name: 'c-facturx.pdf', data: fx },
      { name: 'd-broken.xml', data: Buffer.from('<Invoice>') },
      { name: '../e-escape.xml', data: renumber(UBL, 'BATCH-5') },
    ]);
    await acme.put(zip, '/in/night-batch.zip');
    const ack = (await acme.waitForAcks(['night-batch.zip'])).get('night-batch.zip');
    expect(ack?.state).toBe('IN_INTEGRE_PARTIEL');
    expect(ack?.syntax).toBe('archive');
    const results = Object.fromEntries(
      (ack?.invoices ?? []).map((invoice) => [invoice.sourceName, invoice]),
    );
    expect(results['a-ubl.xml']?.result).toBe('ACCEPTED');
    expect(results['b-cii.xml']?.result).toBe('ACCEPTED');
    expect(results['c-facturx.pdf']?.result).toBe('ACCEPTED');
    expect(results['d-broken.xml']?.result).toBe('REJECTED');
    expect(results['d-broken.xml']?.issues.map((issue) => issue.code)).toContain('XML_MALFORMED');
    expect(results['../e-escape.xml']?.issues.map((issue) => issue.code)).toEqual([
      'ARCHIVE_ENTRY_PATH_UNSAFE',
    ]);
    expect(ack?.counts).toMatchObject({ invoices: 5, accepted: 3, rejected: 2 });
  });

  it('accepts a tar.gz batch whole (IN_INTEGRE)', async () => {
    const tgz = await buildTarGz([
      { header: { name: 'one.xml' }, data: renumber(UBL, 'TGZ-1') },
      { header: { name: 'two.xml' }, data: renumber(CII, 'TGZ-2') },
    ]);
    await acme.put(tgz, '/in/batch.tar.gz');
    const ack = (await acme.waitForAcks(['batch.tar.gz'])).get('batch.tar.gz');
    expect(ack?.state).toBe('IN_INTEGRE');
    expect(ack?.counts.accepted).toBe(2);
  });

  it('rejects a tar entry that is a symlink, and the rest goes on', async () => {
    const tgz = await buildTarGz([
      { header: { name: 'ok.xml' }, data: renumber(UBL, 'TGZ-3') },
      { header: { name: 'link.xml', type: 'symlink', linkname: '/etc/passwd' } },
    ]);
    await acme.put(tgz, '/in/with-symlink.tar.gz');
    const ack = (await acme.waitForAcks(['with-symlink.tar.gz'])).get('with-symlink.tar.gz');
    expect(ack?.state).toBe('IN_INTEGRE_PARTIEL');
    expect(ack && codesOf(ack)).toContain('ARCHIVE_ENTRY_NOT_REGULAR_FILE');
  });

  it('rejects a decompression bomb without inflating it', async () => {
    const bomb = buildZip([
      {
        name: 'bomb.xml',
        method: 8,
        compressed: deflatedZeros(1024 * 1024 * 1024),
        declaredSize: 1024 * 1024 * 1024,
      },
    ]);
    await acme.put(bomb, '/in/bomb.zip');
    const ack = (await acme.waitForAcks(['bomb.zip'])).get('bomb.zip');
    expect(ack?.state).toBe('IN_REJETE');
    expect(ack && codesOf(ack).some((code) => code.startsWith('ARCHIVE_'))).toBe(true);
  });

  it('rejects a batch of 501 invoices (the limit is 500)', async () => {
    const entries = Array.from({ length: 501 }, (_, index) => ({
      name: `inv-${index}.xml`,
      data: Buffer.from('<x/>'),
    }));
    await acme.put(buildZip(entries), '/in/too-many.zip');
    const ack = (await acme.waitForAcks(['too-many.zip'])).get('too-many.zip');
    expect(ack?.state).toBe('IN_REJETE');
    expect(ack && codesOf(ack)).toEqual(['ARCHIVE_TOO_MANY_ENTRIES']);
  });
});
