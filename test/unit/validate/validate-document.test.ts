import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaCatalog, validateDocument } from '../../../src/validate/index.js';
import { frenchify } from '../../support/frenchify.js';
import { listSamples, SHARED_SCHEMAS } from '../../support/paths.js';

const schemas = new SchemaCatalog(SHARED_SCHEMAS);
afterAll(() => {
  schemas.dispose();
});

const validate = (text: string | Uint8Array) =>
  validateDocument(typeof text === 'string' ? Buffer.from(text) : text, { schemas });
const codesOf = (text: string | Uint8Array) => validate(text).issues.map((issue) => issue.code);

describe('validateDocument on the shared samples', () => {
  const samples = [...listSamples('ubl'), ...listSamples('cii')];
  it.each(samples.map((file) => [path.basename(file), file]))(
    '%s is XSD-valid and, once addressed to a French buyer, fully valid',
    (_name, file) => {
      const original = validate(readFileSync(file));
      expect(original.issues.filter((issue) => issue.layer === 'xsd')).toEqual([]);
      const french = validate(
        frenchify(readFileSync(file), { siret: '11000201100044', serviceCode: 'SERV-1' }),
      );
      expect(french.issues).toEqual([]);
      expect(french.isValid).toBe(true);
      expect(french.keys.buyerSiret).toBe('11000201100044');
      expect(french.keys.buyerSiretSource).toBe('BT-47');
      expect(french.keys.serviceCode).toBe('SERV-1');
      expect(french.keys.number).toBeTruthy();
      expect(french.keys.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    },
  );
});

describe('validateDocument on bad input', () => {
  const ubl = readFileSync(listSamples('ubl')[0] ?? '', 'utf8');

  it('rejects an empty or blank file', () => {
    expect(codesOf('')).toEqual(['FILE_EMPTY']);
    expect(codesOf('  \n')).toEqual(['FILE_EMPTY']);
  });

  it('rejects text that is not XML', () => {
    expect(codesOf('INVOICE;123;2024-01-01')).toEqual(['XML_NOT_XML']);
  });

  it('rejects malformed XML with the line of the problem', () => {
    const result = validate('<?xml version="1.0"?>\n<a>\n<b></a>');
    expect(result.issues[0]?.code).toBe('XML_MALFORMED');
    expect(result.issues[0]?.line).toBe(3);
  });

  it('refuses a DOCTYPE with an external entity without reading it', () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<a>&e;</a>';
    const result = validate(xxe);
    expect(result.issues.map((issue) => issue.code)).toEqual(['XML_DOCTYPE_FORBIDDEN']);
    expect(result.issues[0]?.line).toBe(2);
  });

  it('refuses an entity-expansion bomb', () => {
    const entities = Array.from({ length: 10 }, (_, index) =>
      index === 0 ? '<!ENTITY e0 "lol">' : `<!ENTITY e${index} "${`&e${index - 1};`.repeat(10)}">`,
    ).join('');
    expect(codesOf(`<!DOCTYPE a [${entities}]><a>&e9;</a>`)).toEqual(['XML_DOCTYPE_FORBIDDEN']);
  });

  it('sees a DOCTYPE hidden after comments and processing instructions', () => {
    expect(codesOf('<?xml version="1.0"?><!-- <x> --><?pi x?>\n<!DOCTYPE a><a/>')).toEqual([
      'XML_DOCTYPE_FORBIDDEN',
    ]);
  });

  it('refuses other encodings than UTF-8', () => {
    expect(codesOf('<?xml version="1.0" encoding="ISO-8859-1"?><a/>')).toEqual([
      'XML_ENCODING_UNSUPPORTED',
    ]);
    expect(codesOf(Buffer.from('\ufeff<a/>', 'utf16le'))).toEqual(['XML_ENCODING_UNSUPPORTED']);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ubl)]);
    expect(validate(withBom).issues.filter((issue) => issue.layer !== 'routing')).toEqual([]);
  });

  it('rejects invalid UTF-8 bytes as malformed', () => {
    const broken = Buffer.concat([
      Buffer.from('<a>'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('</a>'),
    ]);
    expect(codesOf(broken)).toContain('XML_MALFORMED');
  });

  it('rejects an unknown root element, naming it', () => {
    const result = validate(
      '<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>',
    );
    expect(result.issues.map((issue) => issue.code)).toEqual(['DOC_UNKNOWN_TYPE']);
    expect(result.issues[0]?.message).toContain('Order');
  });

  it('reports XSD errors with line and XPath', () => {
    const invalid = ubl.replace(
      /<cbc:IssueDate>/,
      '<cbc:Unexpected>1</cbc:Unexpected><cbc:IssueDate>',
    );
    const result = validate(invalid);
    const xsd = result.issues.filter((issue) => issue.code === 'XSD_INVALID');
    expect(xsd.length).toBeGreaterThan(0);
    expect(xsd[0]?.line).toBeGreaterThan(1);
    expect(xsd[0]?.xpath).toContain('Unexpected');
    expect(result.isValid).toBe(false);
  });

  it('reports a missing buyer SIRET and a malformed one', () => {
    expect(codesOf(ubl)).toEqual(['ROUTE_BUYER_SIRET_MISSING']);
    const short = frenchify(Buffer.from(ubl), { siret: '123' });
    expect(codesOf(short)).toEqual(['ROUTE_BUYER_SIRET_INVALID']);
  });

  it('reports PDF and zip containers as unsupported here', () => {
    expect(codesOf('%PDF-1.7\n...')).toEqual(['FILE_FORMAT_UNSUPPORTED']);
    expect(codesOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toEqual([
      'FILE_FORMAT_UNSUPPORTED',
    ]);
  });
});

describe('validateDocument by layer', () => {
  const fragment =
    '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" ' +
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">' +
    '<cbc:ID>F-1</cbc:ID></Invoice>';

  it('with en16931 alone, reports EN 16931 rules only (no XSD, French or routing issue)', () => {
    const result = validateDocument(Buffer.from(fragment), { schemas, layers: ['en16931'] });
    expect(result.issues.length).toBeGreaterThan(0);
    expect(new Set(result.issues.map((issue) => issue.layer))).toEqual(new Set(['en16931']));
  });

  it('with every layer, adds the XSD, the French rules and the routing prerequisites', () => {
    const longNumber = fragment.replace('F-1', 'F-0123456789-0123456789');
    const layers = new Set(validate(longNumber).issues.map((issue) => issue.layer));
    expect(layers).toEqual(new Set(['xsd', 'en16931', 'fr', 'routing']));
  });
});
