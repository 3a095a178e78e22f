import { ParseOption, XmlDocument, XmlParseError } from 'libxml2-wasm';
import { issueOf, type ValidationIssue } from '../errors/index.js';

export type UntrustedXmlResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const DECLARED_ENCODING = /^<\?xml[^>]*\bencoding\s*=\s*["']([^"']*)["']/;

/**
 * Parses a partner's XML and hands the document to `read`, disposing it afterwards.
 * DOCTYPEs are refused before libxml2 sees the bytes, so no entity is ever declared, let alone
 * expanded or fetched. `read` must copy what it needs: nodes die with the document.
 */
export function readUntrustedXml<T>(
  source: Uint8Array | string,
  read: (doc: XmlDocument) => T,
): UntrustedXmlResult<T> {
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const prolog = text.trimStart();
  if (!prolog.startsWith('<')) {
    return { ok: false, issues: [issueOf('XML_NOT_XML')] };
  }
  const encoding = DECLARED_ENCODING.exec(prolog)?.[1];
  if (encoding !== undefined && encoding.toUpperCase() !== 'UTF-8') {
    return { ok: false, issues: [issueOf('XML_ENCODING_UNSUPPORTED')] };
  }
  if (/<!DOCTYPE/i.test(text)) {
    return { ok: false, issues: [issueOf('XML_DOCTYPE_FORBIDDEN')] };
  }
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(bytes, {
      option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE,
    });
  } catch (error) {
    if (error instanceof XmlParseError) {
      return { ok: false, issues: [malformedIssue(error)] };
    }
    throw error;
  }
  try {
    return { ok: true, value: read(doc) };
  } finally {
    doc.dispose();
  }
}

function malformedIssue(error: XmlParseError): ValidationIssue {
  const detail = error.details[0];
  if (detail === undefined) {
    return issueOf('XML_MALFORMED');
  }
  return issueOf('XML_MALFORMED', {
    message: `The XML is not well-formed: ${detail.message.trim()}`,
    ...(detail.line > 0 ? { line: detail.line } : {}),
    ...(detail.col > 0 ? { column: detail.col } : {}),
  });
}
