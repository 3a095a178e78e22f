/**
 * A pass over the raw bytes, before any parser builds strings: an attribute value or a text
 * node larger than any invoice has is found here, so a 50 MiB attribute never reaches libxml2
 * (whose HUGE option the gateway needs for attachments) nor saxes.
 */

export interface ValueSizeLimits {
  /** Longest attribute value, in bytes as written (UBL and CII attributes are codes). */
  readonly maxAttributeBytes: number;
  /** Longest text node, in bytes, except in elements named `…BinaryObject` (attachments). */
  readonly maxTextBytes: number;
}

export const DEFAULT_VALUE_SIZE_LIMITS: ValueSizeLimits = {
  maxAttributeBytes: 64 * 1024,
  maxTextBytes: 1024 * 1024,
};

export interface OversizedValue {
  readonly kind: 'attribute' | 'text';
  readonly bytes: number;
  readonly line: number;
  /** The element the value belongs to, as written (`cbc:Note`). */
  readonly element: string;
}

const LT = 0x3c;
const GT = 0x3e;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const NEWLINE = 0x0a;
const BINARY_SUFFIX = 'BinaryObject';

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = bytes.indexOf(NEWLINE); index >= 0 && index < offset;) {
    line += 1;
    index = bytes.indexOf(NEWLINE, index + 1);
  }
  return line;
}

function isNameEnd(byte: number): boolean {
  return byte <= 0x20 || byte === 0x2f || byte === GT;
}

function nameAt(bytes: Uint8Array, start: number): string {
  let end = start;
  while (end < bytes.length && end - start < 256 && !isNameEnd(bytes[end] ?? 0)) end += 1;
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

function endOf(bytes: Uint8Array, marker: string, from: number): number {
  const found = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(
    marker,
    from,
    'latin1',
  );
  return found < 0 ? bytes.length : found + marker.length;
}

/**
 * The first attribute value or text node over the limits, or undefined. Malformed markup is
 * left to the parsers: this pass only measures.
 */
export function findOversizedValue(
  bytes: Uint8Array,
  limits: ValueSizeLimits = DEFAULT_VALUE_SIZE_LIMITS,
): OversizedValue | undefined {
  const length = bytes.length;
  let element = '';
  let position = 0;
  while (position < length) {
    const open = bytes.indexOf(LT, position);
    const textEnd = open < 0 ? length : open;
    if (textEnd - position > limits.maxTextBytes && !element.endsWith(BINARY_SUFFIX)) {
      return { kind: 'text', bytes: textEnd - position, line: lineOf(bytes, position), element };
    }
    if (open < 0) return undefined;
    const next = bytes[open + 1];
    if (next === 0x21) {
      // Comment, CDATA section (text), or a declaration the prolog check refuses.
      const isCdata = bytes[open + 2] === 0x5b;
      const close = isCdata
        ? endOf(bytes, ']]>', open)
        : bytes[open + 2] === 0x2d
          ? endOf(bytes, '-->', open)
          : endOf(bytes, '>', open);
      if (isCdata && close - open > limits.maxTextBytes && !element.endsWith(BINARY_SUFFIX)) {
        return { kind: 'text', bytes: close - open, line: lineOf(bytes, open), element };
      }
      position = close;
      continue;
    }
    if (next === 0x3f) {
      position = endOf(bytes, '?>', open);
      continue;
    }
    const isEndTag = next === 0x2f;
    const name = nameAt(bytes, open + (isEndTag ? 2 : 1));
    if (!isEndTag) element = name;
    let index = open + 1;
    while (index < length) {
      const byte = bytes[index];
      if (byte === GT) break;
      if (byte === QUOTE || byte === APOSTROPHE) {
        const close = bytes.indexOf(byte, index + 1);
        const end = close < 0 ? length : close;
        if (end - index - 1 > limits.maxAttributeBytes) {
          return {
            kind: 'attribute',
            bytes: end - index - 1,
            line: lineOf(bytes, index),
            element: name,
          };
        }
        index = end + 1;
        continue;
      }
      index += 1;
    }
    position = index + 1;
  }
  return undefined;
}
