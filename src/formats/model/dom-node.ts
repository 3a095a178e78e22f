import type { SourceValue } from './source-value.js';
import { textOf, xpathStep, type XmlTreeElement } from './xml-tree.js';

/**
 * A cursor over an element of the JavaScript tree (xml-tree.ts) that knows its XPath.
 */
export interface DomNode {
  readonly element: XmlTreeElement;
  readonly name: string;
  readonly xpath: string;
  readonly line: number;
  /** Child elements, filled on first use. A plain array: with tens of thousands of nodes,
   * a Map (or WeakMap) per node made garbage collection dominate the run time. */
  children?: readonly DomNode[];
}

export function rootNodeOf(element: XmlTreeElement): DomNode {
  return { element, name: element.name, xpath: `/${element.name}`, line: element.line };
}

function childNodesOf(node: DomNode): readonly DomNode[] {
  if (node.children !== undefined) return node.children;
  const elements = node.element.children;
  const counts = new Map<string, number>();
  for (const child of elements) counts.set(child.name, (counts.get(child.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  const children = elements.map((element): DomNode => {
    const name = element.name;
    const position = (seen.get(name) ?? 0) + 1;
    seen.set(name, position);
    const step = xpathStep(name, position, counts.get(name) ?? 0);
    return { element, name, xpath: `${node.xpath}/${step}`, line: element.line };
  });
  node.children = children;
  return children;
}

/** All child elements with a qualified name, in document order. */
export function childrenOf(node: DomNode | undefined, name: string): readonly DomNode[] {
  if (node === undefined) return [];
  const found: DomNode[] = [];
  for (const child of childNodesOf(node)) if (child.name === name) found.push(child);
  return found;
}

/** Whether the element has any child element at all. */
export function hasChildElements(node: DomNode): boolean {
  return childNodesOf(node).length > 0;
}

/** The first child element with a qualified name. */
export function childOf(node: DomNode | undefined, name: string): DomNode | undefined {
  if (node === undefined) return undefined;
  return childNodesOf(node).find((child) => child.name === name);
}

/** Follows a path of qualified names, taking the first match at each step. */
export function pathOf(
  node: DomNode | undefined,
  ...names: readonly string[]
): DomNode | undefined {
  let current = node;
  for (const name of names) current = childOf(current, name);
  return current;
}

/** Every node reached by a path, fanning out at each step (XPath `a/b/c`). */
export function allPathOf(node: DomNode | undefined, ...names: readonly string[]): DomNode[] {
  let current: DomNode[] = node === undefined ? [] : [node];
  for (const name of names) {
    const next: DomNode[] = [];
    for (const item of current) {
      for (const child of childNodesOf(item)) if (child.name === name) next.push(child);
    }
    current = next;
  }
  return current;
}

export function valueOf(node: DomNode): SourceValue {
  const { element } = node;
  return {
    text: textOf(element),
    line: node.line,
    xpath: node.xpath,
    attributes: element.attributes,
  };
}

/** Value of the first node at a path. */
export function valueAt(
  node: DomNode | undefined,
  ...names: readonly string[]
): SourceValue | undefined {
  const found = pathOf(node, ...names);
  return found === undefined ? undefined : valueOf(found);
}

/** Values of every node at a path. */
export function valuesAt(node: DomNode | undefined, ...names: readonly string[]): SourceValue[] {
  return allPathOf(node, ...names).map(valueOf);
}

export function locationOf(node: DomNode): { line: number; xpath: string } {
  return { line: node.line, xpath: node.xpath };
}

/**
 * Drops the cached children of a subtree once it has been read. Without it the whole DOM
 * mirror stays alive until the end and, on invoices with tens of thousands of lines, the
 * garbage collector spends most of the time re-marking it.
 */
export function releaseSubtree(node: DomNode): void {
  const children = node.children;
  if (children === undefined) return;
  node.children = undefined;
  for (const child of children) releaseSubtree(child);
}
