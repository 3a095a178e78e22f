import { ParseOption, XmlDocument, XmlElement } from 'libxml2-wasm';
import { issueOf, type ValidationIssue } from '../../errors/index.js';
import { childrenOf, pathOf, qualifiedNameOf, rootNodeOf } from './dom-node.js';
import type { InvoiceModel } from './invoice-model.js';
import { readCii } from './read-cii.js';
import { readUbl } from './read-ubl.js';

/**
 * Input: a parsed XML document. Output: the EN 16931 model, or issues.
 * Codes: MODEL_UNREADABLE (root is not a supported invoice), MODEL_TOO_LARGE (line limit).
 */
export type ModelResult =
  | { readonly ok: true; readonly model: InvoiceModel }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

export interface ReadModelOptions {
  /** Invoices with more lines are refused before any rule runs: rule cost grows with lines. */
  readonly maxLines?: number;
}

export const DEFAULT_MAX_LINES = 50_000;

function refuseUnreadable(message: string, line: number, xpath: string): ModelResult {
  return { ok: false, issues: [issueOf('MODEL_UNREADABLE', { message, line, xpath })] };
}

/** Reads an already parsed document; never throws for document content. */
export function readInvoiceModel(doc: XmlDocument, options: ReadModelOptions = {}): ModelResult {
  const maxLines = options.maxLines ?? DEFAULT_MAX_LINES;
  const rootElement = doc.root;
  const root = rootNodeOf(rootElement);
  const name = qualifiedNameOf(rootElement);
  const isUbl = name === 'ubl:Invoice' || name === 'cn:CreditNote';
  if (!isUbl && name !== 'rsm:CrossIndustryInvoice') {
    return refuseUnreadable(
      `The root element ${name} is not a UBL 2.1 Invoice or CreditNote nor a CII D16B CrossIndustryInvoice.`,
      root.line,
      root.xpath,
    );
  }
  const lineCount = isUbl
    ? childrenOf(root, name === 'cn:CreditNote' ? 'cac:CreditNoteLine' : 'cac:InvoiceLine').length
    : childrenOf(
        pathOf(root, 'rsm:SupplyChainTradeTransaction'),
        'ram:IncludedSupplyChainTradeLineItem',
      ).length;
  if (lineCount > maxLines) {
    return {
      ok: false,
      issues: [
        issueOf('MODEL_TOO_LARGE', {
          message: `The invoice has ${lineCount} lines; the gateway checks at most ${maxLines}.`,
          line: root.line,
          xpath: root.xpath,
        }),
      ],
    };
  }
  const model = isUbl ? readUbl(root, name === 'cn:CreditNote') : readCii(root);
  return { ok: true, model };
}

/** Parses (no network, no DTD loading) and reads a document, disposing of it afterwards. */
export function readInvoiceModelFromBuffer(
  buffer: Uint8Array,
  options: ReadModelOptions = {},
): ModelResult {
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(buffer, { option: ParseOption.XML_PARSE_NONET });
  } catch (error) {
    const detail = error instanceof Error ? error.message.trim() : 'unknown parser error';
    return refuseUnreadable(`The document is not well-formed XML: ${detail}`, 1, '/');
  }
  try {
    if (!(doc.root instanceof XmlElement))
      return refuseUnreadable('The document has no root element.', 1, '/');
    return readInvoiceModel(doc, options);
  } finally {
    doc.dispose();
  }
}
