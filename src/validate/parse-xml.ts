import { ParseOption, XmlDocument, XmlLibError } from 'libxml2-wasm';
import { issueOf, type ValidationIssue } from '../errors/index.js';

export type ParseResult =
  | { readonly ok: true; readonly doc: XmlDocument }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/**
 * No network, no external entities, no entity substitution. HUGE lifts libxml2's 10 MB text
 * node cap, which legitimate invoices with embedded attachments reach; DOCTYPEs are refused
 * before this point, so it opens no door to entity expansion.
 */
const PARSE_OPTIONS = (ParseOption.XML_PARSE_NONET |
  ParseOption.XML_PARSE_NO_XXE |
  ParseOption.XML_PARSE_HUGE) as ParseOption;

const MAX_REPORTED = 20;

/** Parses a document; the caller owns the returned document and must dispose it. */
export function parseXml(bytes: Uint8Array): ParseResult {
  try {
    return { ok: true, doc: XmlDocument.fromBuffer(bytes, { option: PARSE_OPTIONS }) };
  } catch (error) {
    if (!(error instanceof XmlLibError)) throw error;
    const details =
      error.details.length > 0 ? error.details : [{ message: error.message, line: 0, col: 0 }];
    return {
      ok: false,
      issues: details.slice(0, MAX_REPORTED).map((detail) =>
        issueOf('XML_MALFORMED', {
          message: `The XML is not well-formed: ${detail.message.trim()}`,
          ...(detail.line > 0 ? { line: detail.line } : {}),
          ...(detail.col > 0 ? { column: detail.col } : {}),
        }),
      ),
    };
  }
}
