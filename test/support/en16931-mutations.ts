/**
 * Text-level mutations of sample invoices for the parity tests. They work on the XML text
 * (the samples use fixed prefixes: cbc/cac, ram/rsm/udt) and assume an element never nests
 * an element of the same qualified name, which holds for the names the tests use.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function elementPattern(qname: string): RegExp {
  const name = escapeRegExp(qname);
  return new RegExp(`<${name}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, 'g');
}

interface Match {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function findElements(xml: string, qname: string): Match[] {
  return [...xml.matchAll(elementPattern(qname))].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
  }));
}

export function countElements(xml: string, qname: string): number {
  return findElements(xml, qname).length;
}

function replaceMatch(
  xml: string,
  qname: string,
  index: number,
  edit: (text: string) => string,
): string {
  const match = findElements(xml, qname)[index];
  if (match === undefined) throw new Error(`no element ${qname}[${index}] to mutate`);
  return xml.slice(0, match.start) + edit(match.text) + xml.slice(match.end);
}

/** Removes the nth element with that qualified name (0-based). */
export function removeElement(xml: string, qname: string, index = 0): string {
  return replaceMatch(xml, qname, index, () => '');
}

/** Removes every element with that qualified name. */
export function removeAllElements(xml: string, qname: string): string {
  return xml.replace(elementPattern(qname), '');
}

/** Sets the text of the nth element (which must hold text only). */
export function setText(xml: string, qname: string, text: string, index = 0): string {
  return replaceMatch(xml, qname, index, (element) => {
    const open = /^<[^>]*?(?=\/?>)/.exec(element)?.[0] ?? '';
    const name = escapeRegExp(qname);
    const start = open.replace(new RegExp(`^<${name}`), '');
    return `<${qname}${start}>${text}</${qname}>`;
  });
}

/** Sets (or with undefined removes) an attribute of the nth element. */
export function setAttribute(
  xml: string,
  qname: string,
  attribute: string,
  value: string | undefined,
  index = 0,
): string {
  return replaceMatch(xml, qname, index, (element) => {
    const openEnd = element.indexOf('>');
    let open = element.slice(0, openEnd);
    const rest = element.slice(openEnd);
    open = open.replace(new RegExp(`\\s${escapeRegExp(attribute)}="[^"]*"`), '');
    const selfClosing = open.endsWith('/');
    if (selfClosing) open = open.slice(0, -1);
    if (value !== undefined) open = `${open} ${attribute}="${value}"`;
    return `${open}${selfClosing ? '/' : ''}${rest}`;
  });
}

/** Inserts a snippet right after the nth element. */
export function insertAfter(xml: string, qname: string, snippet: string, index = 0): string {
  return replaceMatch(xml, qname, index, (element) => element + snippet);
}

/** Inserts a snippet right before the nth element. */
export function insertBefore(xml: string, qname: string, snippet: string, index = 0): string {
  return replaceMatch(xml, qname, index, (element) => snippet + element);
}

/** Inserts a snippet as the last child of the nth element. */
export function appendChild(xml: string, qname: string, snippet: string, index = 0): string {
  return replaceMatch(xml, qname, index, (element) => {
    const close = `</${qname}>`;
    return element.slice(0, element.length - close.length) + snippet + close;
  });
}

/** Duplicates the nth element in place. */
export function duplicateElement(xml: string, qname: string, index = 0): string {
  return replaceMatch(xml, qname, index, (element) => element + element);
}

/** Text of the nth element, without its tags. */
export function textOf(xml: string, qname: string, index = 0): string | undefined {
  const element = findElements(xml, qname)[index]?.text;
  if (element === undefined) return undefined;
  return element.slice(element.indexOf('>') + 1, element.lastIndexOf('<'));
}

/** Every distinct qualified element name of a document, in first-seen order. */
export function elementNames(xml: string): string[] {
  return [...new Set([...xml.matchAll(/<([a-zA-Z]+:[A-Za-z]+)[\s/>]/g)].map((m) => m[1] ?? ''))];
}

/** Applies an edit to the text of the nth element with that qualified name. */
export function editElement(
  xml: string,
  qname: string,
  index: number,
  edit: (element: string) => string,
): string {
  return replaceMatch(xml, qname, index, edit);
}

/** Sets the text of a child (first match) inside the nth parent element. */
export function setChildText(
  xml: string,
  parent: string,
  index: number,
  child: string,
  text: string,
): string {
  return editElement(xml, parent, index, (element) =>
    findElements(element, child).length > 0 ? setText(element, child, text) : element,
  );
}

/** Removes a child (first match) inside the nth parent element. */
export function removeChild(xml: string, parent: string, index: number, child: string): string {
  return editElement(xml, parent, index, (element) =>
    findElements(element, child).length > 0 ? removeElement(element, child) : element,
  );
}
