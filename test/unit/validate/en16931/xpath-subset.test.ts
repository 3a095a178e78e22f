import { describe, expect, it } from 'vitest';
import { readInvoiceModel, type XmlTreeElement } from '../../../../src/formats/model/index.js';
import {
  XPathDocument,
  XPathEvaluator,
  type AtomCounts,
} from '../../../../src/validate/en16931/xpath-subset-eval.js';
import {
  parseXPathSubset,
  XPathSubsetError,
} from '../../../../src/validate/en16931/xpath-subset-parse.js';

const UBL = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID schemeID="X">INV-1</cbc:ID>
  <cbc:Note>a</cbc:Note>
  <cbc:Note>b</cbc:Note>
  <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>P1</cbc:PaymentID></cac:PaymentMeans>
  <cac:PaymentMeans><cbc:PaymentMeansCode> 30 </cbc:PaymentMeansCode><cbc:PaymentID>P1</cbc:PaymentID></cac:PaymentMeans>
  <cac:AllowanceCharge><cbc:ChargeIndicator>0</cbc:ChargeIndicator><cbc:Amount>1.005</cbc:Amount></cac:AllowanceCharge>
</Invoice>`;

function treeOf(xml: string): XmlTreeElement {
  const result = readInvoiceModel(Buffer.from(xml, 'utf8'));
  if (!result.ok) throw new Error('unreadable');
  return result.tree;
}

function evaluate(expression: string, xml = UBL): unknown[] {
  const root = treeOf(xml);
  const counts: AtomCounts = { local: [], base: 0, global: [] };
  const evaluator = new XPathEvaluator(new XPathDocument(root), counts);
  return evaluator.evaluate(parseXPathSubset(expression), { item: root, position: 1, size: 1 });
}

describe('XPath subset parser', () => {
  it('parses the shapes of the syntax-binding asserts', () => {
    for (const text of [
      'not(cac:InvoicePeriod/cbc:StartTime)',
      '(count(cac:PartyName/cbc:Name) <= 1)',
      'not((cac:InvoiceLine|cac:CreditNoteLine)/cbc:UUID)',
      "not(//cac:AdditionalDocumentReference[cbc:DocumentTypeCode != '130' or not(cbc:DocumentTypeCode)]/cbc:ID/@schemeID)",
      'count(//@name) - count(//cbc:PaymentMeansCode/@name) <= 0',
      "count(cac:PartyTaxScheme[cac:TaxScheme/upper-case(cbc:ID)='VAT']/cbc:CompanyID) <= 1",
      'count(//cbc:PaymentID[not(preceding::cbc:PaymentID/. = .)]) <= 1',
      "string-length(substring-after(.,'.'))<=2",
      "//*[ends-with(name(), 'Amount') and not(ancestor::cac:Price/cac:AllowanceCharge)]",
      "matches(.,'^\\s*(\\d{4})(1[0-2]|0[1-9]){1}\\s*$')",
      'count(distinct-values(//ram:ApplicableTradeTax/ram:DueDateTypeCode)) = 1',
      'normalize-space((//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode)[1])',
    ]) {
      expect(() => parseXPathSubset(text), text).not.toThrow();
    }
  });

  it('builds paths with their start, steps and predicates', () => {
    expect(parseXPathSubset('//cac:Party/@schemeID')).toEqual({
      kind: 'path',
      start: 'descendant',
      steps: [
        { kind: 'step', axis: 'child', test: 'cac:Party', predicates: [] },
        { kind: 'step', axis: 'attribute', test: 'schemeID', predicates: [] },
      ],
    });
    expect(parseXPathSubset("not (a) or b = 'x'")).toMatchObject({
      kind: 'or',
      left: { kind: 'call', name: 'not' },
      right: { kind: 'compare', op: '=' },
    });
  });

  it('refuses what it does not know, with a reason', () => {
    expect(() => parseXPathSubset('following::cbc:ID')).toThrow(XPathSubsetError);
    expect(() => parseXPathSubset('sum(cbc:Amount)')).toThrow(/sum\(\) not supported/);
    expect(() => parseXPathSubset('for $x in a return $x')).toThrow(XPathSubsetError);
    expect(() => parseXPathSubset('count(a')).toThrow(XPathSubsetError);
  });
});

describe('XPath subset evaluator', () => {
  it('counts, tests existence and reads attributes', () => {
    expect(evaluate('count(cbc:Note)')).toEqual([2]);
    expect(evaluate('not(cbc:UUID)')).toEqual([true]);
    expect(evaluate('exists(cbc:ID/@schemeID)')).toEqual([true]);
    expect(evaluate('count(//cbc:PaymentID)')).toEqual([2]);
  });

  it('compares as XPath 2.0 general comparisons do', () => {
    expect(evaluate("cbc:Note = 'b'")).toEqual([true]);
    expect(evaluate("cbc:Note != 'a'")).toEqual([true]);
    // The untyped text is cast to xs:boolean: "0" is false.
    expect(evaluate('cac:AllowanceCharge[cbc:ChargeIndicator = false()]/cbc:Amount')).toHaveLength(
      1,
    );
    expect(evaluate("string-length(substring-after(cac:AllowanceCharge/cbc:Amount,'.'))")).toEqual([
      3,
    ]);
  });

  it('evaluates preceding:: and distinct values as the artefact needs them', () => {
    expect(evaluate('count(//cbc:PaymentID[not(preceding::cbc:PaymentID/. = .)])')).toEqual([1]);
    expect(
      evaluate('count(//cbc:PaymentMeansCode[not(preceding::cbc:PaymentMeansCode/. = .)])'),
    ).toEqual([2]);
    expect(evaluate('count(distinct-values(//cbc:PaymentID))')).toEqual([1]);
  });

  it('reads \\s and \\d in regexes as XPath does', () => {
    const pattern = "'^\\s*(\\d{4})\\s*$'";
    expect(evaluate(`matches(' 2020 ', ${pattern})`)).toEqual([true]);
    expect(evaluate(`matches('\u00a02020', ${pattern})`)).toEqual([false]);
    expect(evaluate(`matches('\u0662\u0660\u0662\u0660', ${pattern})`)).toEqual([true]);
  });

  it('knows the document node, names and ancestors', () => {
    expect(evaluate("local-name(/*) = 'Invoice'")).toEqual([true]);
    expect(evaluate('count(//cbc:Amount[ancestor::cac:AllowanceCharge])')).toEqual([1]);
    expect(evaluate("ends-with(name(cac:AllowanceCharge/cbc:Amount), 'Amount')")).toEqual([true]);
  });
});
