import { describe, expect, it } from 'vitest';
import { checkFr, FR_RULE_IDS, isValidIban } from '../../../../src/validate/fr/index.js';
import { ALL_FATAL, CII, edit, modelOf, UBL } from './fr-documents.js';

const rulesOf = (xml: string): string[] => checkFr(modelOf(xml), ALL_FATAL).map((i) => i.rule);

type Case = readonly [
  rule: string,
  syntax: 'UBL' | 'CII',
  what: string,
  mutate: (xml: string) => string,
];

const UBL_NUMBER = '<cbc:ID>FA-2026-000123</cbc:ID>';
const CII_NUMBER = '<ram:ID>FC-2026-7781</ram:ID>';
const UBL_TYPE = '<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>';
const CII_TYPE = '<ram:TypeCode>380</ram:TypeCode>';
const UBL_CURRENCY = '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>';
const UBL_IBAN = '<cbc:ID>FR7630006000011234567890189</cbc:ID>';
const CII_IBAN = '<ram:IBANID>FR7630006000011234567890189</ram:IBANID>';
const UBL_BILLING_REF =
  '<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>FA-2026-000100</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>';

const FIRES: readonly Case[] = [
  ['FR-B2G-01', 'UBL', 'a 21-character number', (x) => edit(x, UBL_NUMBER, '<cbc:ID>FA-2026-0001234567890</cbc:ID>')],
  ['FR-B2G-01', 'CII', 'a 21-character number', (x) => edit(x, CII_NUMBER, '<ram:ID>FC-2026-7781-123456789</ram:ID>')],
  ['FR-B2G-02', 'UBL', 'type 393 (factored invoice)', (x) => edit(x, UBL_TYPE, '<cbc:InvoiceTypeCode>393</cbc:InvoiceTypeCode>')],
  ['FR-B2G-02', 'CII', 'type 751', (x) => edit(x, CII_TYPE, '<ram:TypeCode>751</ram:TypeCode>')],
  ['FR-B2G-03', 'UBL', 'no buyer SIRET', (x) => x.replaceAll('schemeID="0009"', 'schemeID="0088"')],
  ['FR-B2G-03', 'CII', 'a 13-digit SIRET', (x) => x.replaceAll('21750001600019', '2175000160001')],
  ['FR-B2G-04', 'UBL', 'a tax currency', (x) => edit(x, UBL_CURRENCY, `${UBL_CURRENCY}<cbc:TaxCurrencyCode>USD</cbc:TaxCurrencyCode>`)],
  ['FR-B2G-04', 'CII', 'a tax currency', (x) => edit(x, '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>', '<ram:TaxCurrencyCode>USD</ram:TaxCurrencyCode><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>')],
  ['FR-B2G-05', 'UBL', 'a 101-character service code', (x) => edit(x, 'SERV-COMPTA', 'S'.repeat(101))],
  ['FR-B2G-05', 'CII', 'a 101-character service code', (x) => edit(x, 'MAIRIE-FIN', 'M'.repeat(101))],
  ['FR-B2G-06', 'UBL', 'a wrong check digit', (x) => edit(x, UBL_IBAN, '<cbc:ID>FR7730006000011234567890189</cbc:ID>')],
  ['FR-B2G-06', 'UBL', 'a spaced IBAN', (x) => edit(x, UBL_IBAN, '<cbc:ID>FR76 3000 6000 0112 3456 7890 189</cbc:ID>')],
  ['FR-B2G-06', 'CII', 'a proprietary account only', (x) => edit(x, CII_IBAN, '<ram:ProprietaryID>123456</ram:ProprietaryID>')],
  ['FR-B2G-07', 'UBL', 'type 381 with payment means', (x) => edit(x, UBL_TYPE, '<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>')],
  ['FR-B2G-07', 'CII', 'type 381 with payment means', (x) => edit(x, CII_TYPE, '<ram:TypeCode>381</ram:TypeCode>')],
  ['BR-FR-01', 'UBL', 'a 36-character number', (x) => edit(x, UBL_NUMBER, `<cbc:ID>${'A'.repeat(36)}</cbc:ID>`)],
  ['BR-FR-01', 'UBL', 'a space in the number', (x) => edit(x, UBL_NUMBER, '<cbc:ID>FA 1</cbc:ID>')],
  ['BR-FR-01', 'CII', 'a 36-character preceding invoice', (x) => edit(x, '</ram:SpecifiedTradeSettlementPaymentMeans>', `</ram:SpecifiedTradeSettlementPaymentMeans><ram:InvoiceReferencedDocument><ram:IssuerAssignedID>${'B'.repeat(36)}</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>`)],
  ['BR-FR-02', 'UBL', 'a dot in the number', (x) => edit(x, UBL_NUMBER, '<cbc:ID>FA.2026.1</cbc:ID>')],
  ['BR-FR-02', 'CII', 'a space in the number', (x) => edit(x, CII_NUMBER, '<ram:ID>FC 7781</ram:ID>')],
  ['BR-FR-02', 'UBL', 'a preceding invoice with #', (x) => edit(x, '<cac:AccountingSupplierParty>', `${UBL_BILLING_REF.replace('FA-2026-000100', 'FA#100')}<cac:AccountingSupplierParty>`)],
  ['BR-FR-03', 'UBL', 'an issue date in 1999', (x) => edit(x, '<cbc:IssueDate>2026-11-02</cbc:IssueDate>', '<cbc:IssueDate>1999-11-02</cbc:IssueDate>')],
  ['BR-FR-03', 'UBL', 'the 29th of February 2026', (x) => edit(x, '<cbc:IssueDate>2026-11-02</cbc:IssueDate>', '<cbc:IssueDate>2026-02-29</cbc:IssueDate>')],
  ['BR-FR-03', 'CII', 'an issue date in 2100', (x) => edit(x, '20261105', '21001105')],
  ['BR-FR-04', 'UBL', 'type 326 (partial invoice)', (x) => edit(x, UBL_TYPE, '<cbc:InvoiceTypeCode>326</cbc:InvoiceTypeCode>')],
  ['BR-FR-04', 'CII', 'type 751', (x) => edit(x, CII_TYPE, '<ram:TypeCode>751</ram:TypeCode>')],
  ['BR-FR-05', 'UBL', 'no #PMD# note', (x) => edit(x, '#PMD#', '#XXX#')],
  ['BR-FR-05', 'CII', 'no AAB note', (x) => edit(x, '<ram:SubjectCode>AAB</ram:SubjectCode>', '<ram:SubjectCode>ABL</ram:SubjectCode>')],
  ['BR-FR-06', 'UBL', 'two #PMT# notes', (x) => edit(x, '#PMD#', '#PMD# #PMT#')],
  ['BR-FR-06', 'CII', 'two PMD notes', (x) => edit(x, '<ram:SubjectCode>AAB</ram:SubjectCode>', '<ram:SubjectCode>PMD</ram:SubjectCode>')],
  ['BR-FR-10', 'UBL', 'a SIREN of 8 digits', (x) => edit(x, '>123456789</cbc:CompanyID>', '>12345678</cbc:CompanyID>')],
  ['BR-FR-10', 'CII', 'no SIREN', (x) => edit(x, '<ram:ID schemeID="0002">123456789</ram:ID>', '<ram:ID schemeID="0009">12345678901234</ram:ID>')],
  ['BR-FR-12', 'UBL', 'a blank buyer address', (x) => edit(x, '>11000201100044</cbc:EndpointID>', '>  </cbc:EndpointID>')],
  ['BR-FR-12', 'CII', 'no buyer address', (x) => edit(x, '<ram:URIUniversalCommunication><ram:URIID schemeID="0009">21750001600019</ram:URIID></ram:URIUniversalCommunication>', '')],
  ['BR-FR-13', 'UBL', 'no seller address', (x) => edit(x, '<cbc:EndpointID schemeID="0225">123456789_FACT</cbc:EndpointID>', '')],
  ['BR-FR-13', 'CII', 'an empty seller address', (x) => edit(x, '>123456789_FACT</ram:URIID>', '></ram:URIID>')],
  ['BR-FR-15', 'UBL', 'category L on a line', (x) => x.replace('<cbc:ID>S</cbc:ID>', '<cbc:ID>L</cbc:ID>')],
  ['BR-FR-15', 'CII', 'category M on a line', (x) => x.replace('<ram:CategoryCode>S</ram:CategoryCode>', '<ram:CategoryCode>M</ram:CategoryCode>')],
  ['BR-FR-16', 'UBL', 'a 19 % rate', (x) => x.replace('<cbc:Percent>20</cbc:Percent>', '<cbc:Percent>19</cbc:Percent>')],
  ['BR-FR-16', 'CII', 'a 20.000 rate', (x) => x.replace('<ram:RateApplicablePercent>20</ram:RateApplicablePercent>', '<ram:RateApplicablePercent>20.000</ram:RateApplicablePercent>')],
  ['BR-FR-20', 'UBL', 'a BAR note with B2G', (x) => edit(x, '#PMD#', '#BAR#B2G#PMD#')],
  ['BR-FR-20', 'UBL', 'B2CINT, missing from the UBL list', (x) => edit(x, '#PMD#', '#BAR#B2CINT#PMD#')],
  ['BR-FR-20', 'CII', 'a BAR note with B2G', (x) => edit(x, '<ram:SubjectCode>AAB</ram:SubjectCode></ram:IncludedNote>', '<ram:SubjectCode>AAB</ram:SubjectCode></ram:IncludedNote><ram:IncludedNote><ram:Content>B2G</ram:Content><ram:SubjectCode>BAR</ram:SubjectCode></ram:IncludedNote>')],
  ['BR-FR-25', 'UBL', 'a 126-character buyer address', (x) => edit(x, '>11000201100044</cbc:EndpointID>', `>${'a'.repeat(126)}</cbc:EndpointID>`)],
  ['BR-FR-25', 'CII', 'a 126-character seller address', (x) => edit(x, '>123456789_FACT</ram:URIID>', `>${'a'.repeat(126)}</ram:URIID>`)],
  ['BR-FR-32', 'UBL', 'a buyer SIREN of 10 digits', (x) => edit(x, '<cbc:CompanyID schemeID="0009">11000201100044</cbc:CompanyID>', '<cbc:CompanyID schemeID="0009">11000201100044</cbc:CompanyID><cbc:CompanyID schemeID="0002">1100020110</cbc:CompanyID>')],
  ['BR-FR-32', 'CII', 'a global id 0231 with letters', (x) => edit(x, '<ram:Name>Acme Fournitures SAS</ram:Name>', '<ram:GlobalID schemeID="0231">12345678A</ram:GlobalID><ram:Name>Acme Fournitures SAS</ram:Name>')],
  ['BR-FR-CO-04', 'UBL', 'a corrective invoice without reference', (x) => edit(x, UBL_TYPE, '<cbc:InvoiceTypeCode>384</cbc:InvoiceTypeCode>')],
  ['BR-FR-CO-04', 'CII', 'a corrective invoice without reference', (x) => edit(x, CII_TYPE, '<ram:TypeCode>384</ram:TypeCode>')],
  ['BR-FR-CO-12', 'UBL', 'an invoice in USD', (x) => x.replace(UBL_CURRENCY, '<cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode>')],
  ['BR-FR-CO-12', 'CII', 'an invoice in USD', (x) => x.replace('<ram:InvoiceCurrencyCode>EUR', '<ram:InvoiceCurrencyCode>USD')],
]; // prettier-ignore

const PASSES: readonly Case[] = [
  ['FR-B2G-01', 'UBL', 'a 20-character number', (x) => edit(x, UBL_NUMBER, '<cbc:ID>FA-2026-000123456789</cbc:ID>')],
  ['FR-B2G-03', 'UBL', 'the SIRET as BT-46 only', (x) => edit(x.replace('<cbc:CompanyID schemeID="0009">11000201100044</cbc:CompanyID>', ''), '<cac:PostalAddress>\n        <cbc:StreetName>1 place', '<cac:PartyIdentification><cbc:ID schemeID="0009">11000201100044</cbc:ID></cac:PartyIdentification><cac:PostalAddress>\n        <cbc:StreetName>1 place')],
  ['FR-B2G-04', 'UBL', 'a tax currency equal to the invoice currency', (x) => edit(x, UBL_CURRENCY, `${UBL_CURRENCY}<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>`)],
  ['FR-B2G-05', 'UBL', 'a 100-character service code', (x) => edit(x, 'SERV-COMPTA', 'S'.repeat(100))],
  ['FR-B2G-06', 'UBL', 'a non-transfer payment (card) with no IBAN', (x) => edit(x, '<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>', '<cbc:PaymentMeansCode>48</cbc:PaymentMeansCode>').replace(UBL_IBAN, '<cbc:ID>not an IBAN</cbc:ID>')],
  ['FR-B2G-07', 'UBL', 'a credit note without payment means', (x) => edit(x, UBL_TYPE, '<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>').replace(/<cac:PaymentMeans>[\s\S]*<\/cac:PaymentMeans>/, '')],
  ['BR-FR-01', 'CII', 'a 35-character number', (x) => edit(x, CII_NUMBER, `<ram:ID>${'A'.repeat(35)}</ram:ID>`)],
  ['BR-FR-02', 'UBL', 'the characters + - _ /', (x) => edit(x, UBL_NUMBER, '<cbc:ID>A+B-C_D/E</cbc:ID>')],
  ['BR-FR-03', 'UBL', 'the 29th of February 2028', (x) => edit(x, '<cbc:IssueDate>2026-11-02</cbc:IssueDate>', '<cbc:IssueDate>2028-02-29</cbc:IssueDate>')],
  ['BR-FR-04', 'UBL', 'type 389 (self-billed)', (x) => edit(x, UBL_TYPE, '<cbc:InvoiceTypeCode>389</cbc:InvoiceTypeCode>')],
  ['BR-FR-06', 'UBL', 'a TXD note once', (x) => edit(x, '#PMD#', '#TXD#x#PMD#')],
  ['BR-FR-20', 'CII', 'a BAR note with B2CINT', (x) => edit(x, '<ram:SubjectCode>AAB</ram:SubjectCode></ram:IncludedNote>', '<ram:SubjectCode>AAB</ram:SubjectCode></ram:IncludedNote><ram:IncludedNote><ram:Content>B2CINT</ram:Content><ram:SubjectCode>BAR</ram:SubjectCode></ram:IncludedNote>')],
  ['BR-FR-25', 'UBL', 'a 125-character buyer address', (x) => edit(x, '>11000201100044</cbc:EndpointID>', `>${'a'.repeat(125)}</cbc:EndpointID>`)],
  ['BR-FR-16', 'UBL', 'a 5.5 % rate', (x) => x.replaceAll('<cbc:Percent>20</cbc:Percent>', '<cbc:Percent>5.5</cbc:Percent>')],
  ['BR-FR-CO-04', 'UBL', 'a corrective invoice with one reference', (x) => edit(edit(x, UBL_TYPE, '<cbc:InvoiceTypeCode>384</cbc:InvoiceTypeCode>'), '<cac:AccountingSupplierParty>', `${UBL_BILLING_REF}<cac:AccountingSupplierParty>`)],
  ['BR-FR-CO-12', 'UBL', 'USD with EUR accounting and a VAT total in EUR', (x) => edit(x.replace(UBL_CURRENCY, '<cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode><cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>'), '<cac:TaxTotal>', '<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">180.00</cbc:TaxAmount></cac:TaxTotal><cac:TaxTotal>')],
]; // prettier-ignore

describe('the French rules on documents that meet them', () => {
  it.each([
    ['UBL', UBL],
    ['CII', CII],
  ])('%s: no rule fires, every rule switched on', (_name, xml) => {
    expect(checkFr(modelOf(xml), ALL_FATAL)).toEqual([]);
  });

  it('cover every rule in the tests below', () => {
    expect(new Set(FIRES.map(([rule]) => rule))).toEqual(new Set(FR_RULE_IDS));
  });
});

describe('each French rule fires on a document that breaks it', () => {
  it.each(FIRES)('%s (%s): %s', (rule, syntax, _what, mutate) => {
    const xml = mutate(syntax === 'UBL' ? UBL : CII);
    const issue = checkFr(modelOf(xml), ALL_FATAL).find((item) => item.rule === rule);
    expect(issue).toMatchObject({ layer: 'fr', code: 'FR_RULE', severity: 'fatal', rule });
    expect(issue?.message.length).toBeGreaterThan(20);
    expect(issue?.line).toBeGreaterThan(0);
    expect(issue?.xpath).toMatch(
      syntax === 'UBL' ? /^\/ubl:Invoice/ : /^\/rsm:CrossIndustryInvoice/,
    );
  });
});

describe('each French rule passes a document at its limit', () => {
  it.each(PASSES)('%s (%s): %s', (rule, syntax, _what, mutate) => {
    expect(rulesOf(mutate(syntax === 'UBL' ? UBL : CII))).not.toContain(rule);
  });
});

describe('locations', () => {
  it('point at the offending value', () => {
    const xml = edit(UBL, UBL_IBAN, '<cbc:ID>FR7730006000011234567890189</cbc:ID>');
    const issue = checkFr(modelOf(xml), ALL_FATAL).find((item) => item.rule === 'FR-B2G-06');
    expect(issue?.xpath).toBe('/ubl:Invoice/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID');
    const line = xml.split('\n').findIndex((text) => text.includes('FR7730006000011234567890189'));
    expect(issue?.line).toBe(line + 1);
  });
});

describe('FR-B2G-06 messages', () => {
  it('say that spaces are the cause, and give the electronic form', () => {
    const xml = edit(UBL, UBL_IBAN, '<cbc:ID>FR76 3000 6000 0112 3456 7890 189</cbc:ID>');
    const issue = checkFr(modelOf(xml), ALL_FATAL).find((item) => item.rule === 'FR-B2G-06');
    expect(issue?.message).toContain('contains spaces');
    expect(issue?.message).toContain('write "FR7630006000011234567890189"');
  });

  it('keep the general reason for an IBAN wrong otherwise', () => {
    const xml = edit(UBL, UBL_IBAN, '<cbc:ID>FR7730006000011234567890189</cbc:ID>');
    const issue = checkFr(modelOf(xml), ALL_FATAL).find((item) => item.rule === 'FR-B2G-06');
    expect(issue?.message).toContain('is not a valid IBAN');
  });
});

describe('isValidIban', () => {
  it.each(['FR7630006000011234567890189', 'DE89370400440532013000', 'GB29NWBK60161331926819', 'NO9386011117947'])(
    'accepts %s',
    (iban) => { expect(isValidIban(iban)).toBe(true); },
  );
  it.each(['FR7630006000011234567890188', 'fr7630006000011234567890189', 'FR76', '', '12345678901234567'])(
    'refuses %s',
    (iban) => { expect(isValidIban(iban)).toBe(false); },
  );
}); // prettier-ignore

describe('BR-FR-16 on line rates follows the line element, as the French Schematron', () => {
  const lineRate = (xml: string, from: string, to: string): string =>
    xml
      .replace(
        new RegExp(
          `(<${from}>[\\s\\S]*?<cac:ClassifiedTaxCategory>[\\s\\S]*?<cbc:Percent>)20(</cbc:Percent>)`,
        ),
        '$119$2',
      )
      .replaceAll(`cac:${from.slice(4)}`, `cac:${to.slice(4)}`);

  it('checks cac:InvoiceLine rates and not cac:CreditNoteLine ones, in any document', () => {
    const invoiceLines = lineRate(UBL, 'cac:InvoiceLine', 'cac:InvoiceLine');
    const creditNoteLines = lineRate(UBL, 'cac:InvoiceLine', 'cac:CreditNoteLine').replaceAll(
      'cbc:InvoicedQuantity',
      'cbc:CreditedQuantity',
    );
    const lineIssues = (xml: string) =>
      checkFr(modelOf(xml), ALL_FATAL).filter(
        (issue) => issue.rule === 'BR-FR-16' && /Line/.test(issue.xpath ?? ''),
      );
    expect(lineIssues(invoiceLines)).toHaveLength(1);
    expect(lineIssues(creditNoteLines)).toEqual([]);
  });
});
