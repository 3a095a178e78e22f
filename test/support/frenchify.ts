import { ParseOption, XmlDocument, XmlElement } from 'libxml2-wasm';

const UBL = {
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};
const CII = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
};

/** UBL header elements that follow cbc:BuyerReference, in schema order. */
const UBL_AFTER_BUYER_REFERENCE = [
  'InvoicePeriod',
  'DiscrepancyResponse',
  'OrderReference',
  'BillingReference',
  'DespatchDocumentReference',
  'ReceiptDocumentReference',
  'StatementDocumentReference',
  'OriginatorDocumentReference',
  'ContractDocumentReference',
  'AdditionalDocumentReference',
  'ProjectReference',
  'Signature',
  'AccountingSupplierParty',
];

const CII_AFTER_LEGAL_ORGANIZATION = [
  'SpecifiedLegalOrganization',
  'DefinedTradeContact',
  'PostalTradeAddress',
  'URIUniversalCommunication',
  'SpecifiedTaxRegistration',
];

export interface FrenchBuyer {
  readonly siret: string;
  readonly serviceCode?: string | undefined;
}

function elementAt(
  root: XmlElement,
  xpath: string,
  ns: Record<string, string>,
): XmlElement | undefined {
  const node = root.get(xpath, ns);
  return node instanceof XmlElement ? node : undefined;
}

function setText(element: XmlElement, text: string): void {
  for (let child = element.firstChild; child !== null; child = element.firstChild) child.remove();
  element.addText(text);
}

function setScheme(element: XmlElement, scheme: string): void {
  const existing = element.attr('schemeID');
  if (existing) existing.value = scheme;
  else element.setAttr('schemeID', scheme);
}

function firstOf(
  parent: XmlElement,
  prefix: string,
  names: readonly string[],
  ns: Record<string, string>,
): XmlElement | undefined {
  for (const name of names) {
    const found = elementAt(parent, `${prefix}:${name}`, ns);
    if (found) return found;
  }
  return undefined;
}

function setUbl(root: XmlElement, buyer: FrenchBuyer): void {
  const entity = elementAt(root, 'cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity', UBL);
  if (!entity) throw new Error('sample has no buyer cac:PartyLegalEntity');
  let companyId = elementAt(entity, 'cbc:CompanyID', UBL);
  if (!companyId) {
    const name = elementAt(entity, 'cbc:RegistrationName', UBL);
    companyId = name
      ? name.appendElement('CompanyID', 'cbc')
      : entity.addElement('CompanyID', 'cbc');
  }
  setText(companyId, buyer.siret);
  setScheme(companyId, '0009');
  if (buyer.serviceCode === undefined) return;
  let reference = elementAt(root, 'cbc:BuyerReference', UBL);
  if (!reference) {
    const next = firstOf(root, 'cac', UBL_AFTER_BUYER_REFERENCE, UBL);
    if (!next) throw new Error('sample has no element to place cbc:BuyerReference before');
    reference = next.prependElement('BuyerReference', 'cbc');
  }
  setText(reference, buyer.serviceCode);
}

function setCii(root: XmlElement, buyer: FrenchBuyer): void {
  const agreement = elementAt(
    root,
    'rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement',
    CII,
  );
  if (!agreement) throw new Error('sample has no ram:ApplicableHeaderTradeAgreement');
  const party = elementAt(agreement, 'ram:BuyerTradeParty', CII);
  if (!party) throw new Error('sample has no ram:BuyerTradeParty');
  let organization = elementAt(party, 'ram:SpecifiedLegalOrganization', CII);
  if (!organization) {
    const next = firstOf(party, 'ram', CII_AFTER_LEGAL_ORGANIZATION, CII);
    organization = next
      ? next.prependElement('SpecifiedLegalOrganization', 'ram')
      : party.addElement('SpecifiedLegalOrganization', 'ram');
  }
  let id = elementAt(organization, 'ram:ID', CII);
  if (!id) {
    const first = elementAt(organization, '*[1]', CII);
    id = first ? first.prependElement('ID', 'ram') : organization.addElement('ID', 'ram');
  }
  setText(id, buyer.siret);
  setScheme(id, '0009');
  if (buyer.serviceCode === undefined) return;
  let reference = elementAt(agreement, 'ram:BuyerReference', CII);
  if (!reference) {
    const seller = elementAt(agreement, 'ram:SellerTradeParty', CII);
    if (!seller) throw new Error('sample has no ram:SellerTradeParty');
    reference = seller.prependElement('BuyerReference', 'ram');
  }
  setText(reference, buyer.serviceCode);
}

/**
 * BR-FR-CO-04: a corrective invoice (384) names the one invoice it corrects. CII samples that
 * do not get an InvoiceReferencedDocument in its XSD place, after the monetary summation.
 */
function referPrecedingInvoice(root: XmlElement, settlement: string): void {
  if (elementsAt(root, `${settlement}/ram:InvoiceReferencedDocument`, CII).length > 0) return;
  const summation = elementAt(
    root,
    `${settlement}/ram:SpecifiedTradeSettlementHeaderMonetarySummation`,
    CII,
  );
  if (!summation)
    throw new Error('sample has no ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  const reference = summation.appendElement('InvoiceReferencedDocument', 'ram');
  setText(reference.addElement('IssuerAssignedID', 'ram'), 'CORRECTED-1');
}

/** A valid French IBAN (mod-97 checked), for samples whose account is not an IBAN. */
export const FRENCH_IBAN = 'FR7630006000011234567890189';

function elementsAt(root: XmlElement, xpath: string, ns: Record<string, string>): XmlElement[] {
  return root.find(xpath, ns).filter((node) => node instanceof XmlElement);
}

/** Letters, digits and + - _ / only, at most 20 characters (Chorus Pro, BR-FR-01/02). */
function frenchId(text: string): string {
  return text
    .trim()
    .replace(/[^A-Za-z0-9+\-_/]+/g, '-')
    .slice(0, 20);
}

/**
 * What Chorus Pro refuses and the samples carry (FR-B2G-01, 04, 06, 07; BR-FR-01, 02): long or
 * spaced numbers, a second (tax) currency, non-IBAN accounts, payment means on credit notes.
 */
function meetChorusPro(root: XmlElement, isCii: boolean): void {
  const ns = isCii ? CII : UBL;
  const settlement = 'rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement';
  const ids = isCii
    ? [
        'rsm:ExchangedDocument/ram:ID',
        `${settlement}/ram:InvoiceReferencedDocument/ram:IssuerAssignedID`,
      ]
    : ['cbc:ID', 'cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID'];
  for (const id of ids.flatMap((xpath) => elementsAt(root, xpath, ns))) {
    setText(id, frenchId(id.content));
  }
  const currency = elementAt(
    root,
    isCii ? `${settlement}/ram:InvoiceCurrencyCode` : 'cbc:DocumentCurrencyCode',
    ns,
  )?.content.trim();
  const taxCurrency = elementAt(
    root,
    isCii ? `${settlement}/ram:TaxCurrencyCode` : 'cbc:TaxCurrencyCode',
    ns,
  );
  if (taxCurrency && taxCurrency.content.trim() !== currency) {
    const otherTotals = isCii
      ? `${settlement}/ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:TaxTotalAmount[@currencyID!="${currency ?? ''}"]`
      : `cac:TaxTotal[cbc:TaxAmount/@currencyID!="${currency ?? ''}"]`;
    for (const total of elementsAt(root, otherTotals, ns)) total.remove();
    taxCurrency.remove();
  }
  const typeCode = elementAt(
    root,
    isCii ? 'rsm:ExchangedDocument/ram:TypeCode' : 'cbc:InvoiceTypeCode',
    ns,
  )?.content.trim();
  if (isCii && typeCode === '384') referPrecedingInvoice(root, settlement);
  const isCreditNote = root.name === 'CreditNote' || typeCode === '381';
  const meansPath = isCii
    ? `${settlement}/ram:SpecifiedTradeSettlementPaymentMeans`
    : 'cac:PaymentMeans';
  for (const means of elementsAt(root, meansPath, ns)) {
    if (isCreditNote) {
      means.remove();
      continue;
    }
    const code = elementAt(
      means,
      isCii ? 'ram:TypeCode' : 'cbc:PaymentMeansCode',
      ns,
    )?.content.trim();
    if (code !== '30' && code !== '58') continue;
    const accounts = elementsAt(
      means,
      isCii ? 'ram:PayeePartyCreditorFinancialAccount' : 'cac:PayeeFinancialAccount',
      ns,
    );
    for (const account of accounts) {
      const iban = elementAt(account, isCii ? 'ram:IBANID' : 'cbc:ID', ns);
      if (iban) setText(iban, FRENCH_IBAN);
      else if (isCii)
        setText(
          elementAt(account, '*[1]', ns)?.prependElement('IBANID', 'ram') ??
            account.addElement('IBANID', 'ram'),
          FRENCH_IBAN,
        );
    }
  }
}

/**
 * A copy of a sample invoice addressed to a French public buyer: buyer SIRET (BT-47, scheme
 * 0009) and, when given, a service code (BT-10), each placed where its schema wants it; and
 * whatever Chorus Pro refuses in the sample made acceptable (see `meetChorusPro`).
 */
export function frenchify(xml: Uint8Array, buyer: FrenchBuyer): Buffer {
  const doc = XmlDocument.fromBuffer(xml, { option: ParseOption.XML_PARSE_NONET });
  try {
    const isCii = doc.root.name === 'CrossIndustryInvoice';
    if (isCii) setCii(doc.root, buyer);
    else setUbl(doc.root, buyer);
    meetChorusPro(doc.root, isCii);
    return Buffer.from(doc.toString({ format: false }), 'utf8');
  } finally {
    doc.dispose();
  }
}

/** Replaces the invoice number (BT-1), to make distinct invoices out of one sample. */
export function renumber(xml: Uint8Array, number: string): Buffer {
  const doc = XmlDocument.fromBuffer(xml, { option: ParseOption.XML_PARSE_NONET });
  try {
    const id =
      doc.root.name === 'CrossIndustryInvoice'
        ? elementAt(doc.root, 'rsm:ExchangedDocument/ram:ID', CII)
        : elementAt(doc.root, 'cbc:ID', UBL);
    if (!id) throw new Error('no invoice number element');
    setText(id, number);
    return Buffer.from(doc.toString({ format: false }), 'utf8');
  } finally {
    doc.dispose();
  }
}
