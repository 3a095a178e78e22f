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
 * A copy of a sample invoice addressed to a French public buyer: buyer SIRET (BT-47, scheme
 * 0009) and, when given, a service code (BT-10), each placed where its schema wants it.
 */
export function frenchify(xml: Uint8Array, buyer: FrenchBuyer): Buffer {
  const doc = XmlDocument.fromBuffer(xml, { option: ParseOption.XML_PARSE_NONET });
  try {
    if (doc.root.name === 'CrossIndustryInvoice') setCii(doc.root, buyer);
    else setUbl(doc.root, buyer);
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
