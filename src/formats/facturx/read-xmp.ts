import type { XmlDocument } from 'libxml2-wasm';

import { readUntrustedXml } from '../../xml/index.js';
import type { UntrustedXmlResult } from '../../xml/index.js';

/**
 * Namespaces of the Factur-X PDF/A extension schema seen in the wild: Factur-X 1.0, ZUGFeRD
 * 2.0/2.1 (which kept its own URN for a while) and ZUGFeRD 1.0.
 */
export const FACTURX_XMP_NAMESPACES = [
  'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#',
  'urn:zugferd:pdfa:CrossIndustryDocument:invoice:2p0#',
  'urn:zugferd:pdfa:CrossIndustryDocument:invoice:1p0#',
  'urn:ferd:pdfa:CrossIndustryDocument:invoice:1p0#',
] as const;

const NAMESPACES: Readonly<Record<string, string>> = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  pdfaid: 'http://www.aiim.org/pdfa/ns/id/',
  ...Object.fromEntries(FACTURX_XMP_NAMESPACES.map((uri, index) => [`fx${index}`, uri])),
};

/** What the XMP packet says about the hybrid invoice; a property absent from it is undefined. */
export interface XmpFacts {
  readonly pdfaPart: string | undefined;
  readonly hasFacturXProperties: boolean;
  readonly documentType: string | undefined;
  readonly documentFileName: string | undefined;
  readonly conformanceLevel: string | undefined;
}

/** Reads the PDF/A id and Factur-X properties from an XMP packet; codes as readUntrustedXml. */
export function readXmp(packet: Uint8Array): UntrustedXmlResult<XmpFacts> {
  return readUntrustedXml(packet, readFacts);
}

function readFacts(doc: XmlDocument): XmpFacts {
  const documentType = readFacturXProperty(doc, 'DocumentType');
  const documentFileName = readFacturXProperty(doc, 'DocumentFileName');
  const conformanceLevel = readFacturXProperty(doc, 'ConformanceLevel');
  const version = readFacturXProperty(doc, 'Version');
  return {
    pdfaPart: readProperty(doc, ['pdfaid'], 'part'),
    hasFacturXProperties: [documentType, documentFileName, conformanceLevel, version].some(
      (value) => value !== undefined,
    ),
    documentType,
    documentFileName,
    conformanceLevel,
  };
}

function readFacturXProperty(doc: XmlDocument, name: string): string | undefined {
  const prefixes = FACTURX_XMP_NAMESPACES.map((_, index) => `fx${index}`);
  return readProperty(doc, prefixes, name);
}

/** RDF allows a simple property both as a child element and as an attribute of rdf:Description. */
function readProperty(
  doc: XmlDocument,
  prefixes: readonly string[],
  name: string,
): string | undefined {
  const xpath = prefixes
    .flatMap((prefix) => [
      `//rdf:Description/${prefix}:${name}`,
      `//rdf:Description/@${prefix}:${name}`,
    ])
    .join(' | ');
  const value = doc.get(xpath, NAMESPACES)?.content.trim();
  return value === undefined || value === '' ? undefined : value;
}
