import type { XmlDocument } from 'libxml2-wasm';
import type { ValidationIssue } from '../errors/index.js';
import { readInvoiceModel } from '../formats/model/index.js';
import { checkFr, type FrRuleOverrides } from './fr/index.js';

export interface FrLayerOptions {
  readonly overrides?: FrRuleOverrides | undefined;
  /** Whether the en16931 layer already reported a document the model cannot read. */
  readonly isModelIssueReported: boolean;
}

/**
 * The French public-sector rules on an already parsed document. A document the model cannot
 * read yields its coded issues here only when the en16931 layer did not report them already.
 */
export function checkFrRules(doc: XmlDocument, options: FrLayerOptions): ValidationIssue[] {
  const model = readInvoiceModel(doc);
  if (!model.ok) return options.isModelIssueReported ? [] : [...model.issues];
  return checkFr(model.model, options.overrides);
}
