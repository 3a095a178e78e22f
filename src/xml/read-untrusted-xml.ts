import { ParseOption, XmlDocument, XmlLibError } from 'libxml2-wasm';
import { issueOf, type ValidationIssue } from '../errors/index.js';
import { checkProlog } from './check-prolog.js';

export type UntrustedXmlResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/**
 * No network, no external entity, no entity substitution; HUGE lifts libxml2's 10 MB text cap,
 * which attachments reach. The prolog gate has refused any DOCTYPE before, so HUGE opens no
 * door to entity expansion.
 */
const PARSE_OPTIONS = (ParseOption.XML_PARSE_NONET |
  ParseOption.XML_PARSE_NO_XXE |
  ParseOption.XML_PARSE_HUGE) as ParseOption;

const BOM = [0xef, 0xbb, 0xbf];

function startsWithMarkup(bytes: Uint8Array): boolean {
  let index = BOM.every((byte, offset) => bytes[offset] === byte) ? BOM.length : 0;
  while (
    index < bytes.length &&
    (bytes[index] === 0x20 ||
      bytes[index] === 0x09 ||
      bytes[index] === 0x0a ||
      bytes[index] === 0x0d)
  )
    index += 1;
  return bytes[index] === 0x3c;
}

/**
 * The one way the gateway parses a partner's small XML documents (status updates, CDAR
 * messages, the XMP and the invoice profile of a Factur-X PDF): the prolog gate of
 * `checkProlog` (DOCTYPE, encoding), then libxml2 without network nor entities. `read` gets
 * the document and must copy what it needs: the document is disposed afterwards.
 */
export function readUntrustedXml<T>(
  source: Uint8Array | string,
  read: (doc: XmlDocument) => T,
): UntrustedXmlResult<T> {
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  const prolog = checkProlog(bytes);
  if (prolog.length > 0) return { ok: false, issues: prolog };
  if (!startsWithMarkup(bytes)) return { ok: false, issues: [issueOf('XML_NOT_XML')] };
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(bytes, { option: PARSE_OPTIONS });
  } catch (error) {
    if (error instanceof XmlLibError) return { ok: false, issues: [malformedIssue(error)] };
    throw error;
  }
  try {
    return { ok: true, value: read(doc) };
  } finally {
    doc.dispose();
  }
}

function malformedIssue(error: XmlLibError): ValidationIssue {
  const detail = error.details[0];
  if (detail === undefined)
    return issueOf('XML_MALFORMED', {
      message: `The XML is not well-formed: ${error.message.trim()}`,
    });
  return issueOf('XML_MALFORMED', {
    message: `The XML is not well-formed: ${detail.message.trim()}`,
    ...(detail.line > 0 ? { line: detail.line } : {}),
    ...(detail.col > 0 ? { column: detail.col } : {}),
  });
}
