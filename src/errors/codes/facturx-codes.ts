import type { CodeTable } from '../code-definition.js';

/**
 * Factur-X / ZUGFeRD hybrid PDF checks (issue 4). Fatal codes mean no invoice XML could be
 * taken from the PDF; container metadata defects are warnings because the embedded XML is the
 * legal invoice and is still validated on its own.
 */
export const FACTURX_CODES = {
  FACTURX_PDF_UNREADABLE: {
    layer: 'facturx',
    severity: 'fatal',
    message: 'The PDF cannot be read: it is truncated, corrupt or not a PDF.',
  },
  FACTURX_PDF_ENCRYPTED: {
    layer: 'facturx',
    severity: 'fatal',
    message: 'The PDF is encrypted; a Factur-X PDF (PDF/A-3) must not be.',
  },
  FACTURX_ATTACHMENT_MISSING: {
    layer: 'facturx',
    severity: 'fatal',
    message: 'The PDF has no embedded invoice XML (factur-x.xml).',
  },
  FACTURX_ATTACHMENT_NAME_NONSTANDARD: {
    layer: 'facturx',
    severity: 'fatal',
    message:
      'The PDF embeds an XML file whose name is not factur-x.xml, zugferd-invoice.xml, ZUGFeRD-invoice.xml or xrechnung.xml.',
  },
  FACTURX_ATTACHMENT_NOT_IN_NAME_TREE: {
    layer: 'facturx',
    severity: 'fatal',
    message:
      "The invoice XML is reachable only through the catalogue's /AF array: the EmbeddedFiles name tree does not list it (a broken structure PDF readers reject).",
  },
  FACTURX_ATTACHMENT_UNREADABLE: {
    layer: 'facturx',
    severity: 'fatal',
    message: 'The embedded invoice XML cannot be decoded (corrupt stream or unsupported filter).',
  },
  FACTURX_ATTACHMENT_TOO_LARGE: {
    layer: 'facturx',
    severity: 'fatal',
    message: 'The embedded invoice XML is larger than the size limit; it was not decoded.',
  },
  FACTURX_AF_RELATIONSHIP_INVALID: {
    layer: 'facturx',
    severity: 'warning',
    message:
      'The embedded invoice AFRelationship is missing or not one of Data, Alternative, Source.',
  },
  FACTURX_XMP_MISSING: {
    layer: 'facturx',
    severity: 'warning',
    message:
      'The PDF has no readable XMP metadata with the Factur-X extension (fx:DocumentType, fx:ConformanceLevel...).',
  },
  FACTURX_XMP_PROFILE_MISMATCH: {
    layer: 'facturx',
    severity: 'warning',
    message: 'The XMP fx:ConformanceLevel does not match the profile of the embedded XML (BT-24).',
  },
  FACTURX_XMP_FILENAME_MISMATCH: {
    layer: 'facturx',
    severity: 'warning',
    message: 'The XMP fx:DocumentFileName does not match the name of the embedded invoice.',
  },
  FACTURX_XMP_DOCUMENT_TYPE_INVALID: {
    layer: 'facturx',
    severity: 'warning',
    message: 'The XMP fx:DocumentType is not INVOICE.',
  },
  FACTURX_PDFA_PART_INVALID: {
    layer: 'facturx',
    severity: 'warning',
    message: 'The XMP PDF/A identification (pdfaid:part) is missing or not 3.',
  },
  FACTURX_PROFILE_UNKNOWN: {
    layer: 'facturx',
    severity: 'fatal',
    message:
      'The guideline id of the embedded XML (BT-24) is missing or not a Factur-X 1.0 / ZUGFeRD 2 profile id; the invoice is refused.',
  },
  FACTURX_PROFILE_REFUSED: {
    layer: 'facturx',
    severity: 'fatal',
    message:
      'This Factur-X profile is not among the accepted ones (facturx.acceptedProfiles: BASIC WL, BASIC, EN 16931, EXTENDED by default).',
  },
  FACTURX_PROFILE_PARTIAL: {
    layer: 'facturx',
    severity: 'warning',
    message:
      'This Factur-X profile (BASIC WL) carries no invoice lines: it is accepted but is not a full EN 16931 invoice.',
  },
} as const satisfies CodeTable;
