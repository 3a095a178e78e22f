import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceLocation } from '../../../../src/formats/model/index.js';
import { readInvoiceModel } from '../../../../src/formats/model/index.js';
import { checkSyntaxBinding } from '../../../../src/validate/en16931/check-syntax-binding.js';
import { IMPLEMENTED_RULES } from '../../../../src/validate/en16931/index.js';
import { compileSyntaxRuleSet } from '../../../../src/validate/en16931/syntax-binding-rules.js';
import { applyFixtureOps } from '../../../support/en16931-fixture-ops.js';
import {
  compareWithOfficial,
  engineKeys,
  listSamples,
  sharedSyntaxBinding,
} from '../../../support/en16931-parity.js';

describe('syntax-binding rules compiled from the official Schematron 1.3.16', () => {
  it('compiles every assert of both syntaxes (the unsupported list is printed and locked)', () => {
    const rules = sharedSyntaxBinding();
    for (const syntax of ['ubl', 'cii'] as const) {
      const set = rules[syntax];
      console.log(
        `[syntax binding] ${syntax}: ${String(set.compiledIds.length)} asserts compiled in ${String(set.rules.length)} rules, ${String(set.unsupported.length)} not supported${set.unsupported.map((item) => `\n  ${item.id}: ${item.reason}`).join('')}`,
      );
    }
    expect(rules.ubl.compiledIds).toHaveLength(756);
    expect(rules.cii.compiledIds).toHaveLength(583);
    expect(rules.ubl.unsupported).toEqual([]);
    expect(rules.cii.unsupported).toEqual([]);
  });

  it('implements exactly the compiled ids', () => {
    const rules = sharedSyntaxBinding();
    for (const syntax of ['ubl', 'cii'] as const) {
      const implemented = IMPLEMENTED_RULES[syntax].filter((rule) => /^(UBL|CII)-/.test(rule));
      expect([...implemented].sort()).toEqual([...rules[syntax].compiledIds].sort());
    }
  });

  it('reads ../cn:CreditNote from the root as a child of the document node (UBL-CR-412)', () => {
    const dueDate = '<cbc:PaymentDueDate>2020-01-01</cbc:PaymentDueDate>';
    const sample = (name: string): string =>
      listSamples().find((item) => item.name === name)?.xml ?? '';
    const invoice = applyFixtureOps(sample('ubl/ubl-tc434-example1.xml'), [
      ['append', 'cac:PaymentMeans', 0, dueDate],
    ]);
    const creditNote = applyFixtureOps(sample('ubl/CreditNote-Max_content.xml'), [
      ['append', 'cac:PaymentMeans', 0, dueDate],
    ]);
    expect(engineKeys(invoice).has('UBL-CR-412|warning')).toBe(true);
    expect(engineKeys(creditNote).has('UBL-CR-412|warning')).toBe(false);
  });

  it('lets the first matching rule shadow later ones, as the artefact does (CII-DT-010)', () => {
    const sample = listSamples().find((item) => item.name === 'cii/CII_example1.xml');
    const xml = applyFixtureOps(sample?.xml ?? '', [
      ['attribute', 'ram:TypeCode', 0, 'listID', 'UNCL1001'],
    ]);
    const outcome = compareWithOfficial(xml, 'cii');
    expect(outcome.allDiff).toEqual([]);
    expect([...outcome.engine].some((key) => key.startsWith('CII-DT-010|'))).toBe(false);
  });

  it('takes flags and messages from the artefact', () => {
    const ubl = sharedSyntaxBinding().ubl;
    const asserts = ubl.rules.flatMap((rule) => rule.asserts);
    const cr = asserts.find((assert) => assert.id === 'UBL-CR-001');
    expect(cr?.text).toEqual([
      'warning',
      '[UBL-CR-001]-A UBL invoice should not include extensions',
    ]);
    expect(asserts.find((assert) => assert.id === 'UBL-DT-01')?.text[0]).toBe('fatal');
  });
});

const directory = mkdtempSync(join(tmpdir(), 'passerelle-sch-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** A tiny binding + abstract pair in the artefact's format. */
function ruleSet(params: Record<string, string>, rules: string) {
  const escape = (text: string): string =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const binding = join(directory, `binding-${String(Math.random()).slice(2)}.sch`);
  const abstract = join(directory, `abstract-${String(Math.random()).slice(2)}.sch`);
  writeFileSync(
    binding,
    `<pattern xmlns="http://purl.oclc.org/dsdl/schematron" is-a="syntax" id="T">${Object.entries(
      params,
    )
      .map(([name, value]) => `<param name="${name}" value="${escape(value)}"/>`)
      .join('\n')}</pattern>`,
  );
  writeFileSync(
    abstract,
    `<pattern xmlns="http://purl.oclc.org/dsdl/schematron" abstract="true" id="syntax">${rules}</pattern>`,
  );
  return compileSyntaxRuleSet('ubl', binding, abstract);
}

const DOCUMENT = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID schemeID="X">INV-1</cbc:ID>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:UUID>u</cbc:UUID><cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note></cac:InvoiceLine>
  <cac:InvoiceLine><cbc:ID>2</cbc:ID><cbc:LineExtensionAmount currencyID="EUR">1.005</cbc:LineExtensionAmount></cac:InvoiceLine>
</Invoice>`;

function run(
  set: ReturnType<typeof ruleSet>,
  xml = DOCUMENT,
): { rule: string; at: SourceLocation }[] {
  const result = readInvoiceModel(Buffer.from(xml, 'utf8'));
  if (!result.ok) throw new Error('unreadable');
  const failures: { rule: string; at: SourceLocation }[] = [];
  checkSyntaxBinding(result.tree, 'ubl', { ubl: set, cii: set }, (rule, _text, at) => {
    failures.push({ rule, at });
  });
  return failures;
}

describe('checkSyntaxBinding', () => {
  const set = ruleSet(
    {
      'T-01': 'not((cac:InvoiceLine|cac:CreditNoteLine)/cbc:UUID)',
      'T-02': 'count(cbc:Note) <= 1',
      'T-03': 'not(//@currencyID)',
      'T-04': "string-length(substring-after(.,'.'))<=2",
      'T-05': 'not(cbc:ID/@schemeID)',
      'T-06': 'count(cbc:ID) = 1',
      Invoice: '/ubl:Invoice | /cn:CreditNote',
      Line: 'cac:InvoiceLine',
      Amount: "//*[ends-with(name(), 'Amount')]",
    },
    `<rule context="$Invoice">
       <assert test="$T-01" flag="warning" id="T-01">[T-01] no UUID</assert>
       <assert test="$T-03" flag="fatal" id="T-03">[T-03] no currencyID</assert>
       <assert test="$T-05" flag="warning" id="T-05">[T-05] no schemeID</assert>
     </rule>
     <rule context="$Line">
       <assert test="$T-02" flag="fatal" id="T-02">[T-02] one note</assert>
       <assert test="$T-06" flag="fatal" id="T-06">[T-06] one ID</assert>
     </rule>
     <rule context="$Amount">
       <assert test="$T-04" flag="fatal" id="T-04">[T-04] two decimals</assert>
     </rule>`,
  );

  it('reports each failing assert once per context node, at that node', () => {
    const failures = run(set);
    expect(failures.map((failure) => failure.rule).sort()).toEqual([
      'T-01',
      'T-02',
      'T-03',
      'T-04',
      'T-05',
    ]);
    expect(failures.find((failure) => failure.rule === 'T-02')?.at.xpath).toBe(
      '/ubl:Invoice/cac:InvoiceLine[1]',
    );
    expect(failures.find((failure) => failure.rule === 'T-04')?.at).toEqual({
      line: 7,
      xpath: '/ubl:Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount',
    });
  });

  it('passes a document without the forbidden content', () => {
    const clean = DOCUMENT.replace('<cbc:UUID>u</cbc:UUID>', '')
      .replace('<cbc:Note>b</cbc:Note>', '')
      .replace(' currencyID="EUR"', '')
      .replace(' schemeID="X"', '')
      .replace('1.005', '1.00');
    expect(run(set, clean)).toEqual([]);
  });

  it('fires only the first rule of the pattern whose context matches a node', () => {
    const shadowed = ruleSet(
      { First: '//cbc:Note', Second: 'cac:InvoiceLine/cbc:Note', 'T-10': 'false()' },
      `<rule context="$First"></rule>
       <rule context="$Second"><assert test="$T-10" flag="fatal" id="T-10">x</assert></rule>`,
    );
    expect(run(shadowed)).toEqual([]);
  });

  it('lists the asserts it cannot compile, with the reason, and never reports them', () => {
    const partial = ruleSet(
      { Invoice: '/ubl:Invoice', 'T-20': 'sum(cbc:Amount) > 0', 'T-21': 'not(cbc:ID)' },
      `<rule context="$Invoice">
         <assert test="$T-20" flag="fatal" id="T-20">x</assert>
         <assert test="$T-21" flag="fatal" id="T-21">y</assert>
       </rule>`,
    );
    expect(partial.unsupported).toEqual([
      { id: 'T-20', reason: 'test sum(cbc:Amount) > 0: function sum() not supported' },
    ]);
    expect(partial.compiledIds).toEqual(['T-21']);
    expect(run(partial).map((failure) => failure.rule)).toEqual(['T-21']);
  });
});
