/** One value read from the document, with where it came from for error reports. */
export interface SourceValue {
  /** Text content exactly as in the document (not trimmed: rules decide how to normalise). */
  readonly text: string;
  readonly line: number;
  readonly xpath: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** A structure (group) of the document: present, with its location, even when empty. */
export interface SourceLocation {
  readonly line: number;
  readonly xpath: string;
}

const NEEDS_NORMALIZING = /^[ \t\r\n]|[ \t\r\n]$|[\t\r\n]| {2}/;

/** XPath `normalize-space()` of an optional value. */
export function normalizeSpace(value: SourceValue | undefined): string {
  if (value === undefined) return '';
  const text = value.text;
  // Most values are already normalized; skip the regex for them (it dominates large invoices).
  if (!NEEDS_NORMALIZING.test(text)) return text;
  return normalizeSpaceText(text);
}

/**
 * XPath `normalize-space()` of a text: only the four XML whitespace characters count, so a
 * no-break space survives (String#trim would drop it and accept `EUR\u00a0` as a currency).
 */
export function normalizeSpaceText(text: string): string {
  return text.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
}

/** XPath `normalize-space(x) != ''`. */
export function hasText(value: SourceValue | undefined): boolean {
  return normalizeSpace(value) !== '';
}
