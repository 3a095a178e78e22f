/**
 * Generates a consistent UBL 2.1 invoice with any number of lines (standard rate 20 %), for
 * the large-invoice tests and the benchmark. Amounts are built in integer cents, so totals
 * agree exactly with what BR-CO-10 to BR-CO-16 and BR-S-08/09 recompute.
 */
function cents(value: number): string {
  return `${String(Math.trunc(value / 100))}.${String(value % 100).padStart(2, '0')}`;
}

function generateLine(index: number, netCents: number): string {
  return `<cac:InvoiceLine><cbc:ID>${String(index)}</cbc:ID><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="EUR">${cents(netCents)}</cbc:LineExtensionAmount><cac:Item><cbc:Name>Item ${String(index)}</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item><cac:Price><cbc:PriceAmount currencyID="EUR">${cents(netCents)}</cbc:PriceAmount></cac:Price></cac:InvoiceLine>`;
}

function generateParty(name: string, vatId: string, country: string): string {
  return `<cac:Party><cac:PostalAddress><cbc:CityName>City</cbc:CityName><cac:Country><cbc:IdentificationCode>${country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress><cac:PartyTaxScheme><cbc:CompanyID>${vatId}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity><cbc:RegistrationName>${name}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party>`;
}

export function generateUblInvoice(lineCount: number): string {
  const lines: string[] = [];
  let netCents = 0;
  for (let index = 1; index <= lineCount; index += 1) {
    const lineCents = 1000 + (index % 97);
    netCents += lineCents;
    lines.push(generateLine(index, lineCents));
  }
  const taxCents = Math.round((netCents * 20) / 100);
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID><cbc:ID>GEN-${String(lineCount)}</cbc:ID><cbc:IssueDate>2026-01-15</cbc:IssueDate><cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode><cbc:BuyerReference>REF</cbc:BuyerReference><cac:AccountingSupplierParty>${generateParty('Seller SA', 'FR12345678901', 'FR')}</cac:AccountingSupplierParty><cac:AccountingCustomerParty>${generateParty('Buyer SARL', 'FR98765432109', 'FR')}</cac:AccountingCustomerParty><cac:TaxTotal><cbc:TaxAmount currencyID="EUR">${cents(taxCents)}</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">${cents(netCents)}</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">${cents(taxCents)}</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal><cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">${cents(netCents)}</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="EUR">${cents(netCents)}</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID="EUR">${cents(netCents + taxCents)}</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="EUR">${cents(netCents + taxCents)}</cbc:PayableAmount></cac:LegalMonetaryTotal>${lines.join('')}</Invoice>`;
}
