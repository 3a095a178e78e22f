import { SaxesParser, type SaxesTagNS } from 'saxes';
import { findOversizedValue } from './find-oversized-value.js';

/**
 * A plain JavaScript element tree for the invoice model, built in one streaming pass with
 * saxes. Reading business terms from JavaScript objects is several times faster than walking
 * the libxml2 DOM, where every property read crosses the WebAssembly boundary (measured in
 * docs/en16931-engine.md). The tree keeps what the rules need: qualified names, attributes,
 * source lines and text; comments and processing instructions are dropped.
 */
export interface XmlTreeElement {
  /** Qualified name with the fixed prefixes of `qualifiedName` (cbc:, cac:, ram: …). */
  readonly name: string;
  /** Line of the end of the start tag, as libxml2 reports it. */
  readonly line: number;
  /** Attributes without a namespace, by local name (namespace declarations excluded). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlTreeElement[];
  /** The parent element; undefined for the root. */
  readonly parent: XmlTreeElement | undefined;
  /** Position in document order (the root is 1), for XPath axes and sorting. */
  readonly order: number;
  /** Range of the document's text chunks inside this element, for its string value. */
  textStart: number;
  textEnd: number;
  readonly chunks: string[];
}

export interface XmlTreeLimits {
  /** Deepest element nesting accepted (libxml2's own default is 256). */
  readonly maxDepth: number;
  /** Most elements accepted in the whole document. */
  readonly maxElements: number;
  /** Called on each start tag with its depth (root = 0) and name; returning a text stops. */
  readonly onElement?: (depth: number, name: string) => string | undefined;
}

export type XmlTreeResult =
  | { readonly ok: true; readonly root: XmlTreeElement }
  | {
      readonly ok: false;
      readonly reason: 'malformed' | 'too-large';
      readonly message: string;
      readonly line: number;
    };

const PREFIXES: Readonly<Record<string, string>> = {
  'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2': 'cbc',
  'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2': 'cac',
  'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2': 'ubl',
  'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2': 'cn',
  'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100': 'ram',
  'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100': 'rsm',
  'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100': 'udt',
  'urn:un:unece:uncefact:data:standard:QualifiedDataType:100': 'qdt',
};

/** The qualified name used in our XPaths: fixed prefixes, Clark notation for foreign ones. */
export function qualifiedName(namespaceUri: string, localName: string): string {
  const prefix = PREFIXES[namespaceUri];
  if (prefix !== undefined) return `${prefix}:${localName}`;
  return namespaceUri === '' ? localName : `{${namespaceUri}}${localName}`;
}

/** The attributes of every element that has none (one shared object, compared by identity). */
export const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Qualified names shared across documents: the same few hundred names recur in every invoice,
 * and one flat string per name makes every later map look-up by name cheap. Bounded, so that
 * documents inventing names cannot grow it without limit.
 */
const SHARED_NAMES = new Map<string, Map<string, string>>();
const MAX_SHARED_NAMES = 20_000;
let sharedNameCount = 0;

function sharedName(uri: string, local: string): string {
  let inNamespace = SHARED_NAMES.get(uri);
  let name = inNamespace?.get(local);
  if (name !== undefined) return name;
  name = qualifiedName(uri, local);
  if (sharedNameCount < MAX_SHARED_NAMES) {
    if (inNamespace === undefined) SHARED_NAMES.set(uri, (inNamespace = new Map<string, string>()));
    inNamespace.set(local, name);
    sharedNameCount += 1;
  }
  return name;
}

/** The string value of an element: all descendant text, in document order (XPath `string()`). */
export function textOf(element: XmlTreeElement): string {
  const { chunks, textStart, textEnd } = element;
  if (textEnd - textStart === 1) return chunks[textStart] ?? '';
  if (textEnd === textStart) return '';
  return chunks.slice(textStart, textEnd).join('');
}

class Refusal extends Error {
  constructor(
    readonly reason: 'malformed' | 'too-large',
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses bytes (UTF-8) into the tree. Never throws for document content: malformed XML, a
 * DOCTYPE (no DTD is ever read), or a document over the limits yields a refusal.
 */
export function parseXmlTree(bytes: Uint8Array, limits: XmlTreeLimits): XmlTreeResult {
  const oversized = findOversizedValue(bytes);
  if (oversized !== undefined) {
    return {
      ok: false,
      reason: 'too-large',
      message: `${oversized.kind === 'attribute' ? 'An attribute value' : 'A text node'} of ${oversized.element || 'the document'} is ${String(oversized.bytes)} bytes long, more than any invoice has.`,
      line: oversized.line,
    };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { ok: false, reason: 'malformed', message: 'The document is not UTF-8.', line: 1 };
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const chunks: string[] = [];
  const stack: XmlTreeElement[] = [];
  let root: XmlTreeElement | undefined;
  let elements = 0;

  const addText = (value: string): void => {
    if (stack.length > 0) chunks.push(value);
  };
  parser.on('doctype', () => {
    throw new Refusal('malformed', 'A DOCTYPE is not accepted.', parser.line);
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('opentag', (tag: SaxesTagNS) => {
    elements += 1;
    if (elements > limits.maxElements) {
      throw new Refusal(
        'too-large',
        `The document has more than ${String(limits.maxElements)} elements.`,
        parser.line,
      );
    }
    if (stack.length >= limits.maxDepth) {
      throw new Refusal(
        'too-large',
        `Elements are nested deeper than ${String(limits.maxDepth)} levels.`,
        parser.line,
      );
    }
    // One string per distinct name: thousands of lines repeat the same few dozen names.
    const name = sharedName(tag.uri, tag.local);
    const refusal = limits.onElement?.(stack.length, name);
    if (refusal !== undefined) throw new Refusal('too-large', refusal, parser.line);
    let attributes = NO_ATTRIBUTES;
    for (const attributeName in tag.attributes) {
      const attribute = tag.attributes[attributeName];
      // Namespaced attributes (xsi:…) and namespace declarations are not business data.
      if (attribute === undefined || attribute.uri !== '') continue;
      if (attributes === NO_ATTRIBUTES) attributes = {};
      (attributes as Record<string, string>)[attribute.local] = attribute.value;
    }
    const element: XmlTreeElement = {
      name,
      line: parser.line,
      attributes,
      children: [],
      parent: stack[stack.length - 1],
      order: elements,
      textStart: chunks.length,
      textEnd: chunks.length,
      chunks,
    };
    const parent = element.parent;
    if (parent === undefined) root = element;
    else parent.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    const element = stack.pop();
    if (element !== undefined) element.textEnd = chunks.length;
  });

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof Refusal) {
      return { ok: false, reason: error.reason, message: error.message, line: error.line };
    }
    const detail = error instanceof Error ? error.message : 'unknown parser error';
    return {
      ok: false,
      reason: 'malformed',
      message: `The document is not well-formed XML: ${detail}`,
      line: parser.line,
    };
  }
  if (root === undefined) {
    return {
      ok: false,
      reason: 'malformed',
      message: 'The document has no root element.',
      line: 1,
    };
  }
  return { ok: true, root };
}

/**
 * The XPath of an element given its chain of ancestors (root first, element last), written as
 * the model writes it: a position predicate only where the parent has several same-named
 * children (`/ubl:Invoice/cac:InvoiceLine[2]/cbc:ID`).
 */
export function xpathOfChain(chain: readonly XmlTreeElement[]): string {
  let xpath = '';
  chain.forEach((element, depth) => {
    const sameName = chain[depth - 1]?.children.filter((child) => child.name === element.name);
    const position = sameName === undefined ? 1 : sameName.indexOf(element) + 1;
    xpath += `/${xpathStep(element.name, position, sameName?.length ?? 1)}`;
  });
  return xpath;
}

/** One XPath step: the name, with a position only among several same-named siblings. */
export function xpathStep(name: string, position: number, sameNameCount: number): string {
  return sameNameCount > 1 ? `${name}[${String(position)}]` : name;
}
