export type { Syntax } from './syntax.js';
export { NAMESPACES, detectSyntax } from './syntax.js';
export type { ContentKind } from './sniff-content.js';
export { sniffContent } from './sniff-content.js';
export type { RoutingKeys } from './keys/routing-keys.js';
export { readRoutingKeys } from './keys/read-routing-keys.js';
export type {
  AllowanceCharge,
  DocumentTotals,
  InvoiceLine,
  InvoiceModel,
  InvoiceSyntax,
  Party,
  Period,
  SourceLocation,
  SourceValue,
  TaxCategory,
  VatBreakdown,
  XmlTreeElement,
} from './model/index.js';
export {
  NO_ATTRIBUTES,
  findOversizedValue,
  hasText,
  normalizeSpace,
  normalizeSpaceText,
  readInvoiceModel,
  textOf,
  xpathOfChain,
} from './model/index.js';
export type { FacturXProfile } from './facturx/index.js';
export { extractFacturX, isFullInvoiceProfile, profileSchemaPath } from './facturx/index.js';
