/**
 * The one XML writer of the gateway's own files (acknowledgements, status files, CDAR and
 * status-update acknowledgements): escaping for text and attributes, and element helpers.
 * Hand-written string building: the files are small and flat, and a serialiser library would
 * only add a dependency around the same five escapes.
 */
/**
 * Characters XML 1.0 cannot carry at all, even escaped. They are replaced rather than
 * refused so that rendering stays total; partner data should never hold them anyway.
 */
const FORBIDDEN_XML_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#13;',
};

/** `\t` and `\n` are escaped too in attributes, where parsers would turn them into spaces. */
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
};

export function escapeXmlText(value: string): string {
  return value
    .replace(FORBIDDEN_XML_CHARS, '\uFFFD')
    .replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

export function escapeXmlAttribute(value: string): string {
  return value
    .replace(FORBIDDEN_XML_CHARS, '\uFFFD')
    .replace(/[&<>\r"\t\n]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

/** `<name attr="…">text</name>` with everything escaped; attributes keep the given order. */
export function xmlElement(
  name: string,
  text: string,
  attributes: Readonly<Record<string, string | undefined>> = {},
): string {
  return `${xmlStartTag(name, attributes)}${escapeXmlText(text)}</${name}>`;
}

export function xmlStartTag(
  name: string,
  attributes: Readonly<Record<string, string | undefined>> = {},
): string {
  return `<${name}${renderAttributes(attributes)}>`;
}

export function xmlEmptyElement(
  name: string,
  attributes: Readonly<Record<string, string | undefined>> = {},
): string {
  return `<${name}${renderAttributes(attributes)}/>`;
}

/** Undefined values are left out, so optional attributes need no branching at call sites. */
function renderAttributes(attributes: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(value)}"`)
    .join('');
}
