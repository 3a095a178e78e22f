import type { ValidationIssue } from '../errors/index.js';
import { readInvoiceModel } from '../formats/model/index.js';
import { checkEn16931, type SyntaxBindingRules } from './en16931/index.js';

/**
 * The EN 16931 business rules on a document's bytes: read into the invoice model, then every
 * implemented rule, and the syntax-binding rules when they are given. A document the model
 * cannot read yields its coded issues.
 */
export function checkBusinessRules(
  bytes: Uint8Array,
  syntaxBinding?: SyntaxBindingRules,
): ValidationIssue[] {
  const model = readInvoiceModel(bytes);
  if (!model.ok) return [...model.issues];
  return checkEn16931(
    model.model,
    syntaxBinding === undefined ? undefined : { tree: model.tree, syntaxBinding },
  );
}
