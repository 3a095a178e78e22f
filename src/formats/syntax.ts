/** The document syntaxes Passerelle reads. `unknown` is reported, never routed. */
export type Syntax = 'ubl-invoice' | 'ubl-creditnote' | 'cii' | 'unknown';

export const NAMESPACES = {
  ublInvoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  ublCreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
} as const;

/** Syntax from the root element's namespace and local name. */
export function detectSyntax(rootNamespace: string, rootName: string): Syntax {
  if (rootNamespace === NAMESPACES.ublInvoice && rootName === 'Invoice') return 'ubl-invoice';
  if (rootNamespace === NAMESPACES.ublCreditNote && rootName === 'CreditNote') {
    return 'ubl-creditnote';
  }
  if (rootNamespace === NAMESPACES.rsm && rootName === 'CrossIndustryInvoice') return 'cii';
  return 'unknown';
}
