import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readInvoiceModel, type InvoiceModel } from '../../../../src/formats/model/index.js';
import { FR_RULE_IDS, type FrRuleOverrides } from '../../../../src/validate/index.js';
import { REPO_ROOT } from '../../../support/paths.js';

const FIXTURES = path.join(REPO_ROOT, 'fixtures');

const fixture = (name: string): string =>
  readFileSync(path.join(FIXTURES, 'invoices', name), 'utf8');

/** Every French rule switched on as fatal, whatever its default. */
export const ALL_FATAL: FrRuleOverrides = Object.fromEntries(
  FR_RULE_IDS.map((id) => [id, 'fatal'] as const),
);

/** Replaces exactly one occurrence, so that a test never edits something it did not mean to. */
export function edit(xml: string, from: string, to: string): string {
  const index = xml.indexOf(from);
  if (index < 0 || xml.indexOf(from, index + 1) >= 0) {
    throw new Error(`expected exactly one occurrence of ${from}`);
  }
  return `${xml.slice(0, index)}${to}${xml.slice(index + from.length)}`;
}

/** The UBL fixture completed with what the reform requires: notes, seller SIREN, addresses. */
export const UBL = [
  (xml: string) =>
    edit(
      xml,
      '<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>',
      "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>\n  <cbc:Note>#PMT#Indemnité forfaitaire de 40 EUR</cbc:Note>\n  <cbc:Note>#PMD#Pénalités au taux légal</cbc:Note>\n  <cbc:Note>#AAB#Pas d'escompte</cbc:Note>",
    ),
  (xml: string) =>
    edit(
      xml,
      '<cac:AccountingSupplierParty>\n    <cac:Party>',
      '<cac:AccountingSupplierParty>\n    <cac:Party>\n      <cbc:EndpointID schemeID="0225">123456789_FACT</cbc:EndpointID>',
    ),
  (xml: string) =>
    edit(
      xml,
      '<cac:AccountingCustomerParty>\n    <cac:Party>',
      '<cac:AccountingCustomerParty>\n    <cac:Party>\n      <cbc:EndpointID schemeID="0009">11000201100044</cbc:EndpointID>',
    ),
  (xml: string) =>
    edit(
      xml,
      '<cbc:CompanyID schemeID="0009">12345678901234</cbc:CompanyID>',
      '<cbc:CompanyID schemeID="0002">123456789</cbc:CompanyID>',
    ),
].reduce((xml, step) => step(xml), fixture('fr-ubl-valid.xml'));

/** The CII fixture completed the same way. */
export const CII = [
  (xml: string) =>
    edit(
      xml,
      '</ram:IssueDateTime>',
      "</ram:IssueDateTime>\n    <ram:IncludedNote><ram:Content>Indemnité forfaitaire de 40 EUR</ram:Content><ram:SubjectCode>PMT</ram:SubjectCode></ram:IncludedNote>\n    <ram:IncludedNote><ram:Content>Pénalités au taux légal</ram:Content><ram:SubjectCode>PMD</ram:SubjectCode></ram:IncludedNote>\n    <ram:IncludedNote><ram:Content>Pas d'escompte</ram:Content><ram:SubjectCode>AAB</ram:SubjectCode></ram:IncludedNote>",
    ),
  (xml: string) =>
    edit(
      xml,
      '<ram:ID schemeID="0009">12345678901234</ram:ID>',
      '<ram:ID schemeID="0002">123456789</ram:ID>',
    ),
  (xml: string) =>
    edit(
      xml,
      '<ram:CountryID>FR</ram:CountryID>\n        </ram:PostalTradeAddress>\n        <ram:SpecifiedTaxRegistration>',
      '<ram:CountryID>FR</ram:CountryID>\n        </ram:PostalTradeAddress>\n        <ram:URIUniversalCommunication><ram:URIID schemeID="0225">123456789_FACT</ram:URIID></ram:URIUniversalCommunication>\n        <ram:SpecifiedTaxRegistration>',
    ),
  (xml: string) =>
    edit(
      xml,
      '<ram:CountryID>FR</ram:CountryID>\n        </ram:PostalTradeAddress>\n      </ram:BuyerTradeParty>',
      '<ram:CountryID>FR</ram:CountryID>\n        </ram:PostalTradeAddress>\n        <ram:URIUniversalCommunication><ram:URIID schemeID="0009">21750001600019</ram:URIID></ram:URIUniversalCommunication>\n      </ram:BuyerTradeParty>',
    ),
].reduce((xml, step) => step(xml), fixture('fr-cii-valid.xml'));

export function modelOf(xml: string): InvoiceModel {
  const result = readInvoiceModel(Buffer.from(xml, 'utf8'));
  if (!result.ok) throw new Error('model unreadable');
  return result.model;
}
