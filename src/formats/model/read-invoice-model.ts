import { issueOf, type ValidationIssue } from '../../errors/index.js';
import { rootNodeOf } from './dom-node.js';
import type { InvoiceModel } from './invoice-model.js';
import { readCii } from './read-cii.js';
import { readUbl } from './read-ubl.js';
import { parseXmlTree, type XmlTreeElement } from './xml-tree.js';

/**
 * Input: the bytes of an XML document. Output: the EN 16931 model, or issues.
 * Codes: MODEL_UNREADABLE (not well-formed, or root is not a supported invoice),
 * MODEL_TOO_LARGE (line, element or depth limit).
 */
export type ModelResult =
  | {
      readonly ok: true;
      readonly model: InvoiceModel;
      /** The element tree the model was read from, for rules written on the syntax itself. */
      readonly tree: XmlTreeElement;
    }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

export interface ReadModelOptions {
  /** Invoices with more lines are refused before any rule runs: rule cost grows with lines. */
  readonly maxLines?: number;
}

export const DEFAULT_MAX_LINES = 50_000;
/** Elements allowed per invoice line (real lines use 15 to 40), plus room for the header. */
const ELEMENTS_PER_LINE = 40;
const HEADER_ELEMENTS = 10_000;
const MAX_DEPTH = 256;

const UBL_LINES: ReadonlySet<string> = new Set(['cac:InvoiceLine', 'cac:CreditNoteLine']);
/** Per root: the parent of the line elements and their names (UBL: either in either root). */
const LINE_ELEMENTS: Readonly<
  Record<string, { parent: string; lines: ReadonlySet<string> } | undefined>
> = {
  'ubl:Invoice': { parent: 'ubl:Invoice', lines: UBL_LINES },
  'cn:CreditNote': { parent: 'cn:CreditNote', lines: UBL_LINES },
  'rsm:CrossIndustryInvoice': {
    parent: 'rsm:SupplyChainTradeTransaction',
    lines: new Set(['ram:IncludedSupplyChainTradeLineItem']),
  },
};

function refuse(code: 'MODEL_UNREADABLE' | 'MODEL_TOO_LARGE', message: string, line: number) {
  return { ok: false, issues: [issueOf(code, { message, line, xpath: '/' })] } as const;
}

/**
 * Parses (one streaming pass, no DTD, no network) and reads a document into the model.
 * Never throws for document content, and stops reading as soon as a limit is passed: a
 * 100,000-line invoice costs the time to scan up to its 50,001st line.
 */
export function readInvoiceModel(bytes: Uint8Array, options: ReadModelOptions = {}): ModelResult {
  const maxLines = options.maxLines ?? DEFAULT_MAX_LINES;
  let lineElements: { parent: string; lines: ReadonlySet<string> } | undefined;
  const path: string[] = [];
  let lines = 0;
  const parsed = parseXmlTree(bytes, {
    maxDepth: MAX_DEPTH,
    maxElements: HEADER_ELEMENTS + ELEMENTS_PER_LINE * maxLines,
    onElement: (depth, name) => {
      path[depth] = name;
      if (depth === 0) lineElements = LINE_ELEMENTS[name];
      if (lineElements === undefined || depth === 0) return undefined;
      if (!lineElements.lines.has(name) || path[depth - 1] !== lineElements.parent)
        return undefined;
      lines += 1;
      if (lines <= maxLines) return undefined;
      return `The invoice has more than ${String(maxLines)} lines; the gateway checks at most ${String(maxLines)}.`;
    },
  });
  if (!parsed.ok) {
    return refuse(
      parsed.reason === 'too-large' ? 'MODEL_TOO_LARGE' : 'MODEL_UNREADABLE',
      parsed.message,
      parsed.line,
    );
  }
  const root = rootNodeOf(parsed.root);
  const name = root.name;
  if (name === 'ubl:Invoice' || name === 'cn:CreditNote') {
    return { ok: true, model: readUbl(root, name === 'cn:CreditNote'), tree: parsed.root };
  }
  if (name === 'rsm:CrossIndustryInvoice') {
    return { ok: true, model: readCii(root), tree: parsed.root };
  }
  return {
    ok: false,
    issues: [
      issueOf('MODEL_UNREADABLE', {
        message: `The root element ${name} is not a UBL 2.1 Invoice or CreditNote nor a CII D16B CrossIndustryInvoice.`,
        line: root.line,
        xpath: root.xpath,
      }),
    ],
  };
}
