import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_CODES } from '../../../../src/errors/codes/rule-codes.js';
import { readInvoiceModel } from '../../../../src/formats/model/index.js';
import {
  checkEn16931,
  IMPLEMENTED_RULES,
  officialRuleText,
} from '../../../../src/validate/en16931/index.js';
import { setText } from '../../../support/en16931-mutations.js';
import { generateUblInvoice } from '../../../support/en16931-generate.js';
import { SAMPLES_ROOT, sharedSyntaxBinding } from '../../../support/en16931-parity.js';
import { compareWithOfficial } from '../../../support/en16931-parity.js';

function check(xml: string): ReturnType<typeof checkEn16931> {
  const result = readInvoiceModel(Buffer.from(xml, 'utf8'));
  if (!result.ok) throw new Error('model unreadable');
  return checkEn16931(result.model);
}

const UBL = readFileSync(`${SAMPLES_ROOT}/ubl/ubl-tc434-example1.xml`, 'utf8');

describe('checkEn16931 issues', () => {
  it('carry the official id, flag and message, with line and XPath', () => {
    const xml = setText(UBL, 'cbc:PayableAmount', '1.00');
    const issue = check(xml).find((item) => item.rule === 'BR-CO-16');
    expect(issue).toMatchObject({
      layer: 'en16931',
      code: 'EN16931_RULE',
      severity: 'fatal',
      xpath: '/ubl:Invoice/cac:LegalMonetaryTotal',
    });
    // The official text, then the amounts found and expected, so the supplier sees what to fix.
    expect(issue?.message.startsWith(officialRuleText('ubl', 'BR-CO-16')?.[1] ?? '?')).toBe(true);
    expect(issue?.message).toMatch(
      /Values: BT-115 = 1\.00 ≠ BT-112 − BT-113 \+ BT-114 = [\d.]+ − [\d.]+ \+ [\d.]+ = [\d.]+\.$/,
    );
    const expectedLine = xml
      .split('\n')
      .findIndex((line) => line.includes('<cac:LegalMonetaryTotal>'));
    expect(issue?.line).toBe(expectedLine + 1);
  });

  it('codes warnings separately (BR-51 is a warning in UBL, fatal in CII)', () => {
    const xml = UBL.replace(
      '</cac:PaymentMeans>',
      '<cac:CardAccount><cbc:PrimaryAccountNumberID>1234567890123456</cbc:PrimaryAccountNumberID><cbc:NetworkID>VISA</cbc:NetworkID></cac:CardAccount></cac:PaymentMeans>',
    );
    const issue = check(xml).find((item) => item.rule === 'BR-51');
    expect(issue).toMatchObject({ code: 'EN16931_RULE_WARNING', severity: 'warning' });
    expect(officialRuleText('cii', 'BR-51')?.[0]).toBe('fatal');
  });

  it('every code used is in the catalogue table', () => {
    const issues = check(setText(UBL, 'cbc:LineExtensionAmount', '1.234'));
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(Object.keys(RULE_CODES)).toContain(issue.code);
  });

  it('reports absurd numbers as rule failures instead of throwing', () => {
    const issues = check(setText(UBL, 'cbc:PayableAmount', '9'.repeat(50_000)));
    expect(issues.map((issue) => issue.rule)).toContain('BR-CO-16');
    for (const issue of issues) expect(issue.message.length).toBeLessThan(1000);
  });

  it('lists the implemented rules per syntax, all with official texts', () => {
    const syntaxBinding = sharedSyntaxBinding();
    for (const syntax of ['ubl', 'cii'] as const) {
      expect(IMPLEMENTED_RULES[syntax].length).toBeGreaterThan(150);
      const compiled = new Set(syntaxBinding[syntax].compiledIds);
      for (const rule of IMPLEMENTED_RULES[syntax]) {
        // Syntax-binding rules take their text from the Schematron loaded at start-up.
        if (/^(UBL|CII)-/.test(rule)) expect(compiled.has(rule), `${syntax} ${rule}`).toBe(true);
        else expect(officialRuleText(syntax, rule), `${syntax} ${rule}`).toBeDefined();
      }
    }
  });
});

describe('generated large invoices', () => {
  it('a consistent 300-line invoice passes, as in the official XSLT', () => {
    const xml = generateUblInvoice(300);
    const outcome = compareWithOfficial(xml, 'ubl');
    expect(outcome.comparable).toBe(true);
    expect([...outcome.engine]).toEqual([]);
    expect(outcome.implementedDiff).toEqual([]);
  });

  it('one wrong line amount among 5,000 lines fails BR-CO-10 and BR-S-08', () => {
    const xml = generateUblInvoice(5_000).replace(
      /(<cac:InvoiceLine><cbc:ID>777<\/cbc:ID><cbc:InvoicedQuantity unitCode="C62">1<\/cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="EUR">)[\d.]+/,
      '$10.01',
    );
    const rules = check(xml).map((issue) => issue.rule);
    expect(rules).toContain('BR-CO-10');
    expect(rules).toContain('BR-S-08');
  });
});

describe('code-list rules read from the element tree agree with the official XSLT', () => {
  const UBL2 = readFileSync(`${SAMPLES_ROOT}/ubl/ubl-tc434-example2.xml`, 'utf8');
  const CII1 = readFileSync(`${SAMPLES_ROOT}/cii/CII_business_example_01.xml`, 'utf8');
  const fired = (keys: ReadonlySet<string>, rule: string): boolean =>
    [...keys].some((key) => key.startsWith(`${rule}|`));

  it.each([
    ['the seller', '"0088">1238764941386', false],
    ['the buyer', '"0088">3456789012098', true],
  ] as const)('BR-CL-10 accepts the SEPA scheme only for %s or payee', (_who, id, fires) => {
    const xml = UBL2.replace(`<cbc:ID schemeID=${id}`, `<cbc:ID schemeID="SEPA">${id.slice(7)}`);
    expect(xml).not.toBe(UBL2);
    const outcome = compareWithOfficial(xml, 'ubl');
    expect(fired(outcome.official, 'BR-CL-10')).toBe(fires);
    expect(fired(outcome.engine, 'BR-CL-10')).toBe(fires);
  });

  it('BR-CL-08 (UBL) looks at the three characters between the first two hashes only', () => {
    for (const [note, fires] of [
      ['#AAI#fine', false],
      ['#Q9Q#unknown subject', true],
      ['#TOOLONG#ignored', false],
      ['one # only', false],
    ] as const) {
      const xml = setText(UBL2, 'cbc:Note', note);
      const outcome = compareWithOfficial(xml, 'ubl');
      expect(fired(outcome.official, 'BR-CL-08'), note).toBe(fires);
      expect(fired(outcome.engine, 'BR-CL-08'), note).toBe(fires);
    }
  });

  it('CII: an origin country ID with a scheme answers to BR-CL-11, not BR-CL-15', () => {
    const xml = CII1.replace('<ram:ID>DE</ram:ID>', '<ram:ID schemeID="0088">XX</ram:ID>');
    expect(xml).not.toBe(CII1);
    const outcome = compareWithOfficial(xml, 'cii');
    expect(fired(outcome.official, 'BR-CL-15')).toBe(false);
    expect(fired(outcome.engine, 'BR-CL-15')).toBe(false);
    expect(outcome.implementedDiff).toEqual([]);
  });
});

describe('normalize-space keeps characters that are not XML whitespace', () => {
  it('a currency code ending in a no-break space fails BR-CL-04 in both', () => {
    const xml = setText(UBL, 'cbc:DocumentCurrencyCode', 'EUR\u00a0');
    const outcome = compareWithOfficial(xml, 'ubl');
    expect([...outcome.official].some((key) => key.startsWith('BR-CL-04|'))).toBe(true);
    expect([...outcome.engine].some((key) => key.startsWith('BR-CL-04|'))).toBe(true);
  });
});

describe('absurd numbers', () => {
  it('an amount with a huge exponent yields issues, not a hang or an exception', () => {
    const xml = setText(
      setText(UBL, 'cbc:PayableAmount', '1e99999999'),
      'cbc:TaxInclusiveAmount',
      '-1e99999999',
    );
    const issues = check(xml);
    expect(issues.some((issue) => issue.severity === 'fatal')).toBe(true);
  });
});
