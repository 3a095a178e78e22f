/**
 * The CEN binding reads `cac:InvoiceLine` and `cac:CreditNoteLine` in either document: a
 * CreditNote whose lines are InvoiceLine elements is checked line by line, as the official
 * XSLT does, instead of failing BR-16 "no line".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInvoiceModel } from '../../../../src/formats/model/index.js';
import { compareWithOfficial, SAMPLES_ROOT } from '../../../support/en16931-parity.js';

const CREDIT_NOTE = readFileSync(
  path.join(SAMPLES_ROOT, 'ubl', 'ubl-tc434-creditnote1.xml'),
  'utf8',
);
const INVOICE = readFileSync(path.join(SAMPLES_ROOT, 'ubl', 'ubl-tc434-example1.xml'), 'utf8');

const withInvoiceLines = CREDIT_NOTE.replaceAll('cac:CreditNoteLine', 'cac:InvoiceLine').replaceAll(
  'cbc:CreditedQuantity',
  'cbc:InvoicedQuantity',
);

function rules(keys: ReadonlySet<string>): string[] {
  return [...keys].sort();
}

describe('UBL line elements', () => {
  it('a CreditNote with InvoiceLine lines has its lines in the model', () => {
    const result = readInvoiceModel(Buffer.from(withInvoiceLines, 'utf8'));
    if (!result.ok) throw new Error('unreadable');
    const original = readInvoiceModel(Buffer.from(CREDIT_NOTE, 'utf8'));
    if (!original.ok) throw new Error('unreadable');
    expect(result.model.lines.length).toBe(original.model.lines.length);
    expect(result.model.lines[0]?.quantity?.text).toBe(original.model.lines[0]?.quantity?.text);
    expect(result.model.lines[0]?.xpath).toMatch(/cac:InvoiceLine/);
  });

  it('a CreditNote with InvoiceLine lines: same rules as the official XSLT, no BR-16', () => {
    const outcome = compareWithOfficial(withInvoiceLines, 'ubl');
    expect(outcome.comparable).toBe(true);
    expect(rules(outcome.engine)).not.toContain('BR-16|fatal');
    expect(outcome.implementedDiff).toEqual([]);
  });

  it('line rules fire on InvoiceLine lines of a CreditNote (BR-21, BR-22, BR-CO-04) as officially', () => {
    const broken = withInvoiceLines
      .replace(/(<cac:InvoiceLine>\s*<cbc:ID>)[^<]*/, '$1 ')
      .replace(/<cbc:InvoicedQuantity[^>]*>[^<]*<\/cbc:InvoicedQuantity>/, '')
      .replace(/<cac:ClassifiedTaxCategory>[\s\S]*?<\/cac:ClassifiedTaxCategory>/, '');
    const outcome = compareWithOfficial(broken, 'ubl');
    expect(outcome.comparable).toBe(true);
    const engine = rules(outcome.engine);
    for (const rule of ['BR-21', 'BR-22', 'BR-CO-04'])
      expect(
        engine.some((key) => key.startsWith(`${rule}|`)),
        rule,
      ).toBe(true);
    expect(outcome.implementedDiff).toEqual([]);
  });

  it('an Invoice with CreditNoteLine lines is read the same way', () => {
    const mixed = INVOICE.replaceAll('cac:InvoiceLine', 'cac:CreditNoteLine').replaceAll(
      'cbc:InvoicedQuantity',
      'cbc:CreditedQuantity',
    );
    const outcome = compareWithOfficial(mixed, 'ubl');
    expect(outcome.comparable).toBe(true);
    expect(rules(outcome.engine)).not.toContain('BR-16|fatal');
    expect(outcome.implementedDiff).toEqual([]);
  });
});
