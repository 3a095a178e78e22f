/**
 * Broken PDF structures get their own code or a plain message, never a JavaScript error text.
 */
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractFacturX } from '../../../../src/formats/facturx/index.js';
import { buildCiiXml, buildHybridPdf, buildXmp } from '../../../support/facturx-pdf.js';

const XML = buildCiiXml('urn:cen.eu:en16931:2017');

describe('extractFacturX on broken structures', () => {
  it('refuses an invoice reachable only through /AF, with no EmbeddedFiles name tree', async () => {
    const valid = await buildHybridPdf({ xml: XML, xmp: buildXmp() });
    const doc = await PDFDocument.load(valid, { updateMetadata: false });
    expect(doc.catalog.lookup(PDFName.of('AF'))).toBeDefined();
    doc.catalog.delete(PDFName.of('Names'));
    const afOnly = await doc.save({ useObjectStreams: false });

    const result = await extractFacturX(afOnly);

    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => issue.code)).toEqual([
      'FACTURX_ATTACHMENT_NOT_IN_NAME_TREE',
    ]);
    expect(result.issues[0]?.message).toContain('factur-x.xml');
  });

  it('still reads the same PDF with its name tree', async () => {
    const result = await extractFacturX(await buildHybridPdf({ xml: XML, xmp: buildXmp() }));
    expect(result.ok).toBe(true);
  });

  it.each([
    ['a header and %%EOF only', '%PDF-1.4\n%%EOF\n'],
    ['a trailer whose /Root points nowhere', '%PDF-1.7\ntrailer\n<< /Root 5 0 R >>\n%%EOF\n'],
  ])('explains %s in plain words', async (_label, text) => {
    const result = await extractFacturX(new TextEncoder().encode(text));

    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => issue.code)).toEqual(['FACTURX_PDF_UNREADABLE']);
    const message = result.issues[0]?.message ?? '';
    expect(message).toMatch(/^The PDF cannot be read: /);
    expect(message).not.toMatch(/undefined|properties|reading '|TypeError|null/);
  });
});
