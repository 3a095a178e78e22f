import type { ValidationIssue } from '../errors/index.js';
import { readInvoiceModel } from '../formats/index.js';
import { checkEn16931, type SyntaxBindingRules } from './en16931/index.js';
import { checkFr, type FrRuleOverrides } from './fr/index.js';

/** Which rule layers to run on the invoice model. */
export interface BusinessRuleLayers {
  readonly en16931: boolean;
  readonly fr: boolean;
  /** Per-rule settings of the French layer (fatal, warning, off); defaults otherwise. */
  readonly frRules?: FrRuleOverrides | undefined;
  /** The syntax-binding rules compiled from the official Schematron, when loaded. */
  readonly syntaxBinding?: SyntaxBindingRules | undefined;
}

/**
 * The business-rule layers on a document's bytes: read once into the invoice model, then the
 * EN 16931 rules and the French public-sector rules as asked. A document the model cannot
 * read yields its coded issues (MODEL_UNREADABLE, MODEL_TOO_LARGE) once.
 */
export function checkBusinessRules(
  bytes: Uint8Array,
  layers: BusinessRuleLayers,
): ValidationIssue[] {
  if (!layers.en16931 && !layers.fr) return [];
  const result = readInvoiceModel(bytes);
  if (!result.ok) return [...result.issues];
  const issues: ValidationIssue[] = [];
  if (layers.en16931)
    issues.push(
      ...checkEn16931(result.model, { tree: result.tree, syntaxBinding: layers.syntaxBinding }),
    );
  if (layers.fr) issues.push(...checkFr(result.model, layers.frRules));
  return issues;
}
