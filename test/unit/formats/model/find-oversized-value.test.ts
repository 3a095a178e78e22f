import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findOversizedValue, readInvoiceModel } from '../../../../src/formats/model/index.js';
import { SchemaCatalog, validateDocument } from '../../../../src/validate/index.js';
import { listSamples, SHARED_SAMPLES, SHARED_SCHEMAS } from '../../../support/paths.js';

const UBL = readFileSync(path.join(SHARED_SAMPLES, 'ubl', 'ubl-tc434-example1.xml'), 'utf8');
const MIB = 1024 * 1024;
const schemas = new SchemaCatalog(SHARED_SCHEMAS);
afterAll(() => {
  schemas.dispose();
});

function withAttribute(bytes: number): Buffer {
  return Buffer.from(
    UBL.replace(
      '<cbc:DocumentCurrencyCode>',
      `<cbc:DocumentCurrencyCode listID="${'A'.repeat(bytes)}">`,
    ),
  );
}

describe('findOversizedValue', () => {
  it('finds nothing in the shared samples', () => {
    for (const file of [...listSamples('ubl'), ...listSamples('cii')])
      expect(findOversizedValue(readFileSync(file)), file).toBeUndefined();
  });

  it('finds a 50 MiB attribute value, with its element and line', () => {
    const found = findOversizedValue(withAttribute(50 * MIB));
    expect(found).toMatchObject({
      kind: 'attribute',
      bytes: 50 * MIB,
      element: 'cbc:DocumentCurrencyCode',
    });
    expect(found?.line).toBeGreaterThan(1);
  });

  it('finds a long text node, but lets attachments (…BinaryObject) be large', () => {
    const note = Buffer.from(UBL.replace('<cbc:Note>', `<cbc:Note>${'x'.repeat(2 * MIB)}`));
    expect(findOversizedValue(note)).toMatchObject({ kind: 'text', element: 'cbc:Note' });
    const attachment = Buffer.from(
      UBL.replace(
        '</cbc:Note>',
        `</cbc:Note><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="a.pdf">${'QUJD'.repeat(MIB)}</cbc:EmbeddedDocumentBinaryObject>`,
      ),
    );
    expect(findOversizedValue(attachment)).toBeUndefined();
    const cdata = Buffer.from(
      UBL.replace('<cbc:Note>', `<cbc:Note><![CDATA[${'y'.repeat(2 * MIB)}]]>`),
    );
    expect(findOversizedValue(cdata)).toMatchObject({ kind: 'text' });
  });

  it('ignores quotes and angle brackets inside comments and processing instructions', () => {
    const xml = Buffer.from(UBL.replace('<cbc:Note>', `<!-- "unclosed ' > --><?pi "x?><cbc:Note>`));
    expect(findOversizedValue(xml)).toBeUndefined();
  });
});

describe('a 50 MiB attribute value', () => {
  const bytes = withAttribute(50 * MIB);

  it('is refused with XML_VALUE_TOO_LARGE before any parser builds the document', () => {
    const report = validateDocument(bytes, { schemas });
    expect(report.isValid).toBe(false);
    expect(report.issues.map((issue) => issue.code)).toEqual(['XML_VALUE_TOO_LARGE']);
    expect(report.issues[0]?.message).toContain('cbc:DocumentCurrencyCode');
  });

  it('is refused by the model reader (saxes) too', () => {
    const result = readInvoiceModel(bytes);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((issue) => issue.code)).toEqual(['MODEL_TOO_LARGE']);
  });
});
