export { isPdf } from './is-pdf.js';
export { extractFacturX, INVOICE_ATTACHMENT_NAMES } from './extract-facturx.js';
export type { FacturXOptions, FacturXResult } from './facturx-result.js';
export { DEFAULT_MAX_FACTURX_XML_BYTES } from './facturx-result.js';
export type { FacturXProfile } from './facturx-profile.js';
export {
  isFullInvoiceProfile,
  profileFromGuidelineId,
  profileSchemaPath,
} from './facturx-profile.js';
export { FACTURX_XMP_NAMESPACES } from './read-xmp.js';
