import { readFileSync } from 'node:fs';
import path from 'node:path';

import { AFRelationship, PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';

import { extractFacturX } from '../../../../src/formats/facturx/index.js';
import type { FacturXProfile, FacturXResult } from '../../../../src/formats/facturx/index.js';
import { buildCiiXml, buildHybridPdf, buildXmp } from '../../../support/facturx-pdf.js';
import { SHARED_SAMPLES } from '../../../support/paths.js';

const SAMPLES: readonly (readonly [string, FacturXProfile])[] = [
  ['Facture_FR_MINIMUM.pdf', 'MINIMUM'],
  ['Facture_FR_BASICWL.pdf', 'BASIC_WL'],
  ['zugferd_2p1_BASIC_Einfach.pdf', 'BASIC'],
  ['EN16931_Einfach.pdf', 'EN16931'],
  ['zugferd_2p1_EXTENDED_Rechnungskorrektur.pdf', 'EXTENDED'],
];

const EN16931_XML = buildCiiXml('urn:cen.eu:en16931:2017');

function readSample(name: string): Uint8Array {
  return readFileSync(path.join(SHARED_SAMPLES, 'factur-x', name));
}

function codesOf(result: FacturXResult): string[] {
  return result.issues.map((issue) => issue.code);
}

describe('extractFacturX on the real samples', () => {
  it.each(SAMPLES)('%s yields factur-x.xml of profile %s and no issue', async (name, profile) => {
    const result = await extractFacturX(readSample(name));

    expect(codesOf(result)).toEqual([]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.attachmentName).toBe('factur-x.xml');
    expect(result.profile).toBe(profile);
    const xml = new TextDecoder().decode(result.xml);
    expect(xml).toContain('CrossIndustryInvoice');
    expect(xml.trimEnd().endsWith('</rsm:CrossIndustryInvoice>')).toBe(true);
  });
});

describe('extractFacturX on hostile PDFs', () => {
  it('reports a PDF without attachment as FACTURX_ATTACHMENT_MISSING', async () => {
    const result = await extractFacturX(await buildHybridPdf({ xmp: buildXmp() }));

    expect(result.ok).toBe(false);
    expect(codesOf(result)).toEqual(['FACTURX_ATTACHMENT_MISSING']);
  });

  it('refuses an XML attachment with a non-standard name', async () => {
    const pdf = await buildHybridPdf({ xml: EN16931_XML, attachmentName: 'invoice.xml' });

    const result = await extractFacturX(pdf);

    expect(result.ok).toBe(false);
    expect(codesOf(result)).toEqual(['FACTURX_ATTACHMENT_NAME_NONSTANDARD']);
    expect(result.issues[0]?.message).toContain('"invoice.xml"');
  });

  it('accepts the legacy ZUGFeRD 2.0 name and checks fx:DocumentFileName against it', async () => {
    const pdf = await buildHybridPdf({
      xml: buildCiiXml('urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic'),
      attachmentName: 'zugferd-invoice.xml',
      xmp: buildXmp({
        namespace: 'urn:zugferd:pdfa:CrossIndustryDocument:invoice:2p0#',
        documentFileName: 'zugferd-invoice.xml',
        conformanceLevel: 'BASIC',
      }),
    });

    const result = await extractFacturX(pdf);

    expect(codesOf(result)).toEqual([]);
    expect(result.ok && result.attachmentName).toBe('zugferd-invoice.xml');
    expect(result.ok && result.profile).toBe('BASIC');
  });

  it('warns when the XMP conformance level contradicts the XML profile', async () => {
    const pdf = await buildHybridPdf({
      xml: EN16931_XML,
      xmp: buildXmp({ conformanceLevel: 'MINIMUM' }),
    });

    const result = await extractFacturX(pdf);

    expect(result.ok).toBe(true);
    expect(result.ok && result.profile).toBe('EN16931');
    expect(codesOf(result)).toEqual(['FACTURX_XMP_PROFILE_MISMATCH']);
    expect(result.issues[0]?.severity).toBe('warning');
  });

  it('reads XMP properties written as attributes', async () => {
    const pdf = await buildHybridPdf({
      xml: EN16931_XML,
      xmp: buildXmp({ asAttributes: true, conformanceLevel: 'BASIC WL' }),
    });

    const result = await extractFacturX(pdf);

    expect(codesOf(result)).toEqual(['FACTURX_XMP_PROFILE_MISMATCH']);
  });

  it('warns on file name, document type and PDF/A part each with its own code', async () => {
    const pdf = await buildHybridPdf({
      xml: EN16931_XML,
      xmp: buildXmp({ documentFileName: 'other.xml', documentType: 'ORDER', pdfaPart: '2' }),
    });

    const result = await extractFacturX(pdf);

    expect(result.ok).toBe(true);
    expect(codesOf(result).sort()).toEqual([
      'FACTURX_PDFA_PART_INVALID',
      'FACTURX_XMP_DOCUMENT_TYPE_INVALID',
      'FACTURX_XMP_FILENAME_MISMATCH',
    ]);
  });

  it('warns when the XMP is missing or has no Factur-X properties', async () => {
    const bare = await extractFacturX(await buildHybridPdf({ xml: EN16931_XML }));
    const foreign = await extractFacturX(
      await buildHybridPdf({
        xml: EN16931_XML,
        xmp: buildXmp({ namespace: 'urn:example:not-factur-x#' }),
      }),
    );

    expect(bare.ok).toBe(true);
    expect(codesOf(bare)).toEqual(['FACTURX_XMP_MISSING']);
    expect(codesOf(foreign)).toEqual(['FACTURX_XMP_MISSING']);
  });

  it('warns on an AFRelationship other than Data, Alternative or Source', async () => {
    const pdf = await buildHybridPdf({
      xml: EN16931_XML,
      afRelationship: AFRelationship.Unspecified,
      xmp: buildXmp(),
    });

    const result = await extractFacturX(pdf);

    expect(result.ok).toBe(true);
    expect(codesOf(result)).toEqual(['FACTURX_AF_RELATIONSHIP_INVALID']);
    expect(result.issues[0]?.message).toContain('/Unspecified');
  });

  it.each(SAMPLES.map(([name]) => name))('reports %s cut in half as unreadable', async (name) => {
    const whole = readSample(name);

    const result = await extractFacturX(whole.subarray(0, Math.floor(whole.length / 2)));

    expect(result.ok).toBe(false);
    expect(codesOf(result)).toEqual(['FACTURX_PDF_UNREADABLE']);
    expect(result.issues[0]?.severity).toBe('fatal');
  });

  it.each([
    ['empty input', new Uint8Array()],
    ['text', new TextEncoder().encode('hello, not a pdf')],
    ['a bare header', new TextEncoder().encode('%PDF-1.7\ngarbage\n%%EOF\n')],
  ])('returns a fatal issue instead of throwing for %s', async (_label, bytes) => {
    const result = await extractFacturX(bytes);

    expect(result.ok).toBe(false);
    expect(codesOf(result)).toEqual(['FACTURX_PDF_UNREADABLE']);
  });

  it('reports an encrypted PDF as such', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const encrypt = doc.context.obj({ Filter: 'Standard', V: 2, R: 3 });
    doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);

    const result = await extractFacturX(await doc.save());

    expect(codesOf(result)).toEqual(['FACTURX_PDF_ENCRYPTED']);
  });

  it('refuses an attachment stream with a filter other than FlateDecode', async () => {
    const doc = await PDFDocument.load(await buildHybridPdf({ xml: EN16931_XML, xmp: buildXmp() }));
    const spec = doc.catalog.lookup(PDFName.of('AF'), PDFArray).lookup(0, PDFDict);
    const hex = Buffer.from(EN16931_XML).toString('hex');
    const stream = doc.context.stream(hex, { Type: 'EmbeddedFile', Filter: 'ASCIIHexDecode' });
    spec.set(PDFName.of('EF'), doc.context.obj({ F: doc.context.register(stream) }));

    const result = await extractFacturX(await doc.save());

    expect(codesOf(result)).toEqual(['FACTURX_ATTACHMENT_UNREADABLE']);
    expect(result.issues[0]?.message).toContain('ASCIIHexDecode');
  });

  it('stops decoding an attachment above the XML size cap', async () => {
    const pdf = await buildHybridPdf({ xml: new Uint8Array(200_000).fill(0x20) });

    const result = await extractFacturX(pdf, { maxXmlBytes: 100_000 });

    expect(codesOf(result)).toEqual(['FACTURX_ATTACHMENT_TOO_LARGE']);
  });

  it('refuses an embedded XML with a DOCTYPE before parsing it', async () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n${EN16931_XML.replace(/^<\?xml[^>]*>\s*/, '')}`;

    const result = await extractFacturX(await buildHybridPdf({ xml, xmp: buildXmp() }));

    expect(result.ok).toBe(false);
    expect(codesOf(result)).toEqual(['XML_DOCTYPE_FORBIDDEN']);
  });

  it('reports malformed embedded XML with its line', async () => {
    const xml = '<?xml version="1.0"?>\n<rsm:CrossIndustryInvoice>\n<open>\n';

    const result = await extractFacturX(await buildHybridPdf({ xml, xmp: buildXmp() }));

    expect(result.ok).toBe(false);
    expect(codesOf(result)).toEqual(['XML_MALFORMED']);
    expect(result.issues[0]?.line).toBeGreaterThan(0);
  });

  it('warns on an unknown guideline id and returns no profile', async () => {
    const pdf = await buildHybridPdf({
      xml: buildCiiXml('urn:example:custom-profile'),
      xmp: buildXmp(),
    });

    const result = await extractFacturX(pdf);

    expect(result.ok).toBe(true);
    expect(result.ok && result.profile).toBeUndefined();
    expect(codesOf(result)).toEqual(['FACTURX_PROFILE_UNKNOWN']);
  });
});
