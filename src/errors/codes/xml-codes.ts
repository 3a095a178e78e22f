import type { CodeTable } from '../code-definition.js';

/** Syntax detection, well-formedness and XSD validation of XML documents. */
export const XML_CODES = {
  XML_NOT_XML: {
    layer: 'syntax',
    severity: 'fatal',
    message: 'The file does not start like an XML document.',
  },
  XML_MALFORMED: { layer: 'syntax', severity: 'fatal', message: 'The XML is not well-formed.' },
  XML_DOCTYPE_FORBIDDEN: {
    layer: 'syntax',
    severity: 'fatal',
    message: 'The XML declares a DOCTYPE; DTDs and entities are refused and never expanded.',
  },
  XML_ENCODING_UNSUPPORTED: {
    layer: 'syntax',
    severity: 'fatal',
    message: 'The XML declares an encoding other than UTF-8.',
  },
  XML_VALUE_TOO_LARGE: {
    layer: 'syntax',
    severity: 'fatal',
    message:
      'An attribute value (over 64 KiB) or a text node (over 1 MiB, outside …BinaryObject attachments) is larger than any invoice has; the document was not parsed.',
  },
  DOC_UNKNOWN_TYPE: {
    layer: 'syntax',
    severity: 'fatal',
    message:
      'The root element is not a UBL 2.1 Invoice or CreditNote nor a CII D16B CrossIndustryInvoice.',
  },
  XSD_INVALID: {
    layer: 'xsd',
    severity: 'fatal',
    message: 'The document does not conform to its official XML Schema.',
  },
  XSD_UNAVAILABLE: {
    layer: 'xsd',
    severity: 'fatal',
    message: 'The official schema for this document type is not installed on the gateway.',
  },
} as const satisfies CodeTable;
