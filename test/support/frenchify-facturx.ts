import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import { frenchify, type FrenchBuyer } from './frenchify.js';

const INVOICE_NAMES = new Set([
  'factur-x.xml',
  'zugferd-invoice.xml',
  'ZUGFeRD-invoice.xml',
  'xrechnung.xml',
]);

function fileSpecs(doc: PDFDocument): PDFDict[] {
  const specs: PDFDict[] = [];
  const associated = doc.catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  for (let index = 0; associated && index < associated.size(); index += 1) {
    const spec = associated.lookup(index);
    if (spec instanceof PDFDict) specs.push(spec);
  }
  const tree = doc.catalog
    .lookupMaybe(PDFName.of('Names'), PDFDict)
    ?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const pairs = tree?.lookupMaybe(PDFName.of('Names'), PDFArray);
  for (let index = 1; pairs && index < pairs.size(); index += 2) {
    const spec = pairs.lookup(index);
    if (spec instanceof PDFDict && !specs.includes(spec)) specs.push(spec);
  }
  return specs;
}

function nameOf(spec: PDFDict): string {
  const value = spec.lookup(PDFName.of('UF')) ?? spec.lookup(PDFName.of('F'));
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '';
}

/**
 * A copy of a real Factur-X PDF whose embedded invoice is addressed to a French public buyer,
 * everything else (pages, XMP, file specification) kept as it was.
 */
export async function frenchifyFacturX(pdf: Uint8Array, buyer: FrenchBuyer): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  let replaced = 0;
  for (const spec of fileSpecs(doc)) {
    if (!INVOICE_NAMES.has(nameOf(spec))) continue;
    const ref = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.get(PDFName.of('F'));
    if (!(ref instanceof PDFRef)) continue;
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    const xml = frenchify(decodePDFRawStream(stream).decode(), buyer);
    const updated = doc.context.flateStream(xml, { Type: 'EmbeddedFile' });
    const subtype = stream.dict.get(PDFName.of('Subtype'));
    if (subtype) updated.dict.set(PDFName.of('Subtype'), subtype);
    doc.context.assign(ref, updated);
    replaced += 1;
  }
  if (replaced === 0) throw new Error('no embedded invoice found to address');
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
