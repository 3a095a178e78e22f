import type { XmlDocument } from 'libxml2-wasm';
import { NAMESPACES, type Syntax } from '../syntax.js';
import type { RoutingKeys } from './routing-keys.js';

const UBL_NS = {
  inv: NAMESPACES.ublInvoice,
  cn: NAMESPACES.ublCreditNote,
  cac: NAMESPACES.cac,
  cbc: NAMESPACES.cbc,
};
const CII_NS = { rsm: NAMESPACES.rsm, ram: NAMESPACES.ram, udt: NAMESPACES.udt };

/** XPaths of each key, relative to the root element. Buyer SIRET candidates in order of preference. */
const UBL_PATHS = {
  number: 'cbc:ID',
  issueDate: 'cbc:IssueDate',
  typeCode: 'cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode',
  currency: 'cbc:DocumentCurrencyCode',
  serviceCode: 'cbc:BuyerReference',
  commitmentNumber: 'cac:OrderReference/cbc:ID',
  buyer: [
    [
      'BT-47',
      'cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID[@schemeID="0009"]',
    ],
    [
      'BT-46',
      'cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID[@schemeID="0009"]',
    ],
    ['BT-49', 'cac:AccountingCustomerParty/cac:Party/cbc:EndpointID[@schemeID="0009"]'],
  ],
  sellerId: [
    'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID',
    'cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID',
    'cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID',
  ],
  sellerName: [
    'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName',
    'cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name',
  ],
} as const;

const CII_AGREEMENT = 'rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement';
const CII_PATHS = {
  number: 'rsm:ExchangedDocument/ram:ID',
  issueDate: 'rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString',
  typeCode: 'rsm:ExchangedDocument/ram:TypeCode',
  currency:
    'rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:InvoiceCurrencyCode',
  serviceCode: `${CII_AGREEMENT}/ram:BuyerReference`,
  commitmentNumber: `${CII_AGREEMENT}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID`,
  buyer: [
    [
      'BT-47',
      `${CII_AGREEMENT}/ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID[@schemeID="0009"]`,
    ],
    ['BT-46', `${CII_AGREEMENT}/ram:BuyerTradeParty/ram:GlobalID[@schemeID="0009"]`],
    [
      'BT-49',
      `${CII_AGREEMENT}/ram:BuyerTradeParty/ram:URIUniversalCommunication/ram:URIID[@schemeID="0009"]`,
    ],
  ],
  sellerId: [
    `${CII_AGREEMENT}/ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID`,
    `${CII_AGREEMENT}/ram:SellerTradeParty/ram:ID`,
    `${CII_AGREEMENT}/ram:SellerTradeParty/ram:GlobalID`,
    `${CII_AGREEMENT}/ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID`,
  ],
  sellerName: [`${CII_AGREEMENT}/ram:SellerTradeParty/ram:Name`],
} as const;

type Paths = typeof UBL_PATHS | typeof CII_PATHS;

function textAt(doc: XmlDocument, xpath: string, ns: Record<string, string>): string | undefined {
  const node = doc.root.get(xpath, ns);
  const value = node?.content.trim();
  return value === undefined || value === '' ? undefined : value;
}

function firstText(
  doc: XmlDocument,
  xpaths: readonly string[],
  ns: Record<string, string>,
): string | undefined {
  for (const xpath of xpaths) {
    const value = textAt(doc, xpath, ns);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** CII dates use format 102 (YYYYMMDD); report ISO dates like UBL. */
function isoDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  return compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : value;
}

/** Reads the routing keys of a parsed UBL or CII invoice. Missing keys stay undefined. */
export function readRoutingKeys(doc: XmlDocument, syntax: Syntax): RoutingKeys {
  if (syntax === 'unknown') return {};
  const paths: Paths = syntax === 'cii' ? CII_PATHS : UBL_PATHS;
  const ns: Record<string, string> = syntax === 'cii' ? CII_NS : UBL_NS;
  let buyerSiret: string | undefined;
  let buyerSiretSource: RoutingKeys['buyerSiretSource'];
  for (const [source, xpath] of paths.buyer) {
    buyerSiret = textAt(doc, xpath, ns);
    if (buyerSiret !== undefined) {
      buyerSiretSource = source;
      break;
    }
  }
  return {
    number: textAt(doc, paths.number, ns),
    issueDate: isoDate(textAt(doc, paths.issueDate, ns)),
    typeCode: textAt(doc, paths.typeCode, ns),
    currency: textAt(doc, paths.currency, ns),
    serviceCode: textAt(doc, paths.serviceCode, ns),
    commitmentNumber: textAt(doc, paths.commitmentNumber, ns),
    buyerSiret,
    buyerSiretSource,
    sellerId: firstText(doc, paths.sellerId, ns),
    sellerName: firstText(doc, paths.sellerName, ns),
  };
}
