import { issueOf, type ValidationIssue } from '../errors/index.js';

const DECODER = new TextDecoder('latin1');
/** Enough to reach the root element past an XML declaration and a few comments. */
const PROLOG_SCAN_BYTES = 64 * 1024;

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index += 1) if (text.charCodeAt(index) === 10) line += 1;
  return line;
}

/**
 * Looks at the prolog before any parser sees the document: a DOCTYPE (the door to XXE and
 * entity bombs) and any encoding but UTF-8 are refused here, so nothing is ever expanded.
 */
export function checkProlog(bytes: Uint8Array): ValidationIssue[] {
  if (bytes[0] === 0xfe || bytes[0] === 0xff) {
    return [
      issueOf('XML_ENCODING_UNSUPPORTED', {
        message: 'The XML is UTF-16; only UTF-8 is accepted.',
        line: 1,
      }),
    ];
  }
  const text = DECODER.decode(bytes.subarray(0, PROLOG_SCAN_BYTES));
  const declaration =
    /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(text);
  const encoding = declaration?.[1];
  if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
    return [
      issueOf('XML_ENCODING_UNSUPPORTED', {
        message: `The XML declares encoding "${encoding}"; only UTF-8 is accepted.`,
        line: 1,
      }),
    ];
  }
  // Past the window, a prolog could hide a DOCTYPE from this scan: refuse rather than guess.
  const isCut = bytes.length > PROLOG_SCAN_BYTES;
  const cut = (): ValidationIssue[] =>
    isCut
      ? [
          issueOf('XML_DOCTYPE_FORBIDDEN', {
            message: `No root element within the first ${PROLOG_SCAN_BYTES / 1024} KiB: a prolog that long is refused, as it could hide a DOCTYPE.`,
          }),
        ]
      : [];
  let offset = 0;
  for (;;) {
    const open = text.indexOf('<', offset);
    if (open < 0) return cut();
    if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open + 4);
      if (close < 0) return cut();
      offset = close + 3;
    } else if (text.startsWith('<?', open)) {
      const close = text.indexOf('?>', open + 2);
      if (close < 0) return cut();
      offset = close + 2;
    } else if (text.startsWith('<!', open)) {
      return [issueOf('XML_DOCTYPE_FORBIDDEN', { line: lineAt(text, open) })];
    } else {
      return [];
    }
  }
}
