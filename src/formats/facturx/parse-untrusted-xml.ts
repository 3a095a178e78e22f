import { ParseOption, XmlDocument, XmlLibError } from 'libxml2-wasm';

import { issueOf } from '../../errors/index.js';
import type { ValidationIssue } from '../../errors/index.js';

export type XmlReadResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issue: ValidationIssue };

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Parses bytes taken from an untrusted PDF, hands the document to `read` and always frees the
 * WebAssembly memory. A DOCTYPE is refused before libxml2 sees the bytes, so no entity is ever
 * declared, let alone expanded.
 */
export function readUntrustedXml<T>(
  bytes: Uint8Array,
  read: (doc: XmlDocument) => T,
): XmlReadResult<T> {
  const prolog = inspectProlog(bytes);
  if (prolog !== 'ok') {
    return { ok: false, issue: issueOf(prolog) };
  }
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(bytes, { option: ParseOption.XML_PARSE_NONET });
  } catch (error) {
    return { ok: false, issue: describeParseError(error) };
  }
  try {
    return { ok: true, value: read(doc) };
  } finally {
    doc.dispose();
  }
}

type PrologVerdict = 'ok' | 'XML_DOCTYPE_FORBIDDEN' | 'XML_ENCODING_UNSUPPORTED' | 'XML_NOT_XML';

/** Walks the prolog (BOM, XML declaration, comments, PIs) up to the first markup that is not one. */
function inspectProlog(bytes: Uint8Array): PrologVerdict {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    return 'XML_ENCODING_UNSUPPORTED';
  }
  const start = BOM.every((byte, index) => bytes[index] === byte) ? BOM.length : 0;
  // The prolog is ASCII-compatible in every encoding libxml2 would accept after the check above.
  const text = new TextDecoder('latin1').decode(bytes.subarray(start, start + 64 * 1024));
  let position = 0;
  for (;;) {
    while (position < text.length && /\s/.test(text.charAt(position))) {
      position += 1;
    }
    if (text.startsWith('<?', position)) {
      position = skipPast(text, '?>', position);
    } else if (text.startsWith('<!--', position)) {
      position = skipPast(text, '-->', position);
    } else if (text.startsWith('<!DOCTYPE', position)) {
      return 'XML_DOCTYPE_FORBIDDEN';
    } else {
      return text.startsWith('<', position) ? 'ok' : 'XML_NOT_XML';
    }
    if (position < 0) {
      return 'XML_NOT_XML';
    }
  }
}

function skipPast(text: string, terminator: string, from: number): number {
  const found = text.indexOf(terminator, from);
  return found < 0 ? -1 : found + terminator.length;
}

function describeParseError(error: unknown): ValidationIssue {
  if (error instanceof XmlLibError) {
    const detail = error.details[0];
    return issueOf('XML_MALFORMED', {
      message: `The embedded XML is not well-formed: ${(detail?.message ?? error.message).trim()}`,
      ...(detail === undefined ? {} : { line: detail.line, column: detail.col }),
    });
  }
  return issueOf('XML_MALFORMED', {
    message: `The embedded XML cannot be parsed: ${String(error)}`,
  });
}
