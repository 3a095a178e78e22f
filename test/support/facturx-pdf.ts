import { AFRelationship, PDFDocument, PDFName } from 'pdf-lib';

/** Test-only builder of hybrid PDFs with chosen defects; real PDFs come from shared/samples. */
export interface HybridPdfSpec {
  /** Omit to build a PDF without any attachment. */
  readonly xml?: string | Uint8Array;
  readonly attachmentName?: string;
  readonly afRelationship?: AFRelationship;
  /** Omit for no XMP stream at all. */
  readonly xmp?: string;
}

export async function buildHybridPdf(spec: HybridPdfSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText('Invoice', { x: 20, y: 100, size: 12 });
  if (spec.xml !== undefined) {
    const bytes = typeof spec.xml === 'string' ? new TextEncoder().encode(spec.xml) : spec.xml;
    await doc.attach(bytes, spec.attachmentName ?? 'factur-x.xml', {
      mimeType: 'text/xml',
      afRelationship: spec.afRelationship ?? AFRelationship.Data,
    });
  }
  if (spec.xmp !== undefined) {
    const stream = doc.context.stream(new TextEncoder().encode(spec.xmp), {
      Type: 'Metadata',
      Subtype: 'XML',
    });
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  }
  return doc.save({ useObjectStreams: false });
}

export interface XmpSpec {
  readonly conformanceLevel?: string;
  readonly documentFileName?: string;
  readonly documentType?: string;
  readonly pdfaPart?: string;
  readonly namespace?: string;
  /** Write fx properties as attributes of rdf:Description instead of child elements. */
  readonly asAttributes?: boolean;
}

export function buildXmp(spec: XmpSpec = {}): string {
  const namespace = spec.namespace ?? 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';
  const properties: [string, string | undefined][] = [
    ['DocumentType', spec.documentType ?? 'INVOICE'],
    ['DocumentFileName', spec.documentFileName ?? 'factur-x.xml'],
    ['Version', '1.0'],
    ['ConformanceLevel', spec.conformanceLevel ?? 'EN 16931'],
  ];
  const fx = spec.asAttributes
    ? `<rdf:Description rdf:about="" xmlns:fx="${namespace}" ${properties
        .map(([name, value]) => `fx:${name}="${value ?? ''}"`)
        .join(' ')}/>`
    : `<rdf:Description rdf:about="" xmlns:fx="${namespace}">${properties
        .map(([name, value]) => `<fx:${name}>${value ?? ''}</fx:${name}>`)
        .join('')}</rdf:Description>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>${spec.pdfaPart ?? '3'}</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>
${fx}
</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
}

/** A CII skeleton with the given guideline id; enough for profile detection, not for the XSD. */
export function buildCiiXml(guidelineId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>${guidelineId}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
</rsm:CrossIndustryInvoice>`;
}
