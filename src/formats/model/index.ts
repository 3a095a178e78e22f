export type {
  Address,
  AllowanceCharge,
  CardAccount,
  Classification,
  Delivery,
  DocumentKind,
  DocumentReference,
  DocumentTotals,
  FinancialAccount,
  InvoiceLine,
  InvoiceModel,
  InvoiceSyntax,
  ItemAttribute,
  Party,
  PaymentMeans,
  Period,
  SubjectNote,
  TaxCategory,
  TaxIdentifier,
  TaxTotal,
  VatBreakdown,
} from './invoice-model.js';
export type { OversizedValue, ValueSizeLimits } from './find-oversized-value.js';
export { DEFAULT_VALUE_SIZE_LIMITS, findOversizedValue } from './find-oversized-value.js';
export type { SourceLocation, SourceValue } from './source-value.js';
export { hasText, normalizeSpace, normalizeSpaceText } from './source-value.js';
export type { ModelResult, ReadModelOptions } from './read-invoice-model.js';
export { DEFAULT_MAX_LINES, readInvoiceModel } from './read-invoice-model.js';
export type { XmlTreeElement } from './xml-tree.js';
export { NO_ATTRIBUTES, textOf, xpathOfChain } from './xml-tree.js';
