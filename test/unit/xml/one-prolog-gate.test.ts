/**
 * One DOCTYPE/XXE gate: an invoice, the XML inside a Factur-X PDF and a status update file get
 * the same verdict on the same prolog.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { extractFacturX } from '../../../src/formats/facturx/index.js';
import { parseStatusUpdateXml } from '../../../src/status/parse-status-update-xml.js';
import { SchemaCatalog, validateDocument } from '../../../src/validate/index.js';
import { buildHybridPdf, buildXmp } from '../../support/facturx-pdf.js';
import { SHARED_SCHEMAS } from '../../support/paths.js';

const schemas = new SchemaCatalog(SHARED_SCHEMAS);
afterAll(() => {
  schemas.dispose();
});

const ROOT = '<r xmlns="urn:example"/>';

const CASES: readonly (readonly [string, Uint8Array, string | undefined])[] = [
  [
    'a DOCTYPE',
    Buffer.from(`<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]>${ROOT}`),
    'XML_DOCTYPE_FORBIDDEN',
  ],
  [
    'an external entity after a comment',
    Buffer.from(`<!-- c --><!DOCTYPE r SYSTEM "file:///etc/passwd">${ROOT}`),
    'XML_DOCTYPE_FORBIDDEN',
  ],
  [
    'UTF-16',
    Buffer.from(`\uFEFF<?xml version="1.0" encoding="UTF-16"?>${ROOT}`, 'utf16le'),
    'XML_ENCODING_UNSUPPORTED',
  ],
  [
    'ISO-8859-1',
    Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>${ROOT}`),
    'XML_ENCODING_UNSUPPORTED',
  ],
  ['the word DOCTYPE in a comment', Buffer.from(`<!-- no <!DOCTYPE here -->${ROOT}`), undefined],
];

async function verdicts(bytes: Uint8Array): Promise<(string | undefined)[]> {
  const invoice = validateDocument(bytes, { schemas, layers: [] }).issues[0]?.code;
  const pdf = await extractFacturX(await buildHybridPdf({ xml: bytes, xmp: buildXmp() }));
  const embedded = pdf.ok ? undefined : pdf.issues[0]?.code;
  const status = parseStatusUpdateXml(bytes);
  const statusCode = status.ok ? undefined : status.issues[0]?.code;
  return [invoice, embedded, statusCode];
}

describe('one prolog gate', () => {
  it.each(CASES)('%s: the same verdict everywhere', async (_label, bytes, expected) => {
    const [invoice, embedded, status] = await verdicts(bytes);
    if (expected === undefined) {
      for (const code of [invoice, embedded, status])
        expect(code ?? '').not.toMatch(/^XML_(DOCTYPE|ENCODING)/);
    } else {
      expect([invoice, embedded, status]).toEqual([expected, expected, expected]);
    }
  });
});
