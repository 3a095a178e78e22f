import { normalizeSpace, type SourceValue } from '../../formats/index.js';

/**
 * The reform's identifier format (BR-FR-02): once space-normalised, only letters, digits and
 * `+ - _ /`; and the raw text holds no space at all (tabs and line breaks at either end pass,
 * as `normalize-space` removes them).
 */
export function isValidIdFormat(value: SourceValue): boolean {
  return /^[A-Za-z0-9+\-_/]+$/.test(normalizeSpace(value)) && !value.text.includes(' ');
}

/** XPath `string-length()`: code points (not UTF-16 units) of the raw text. */
export function stringLength(value: SourceValue | undefined): number {
  return value === undefined ? 0 : codePointCount(value.text);
}

export function codePointCount(text: string): number {
  return Array.from(text).length;
}
