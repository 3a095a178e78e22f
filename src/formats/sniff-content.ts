/** What the first bytes of a file say it is, before any parsing. */
export type ContentKind = 'empty' | 'xml' | 'pdf' | 'zip' | 'gzip' | 'unknown';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  return bytes.every((byte, index) => head[offset + index] === byte);
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

export function sniffContent(head: Uint8Array): ContentKind {
  if (head.length === 0) return 'empty';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return 'zip';
  }
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  let offset = startsWith(head, UTF8_BOM) ? 3 : 0;
  while (offset < head.length && isSpace(head[offset])) offset += 1;
  if (offset === head.length) return 'empty';
  if (head[offset] === 0x3c) return 'xml';
  if (startsWith(head, [0xfe, 0xff]) || startsWith(head, [0xff, 0xfe])) return 'xml';
  return 'unknown';
}
