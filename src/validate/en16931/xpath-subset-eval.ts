/**
 * Evaluator of the XPath subset of `xpath-subset-parse.ts` over the element tree, with XPath
 * 2.0 semantics where the syntax-binding asserts depend on them: general comparisons (any pair),
 * untyped values cast to the other operand's type (`udt:Indicator = false()` casts the text to
 * xs:boolean), effective boolean value, document order.
 */
import { textOf, type XmlTreeElement } from '../../formats/index.js';
import type { PathStep, XPathExpr } from './xpath-subset-parse.js';

export class AttributeItem {
  constructor(
    readonly owner: XmlTreeElement,
    readonly name: string,
    readonly value: string,
  ) {}
}

export type Item = XmlTreeElement | AttributeItem | string | number | boolean;

/** Thrown for a dynamic error (a cast that fails); the caller decides what it means. */
export class XPathDynamicError extends Error {}

/** The document node above the root element, and a lazily built index of elements by name. */
export class XPathDocument {
  readonly documentNode: XmlTreeElement;
  #byName: Map<string, XmlTreeElement[]> | undefined;

  constructor(readonly root: XmlTreeElement) {
    this.documentNode = {
      name: '#document',
      line: 0,
      attributes: {},
      children: [root],
      parent: undefined,
      order: 0,
      textStart: root.textStart,
      textEnd: root.textEnd,
      chunks: root.chunks,
    };
  }

  /** Elements with a name, in document order (built on first use: `//name` in a test). */
  elementsNamed(name: string): readonly XmlTreeElement[] {
    if (this.#byName === undefined) {
      const byName = new Map<string, XmlTreeElement[]>();
      const visit = (element: XmlTreeElement): void => {
        let list = byName.get(element.name);
        if (list === undefined) byName.set(element.name, (list = []));
        list.push(element);
        for (const child of element.children) visit(child);
      };
      visit(this.root);
      this.#byName = byName;
    }
    return this.#byName.get(name) ?? [];
  }

  parent(element: XmlTreeElement): XmlTreeElement | undefined {
    return element === this.root ? this.documentNode : element.parent;
  }

  /** Elements named `test` before `element` in document order, ancestors excluded. */
  preceding(element: XmlTreeElement, test: string): XmlTreeElement[] {
    const out: XmlTreeElement[] = [];
    const visit = (current: XmlTreeElement): boolean => {
      if (current.order >= element.order) return false;
      if (matchesNameTest(current.name, test)) {
        out.push(current);
      }
      for (const child of current.children) if (!visit(child)) return false;
      return true;
    };
    visit(this.root);
    const ancestors = new Set<XmlTreeElement>();
    for (let parent = element.parent; parent !== undefined; parent = parent.parent) {
      ancestors.add(parent);
    }
    return out.filter((candidate) => !ancestors.has(candidate));
  }
}

/** Counts of the trie atoms for one context node and for the whole document. */
export interface AtomCounts {
  readonly local: ArrayLike<number>;
  /** Where the current context node's atoms start in `local`. */
  base: number;
  readonly global: ArrayLike<number>;
}

interface Focus {
  readonly item: Item;
  readonly position: number;
  readonly size: number;
}

export function isElement(item: Item): item is XmlTreeElement {
  return typeof item === 'object' && !(item instanceof AttributeItem);
}

/** Matches an element's tree name against a resolved name test (`*`, `cbc:*`, `cbc:ID`). */
export function matchesNameTest(name: string, test: string): boolean {
  if (test === '*' || test === 'node()') return true;
  if (test.endsWith(':*')) return name.startsWith(test.slice(0, -1));
  return name === test;
}

export function localNameOf(name: string): string {
  const brace = name.lastIndexOf('}');
  if (brace >= 0) return name.slice(brace + 1);
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

function atomize(item: Item): string | number | boolean {
  if (typeof item !== 'object') return item;
  return item instanceof AttributeItem ? item.value : textOf(item);
}

function stringOf(items: readonly Item[]): string {
  const first = items[0];
  if (first === undefined) return '';
  const value = atomize(first);
  return typeof value === 'string' ? value : String(value);
}

function castBoolean(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === 'true' || trimmed === '1') return true;
  if (trimmed === 'false' || trimmed === '0') return false;
  throw new XPathDynamicError(`cannot cast "${value}" to xs:boolean`);
}

function compareValues(
  op: string,
  left: string | number | boolean,
  right: string | number | boolean,
): boolean {
  let a = left;
  let b = right;
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    a = typeof a === 'string' ? castBoolean(a) : Boolean(a);
    b = typeof b === 'string' ? castBoolean(b) : Boolean(b);
  } else if (typeof a === 'number' || typeof b === 'number') {
    a = typeof a === 'string' ? (a.trim() === '' ? NaN : Number(a.trim())) : a;
    b = typeof b === 'string' ? (b.trim() === '' ? NaN : Number(b.trim())) : b;
  }
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

export function effectiveBoolean(items: readonly Item[]): boolean {
  const first = items[0];
  if (first === undefined) return false;
  if (typeof first === 'object') return true;
  if (typeof first === 'boolean') return first;
  if (typeof first === 'number') return first !== 0 && !Number.isNaN(first);
  return first !== '';
}

/** XPath counts characters (code points), not UTF-16 units. */
function codePointLength(text: string): number {
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

/**
 * XPath regexes: `\s` is only space, tab, CR and LF and `\d` any Unicode decimal digit, where
 * JavaScript's `\s` is wider and `\d` ASCII. Escapes inside character classes are left alone
 * (the artefacts use none).
 */
function toJavaScriptRegex(pattern: string): string {
  return pattern.replace(/\\([\\sd])/g, (whole, letter: string) =>
    letter === 's' ? '[ \\t\\n\\r]' : letter === 'd' ? '\\p{Nd}' : whole,
  );
}

const REGEX_CACHE = new Map<string, RegExp>();

export class XPathEvaluator {
  constructor(
    readonly doc: XPathDocument,
    readonly counts: AtomCounts,
  ) {}

  evaluate(expr: XPathExpr, focus: Focus): Item[] {
    switch (expr.kind) {
      case 'or':
        return [this.test(expr.left, focus) || this.test(expr.right, focus)];
      case 'and':
        return [this.test(expr.left, focus) && this.test(expr.right, focus)];
      case 'compare': {
        const leftNumber = this.#scalar(expr.left);
        const rightNumber = this.#scalar(expr.right);
        if (leftNumber !== undefined && rightNumber !== undefined) {
          return [compareValues(expr.op, leftNumber, rightNumber)];
        }
        const left = this.evaluate(expr.left, focus).map(atomize);
        const right = this.evaluate(expr.right, focus).map(atomize);
        return [left.some((a) => right.some((b) => compareValues(expr.op, a, b)))];
      }
      case 'arith': {
        const left = Number(stringOf(this.evaluate(expr.left, focus)) || NaN);
        const right = Number(stringOf(this.evaluate(expr.right, focus)) || NaN);
        return [expr.op === '+' ? left + right : left - right];
      }
      case 'union':
        return this.#sorted(expr.items.flatMap((item) => this.evaluate(item, focus)));
      case 'string':
        return [expr.value];
      case 'number':
        return [expr.value];
      case 'context':
        return [focus.item];
      case 'atom-count':
        return [this.#count(expr.atom, expr.global)];
      case 'atom-exists':
        return [this.#count(expr.atom, expr.global) > 0];
      case 'call':
        return this.#call(expr.name, expr.args, focus);
      case 'path':
        return this.#path(expr.start, expr.steps, focus);
    }
  }

  /** A count or number literal without building a sequence (the usual `count(P) <= 1`). */
  #scalar(expr: XPathExpr): number | undefined {
    if (expr.kind === 'number') return expr.value;
    if (expr.kind !== 'atom-count') return undefined;
    return this.#count(expr.atom, expr.global);
  }

  #count(atom: number, global: boolean): number {
    const { counts } = this;
    return (global ? counts.global[atom] : counts.local[counts.base + atom]) ?? 0;
  }

  test(expr: XPathExpr, focus: Focus): boolean {
    return effectiveBoolean(this.evaluate(expr, focus));
  }

  #call(name: string, args: readonly XPathExpr[], focus: Focus): Item[] {
    const arg = (index: number): Item[] => {
      const expr = args[index];
      return expr === undefined ? [focus.item] : this.evaluate(expr, focus);
    };
    switch (name) {
      case 'not':
        return [!effectiveBoolean(arg(0))];
      case 'count':
        return [arg(0).length];
      case 'exists':
        return [arg(0).length > 0];
      case 'true':
        return [true];
      case 'false':
        return [false];
      case 'normalize-space':
        return [
          stringOf(arg(0))
            .replace(/[ \t\r\n]+/g, ' ')
            .trim(),
        ];
      case 'upper-case':
        return [stringOf(arg(0)).toUpperCase()];
      case 'string-length':
        return [codePointLength(stringOf(arg(0)))];
      case 'substring-after': {
        const text = stringOf(arg(0));
        const separator = stringOf(arg(1));
        const at = text.indexOf(separator);
        return [at < 0 ? '' : text.slice(at + separator.length)];
      }
      case 'ends-with':
        return [stringOf(arg(0)).endsWith(stringOf(arg(1)))];
      case 'matches': {
        const pattern = stringOf(arg(1));
        let regex = REGEX_CACHE.get(pattern);
        if (regex === undefined) {
          REGEX_CACHE.set(pattern, (regex = new RegExp(toJavaScriptRegex(pattern), 'u')));
        }
        return [regex.test(stringOf(arg(0)))];
      }
      case 'distinct-values':
        return [...new Set(arg(0).map(atomize))];
      case 'local-name':
      case 'name': {
        const [first] = arg(0);
        if (first === undefined) return [''];
        const full =
          first instanceof AttributeItem ? first.name : isElement(first) ? first.name : '';
        return [name === 'name' ? full : localNameOf(full)];
      }
      default:
        throw new XPathDynamicError(`function ${name}() not supported`);
    }
  }

  #sorted(items: Item[]): Item[] {
    if (items.length < 2) return items;
    // Atomic results of a last step (`upper-case(cbc:ID)`) keep their order and duplicates.
    if (!items.every(isElement)) return items;
    return [...new Set(items)].sort((a, b) => a.order - b.order);
  }

  #path(
    start: 'relative' | 'root' | 'descendant',
    steps: readonly PathStep[],
    focus: Focus,
  ): Item[] {
    let items: Item[];
    let rest = steps;
    const [first] = steps;
    if (start === 'relative') items = [focus.item];
    else if (
      start === 'descendant' &&
      first?.kind === 'step' &&
      first.axis === 'child' &&
      !first.test.includes('*')
    ) {
      items = this.#filter([...this.doc.elementsNamed(first.test)], first.predicates);
      rest = steps.slice(1);
    } else {
      items = [this.doc.documentNode];
      if (start === 'descendant') items = this.#axis(items, 'descendant-or-self', 'node()');
    }
    for (const step of rest) {
      if (step.kind === 'filter') {
        const results: Item[] = [];
        items.forEach((item, index) => {
          results.push(
            ...this.evaluate(step.primary, { item, position: index + 1, size: items.length }),
          );
        });
        items = this.#filter(items.length > 1 ? this.#sorted(results) : results, step.predicates);
        continue;
      }
      const results: Item[] = [];
      for (const item of items) {
        results.push(...this.#filter(this.#axis([item], step.axis, step.test), step.predicates));
      }
      // Child, attribute and self steps from distinct nodes in document order stay so.
      const keepsOrder = step.axis === 'child' || step.axis === 'attribute' || step.axis === 'self';
      items = items.length > 1 && !keepsOrder ? this.#sorted(results) : results;
    }
    return items;
  }

  #filter(items: Item[], predicates: readonly XPathExpr[]): Item[] {
    let current = items;
    for (const predicate of predicates) {
      const size = current.length;
      current = current.filter((item, index) => {
        const value = this.evaluate(predicate, { item, position: index + 1, size });
        const [only] = value;
        if (value.length === 1 && typeof only === 'number') return only === index + 1;
        return effectiveBoolean(value);
      });
    }
    return current;
  }

  #axis(items: readonly Item[], axis: string, test: string): Item[] {
    const out: Item[] = [];
    for (const item of items) {
      if (!isElement(item)) {
        if (axis === 'parent' && item instanceof AttributeItem) out.push(item.owner);
        if (axis === 'self') out.push(item);
        continue;
      }
      switch (axis) {
        case 'child':
          for (const child of item.children) if (matchesNameTest(child.name, test)) out.push(child);
          break;
        case 'attribute':
          for (const [name, value] of Object.entries(item.attributes)) {
            if (test === '*' || test === name) out.push(new AttributeItem(item, name, value));
          }
          break;
        case 'self':
          if (matchesNameTest(item.name, test)) out.push(item);
          break;
        case 'parent': {
          const parent = this.doc.parent(item);
          if (
            parent !== undefined &&
            parent !== this.doc.documentNode &&
            matchesNameTest(parent.name, test)
          ) {
            out.push(parent);
          } else if (parent === this.doc.documentNode && test === 'node()') out.push(parent);
          break;
        }
        case 'ancestor': {
          let parent = this.doc.parent(item);
          const chain: XmlTreeElement[] = [];
          while (parent !== undefined && parent !== this.doc.documentNode) {
            if (matchesNameTest(parent.name, test)) chain.push(parent);
            parent = this.doc.parent(parent);
          }
          out.push(...chain.reverse());
          break;
        }
        case 'descendant-or-self': {
          const visit = (element: XmlTreeElement): void => {
            out.push(element);
            for (const child of element.children) visit(child);
          };
          visit(item);
          break;
        }
        case 'preceding':
          out.push(...this.doc.preceding(item, test));
          break;
        default:
          throw new XPathDynamicError(`axis ${axis} not supported`);
      }
    }
    return out;
  }
}
