import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_LINES,
  readInvoiceModel,
  type InvoiceModel,
} from '../../../../src/formats/model/index.js';
import { listSamples, SAMPLES_ROOT } from '../../../support/en16931-parity.js';
import { countElements } from '../../../support/en16931-mutations.js';

function readOk(xml: string): InvoiceModel {
  const result = readInvoiceModel(Buffer.from(xml, 'utf8'));
  if (!result.ok) throw new Error(`unexpected issues: ${JSON.stringify(result.issues)}`);
  return result.model;
}

describe('readInvoiceModel on the shared samples', () => {
  it.each(listSamples().map((sample) => [sample.name, sample] as const))(
    '%s: reads syntax, header, parties, totals and every line',
    (_name, sample) => {
      const model = readOk(sample.xml);
      expect(model.syntax).toBe(sample.syntax);
      expect(model.number?.text.trim()).not.toBe('');
      expect(model.seller?.names.length).toBeGreaterThan(0);
      expect(model.totals?.payable.length).toBe(1);
      const lineElement =
        sample.syntax === 'cii'
          ? 'ram:IncludedSupplyChainTradeLineItem'
          : model.kind === 'credit-note'
            ? 'cac:CreditNoteLine'
            : 'cac:InvoiceLine';
      expect(model.lines).toHaveLength(countElements(sample.xml, lineElement));
      expect(model.vatBreakdowns.length).toBeGreaterThan(0);
    },
  );

  it('keeps the source line and XPath of each value', () => {
    const xml = readFileSync(`${SAMPLES_ROOT}/ubl/ubl-tc434-example1.xml`, 'utf8');
    const model = readOk(xml);
    const number = model.number;
    expect(number?.xpath).toBe('/ubl:Invoice/cbc:ID');
    const expectedLine = xml
      .split('\n')
      .findIndex((line) => line.includes('<cbc:ID>12115118</cbc:ID>'));
    expect(number?.line).toBe(expectedLine + 1);
    expect(model.lines[1]?.xpath).toBe('/ubl:Invoice/cac:InvoiceLine[2]');
    expect(model.lines[0]?.quantity?.attributes['unitCode']).toBeDefined();
  });

  it('reads a UBL CreditNote as a credit note with its credited quantities', () => {
    const model = readOk(readFileSync(`${SAMPLES_ROOT}/ubl/ubl-tc434-creditnote1.xml`, 'utf8'));
    expect(model.kind).toBe('credit-note');
    expect(model.typeCode?.text).toBe('381');
    expect(model.lines[0]?.quantity?.xpath).toContain('cbc:CreditedQuantity');
  });

  it('reads the CII issue date only from a format-102 date string', () => {
    const xml = readFileSync(`${SAMPLES_ROOT}/cii/CII_example1.xml`, 'utf8');
    expect(readOk(xml).issueDate?.attributes['format']).toBe('102');
    const other = xml.replace(
      /(<ram:IssueDateTime>\s*<udt:DateTimeString) format="102"/,
      '$1 format="203"',
    );
    expect(readOk(other).issueDate).toBeUndefined();
  });

  it('takes the line of a start tag spread over several lines at its end, as libxml2 does', () => {
    const xml = readFileSync(`${SAMPLES_ROOT}/ubl/ubl-tc434-example1.xml`, 'utf8').replace(
      '<cbc:ID>12115118</cbc:ID>',
      '<cbc:ID\n  >12115118</cbc:ID>',
    );
    const model = readOk(xml);
    const startLine = xml.split('\n').findIndex((line) => line.includes('<cbc:ID')) + 1;
    expect(model.number?.line).toBe(startLine + 1);
    expect(model.number?.text).toBe('12115118');
  });

  it('reads character references, CDATA and the string value of mixed content', () => {
    const xml = readFileSync(`${SAMPLES_ROOT}/ubl/ubl-tc434-example1.xml`, 'utf8').replace(
      '<cbc:ID>12115118</cbc:ID>',
      '<cbc:ID>12&#49;<![CDATA[15]]>&amp;118</cbc:ID>',
    );
    expect(readOk(xml).number?.text).toBe('12115&118');
  });
});

describe('readInvoiceModel on bad input', () => {
  it('refuses a foreign root element with MODEL_UNREADABLE', () => {
    const result = readInvoiceModel(Buffer.from('<Order xmlns="urn:x"><ID>1</ID></Order>'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]?.code).toBe('MODEL_UNREADABLE');
      expect(result.issues[0]?.layer).toBe('en16931');
      expect(result.issues[0]?.xpath).toBe('/{urn:x}Order');
    }
  });

  it('refuses malformed, empty and non-UTF-8 documents without throwing', () => {
    for (const text of ['', '<Invoice', 'not xml at all', '<a><b></a>', '\u00ff']) {
      const bytes =
        text === '\u00ff' ? Buffer.from([0x3c, 0x61, 0xff, 0x2f, 0x3e]) : Buffer.from(text);
      const result = readInvoiceModel(bytes);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0]?.code).toBe('MODEL_UNREADABLE');
    }
  });

  it('reads a skeleton invoice with missing mandatory structures', () => {
    const model = readOk(
      '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
    );
    expect(model.lines).toEqual([]);
    expect(model.totals).toBeUndefined();
    expect(model.seller).toBeUndefined();
  });

  it('refuses more lines than the limit with MODEL_TOO_LARGE (100,000 lines)', () => {
    const line = '<cac:InvoiceLine><cbc:ID>1</cbc:ID></cac:InvoiceLine>';
    const xml =
      '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" ' +
      'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" ' +
      'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">' +
      line.repeat(100_000) +
      '</Invoice>';
    expect(100_000).toBeGreaterThan(DEFAULT_MAX_LINES);
    const result = readInvoiceModel(Buffer.from(xml));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe('MODEL_TOO_LARGE');
  });

  it('refuses a DOCTYPE, so no entity is ever declared or expanded', () => {
    const result = readInvoiceModel(Buffer.from('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe('MODEL_UNREADABLE');
  });

  it('refuses nesting deeper than 256 levels with MODEL_TOO_LARGE', () => {
    const xml = `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`;
    const result = readInvoiceModel(Buffer.from(xml));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe('MODEL_TOO_LARGE');
  });

  it('refuses a flood of elements with MODEL_TOO_LARGE before reading it all', () => {
    const xml = `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">${'<x/>'.repeat(300_000)}</Invoice>`;
    const result = readInvoiceModel(Buffer.from(xml), { maxLines: 1_000 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe('MODEL_TOO_LARGE');
  });
});
