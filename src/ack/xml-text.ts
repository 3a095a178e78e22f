// eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these characters: finding them is the point.
const NOT_XML_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Escapes text for XML content and attribute values; characters XML 1.0 cannot carry become
 * U+FFFD. CR, LF and TAB become character references so they survive attribute normalisation.
 */
export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML_CHARACTER, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\r', '&#13;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\t', '&#9;');
}

/** `<Name>text</Name>` when the value is present, nothing otherwise. */
export function optionalElement(
  name: string,
  value: string | number | undefined,
  indent: string,
): string {
  return value === undefined ? '' : `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}
