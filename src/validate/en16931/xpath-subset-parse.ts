/**
 * Parser of the XPath 2.0 subset used by the tests and rule contexts of the EN 16931
 * syntax-binding Schematron: paths of child, attribute, self, parent, ancestor and preceding
 * steps with predicates, `(a|b)` unions, `/` and `//`, comparisons, `and`/`or`, `+`/`-`,
 * literals and a few functions. Anything else throws an `XPathSubsetError`, so an assert whose
 * test uses it is listed as not supported instead of being evaluated wrongly.
 */

export type Axis =
  'child' | 'attribute' | 'self' | 'parent' | 'ancestor' | 'descendant-or-self' | 'preceding';

/** Name test: a qualified name (prefix:local), `*`, `prefix:*` or `node()`. */
export interface AxisStep {
  readonly kind: 'step';
  readonly axis: Axis;
  readonly test: string;
  readonly predicates: readonly XPathExpr[];
}

export interface FilterStep {
  readonly kind: 'filter';
  readonly primary: XPathExpr;
  readonly predicates: readonly XPathExpr[];
}

export type PathStep = AxisStep | FilterStep;

export type XPathExpr =
  | { readonly kind: 'or' | 'and'; readonly left: XPathExpr; readonly right: XPathExpr }
  | {
      readonly kind: 'compare';
      readonly op: '=' | '!=' | '<' | '<=' | '>' | '>=';
      readonly left: XPathExpr;
      readonly right: XPathExpr;
    }
  | {
      readonly kind: 'arith';
      readonly op: '+' | '-';
      readonly left: XPathExpr;
      readonly right: XPathExpr;
    }
  | { readonly kind: 'union'; readonly items: readonly XPathExpr[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'context' }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly XPathExpr[] }
  /** A path counted by the trie walk (see syntax-binding-trie.ts): its count, or whether it is non-empty. */
  | { readonly kind: 'atom-count' | 'atom-exists'; readonly atom: number; readonly global: boolean }
  | {
      readonly kind: 'path';
      /** `relative`, `root` (leading `/`) or `descendant` (leading `//`). */
      readonly start: 'relative' | 'root' | 'descendant';
      readonly steps: readonly PathStep[];
    };

export class XPathSubsetError extends Error {}

const FUNCTIONS = new Set([
  'not',
  'count',
  'exists',
  'true',
  'false',
  'normalize-space',
  'upper-case',
  'string-length',
  'substring-after',
  'local-name',
  'name',
  'ends-with',
  'matches',
  'distinct-values',
]);

const AXES = new Set<string>(['child', 'attribute', 'self', 'parent', 'ancestor', 'preceding']);

type Token =
  | { readonly type: 'name'; readonly value: string }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'op'; readonly value: string };

const TOKEN =
  /\s*(?:(\/\/|::|!=|<=|>=|\.\.|[/()[\]@,|=<>*.+-])|'([^']*)'|"([^"]*)"|(\d+(?:\.\d+)?)|([A-Za-z_][\w.-]*(?::(?:[A-Za-z_][\w.-]*|\*))?))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (match === null)
      throw new XPathSubsetError(`unexpected text at ${String(at)}: ${text.slice(at, at + 20)}`);
    const [, op, single, double, number, name] = match;
    if (op !== undefined) tokens.push({ type: 'op', value: op });
    else if (single !== undefined) tokens.push({ type: 'string', value: single });
    else if (double !== undefined) tokens.push({ type: 'string', value: double });
    else if (number !== undefined) tokens.push({ type: 'number', value: Number(number) });
    else if (name !== undefined) tokens.push({ type: 'name', value: name });
  }
  return tokens;
}

class Parser {
  #at = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  #peek(offset = 0): Token | undefined {
    return this.tokens[this.#at + offset];
  }
  #isOp(value: string, offset = 0): boolean {
    const token = this.#peek(offset);
    return token?.type === 'op' && token.value === value;
  }
  #isName(value: string): boolean {
    const token = this.#peek();
    return token?.type === 'name' && token.value === value;
  }
  #expect(value: string): void {
    if (!this.#isOp(value)) throw new XPathSubsetError(`expected ${value}`);
    this.#at += 1;
  }

  parseAll(): XPathExpr {
    const expr = this.#or();
    if (this.#at !== this.tokens.length) throw new XPathSubsetError('unexpected trailing tokens');
    return expr;
  }

  #or(): XPathExpr {
    let left = this.#and();
    while (this.#isName('or')) {
      this.#at += 1;
      left = { kind: 'or', left, right: this.#and() };
    }
    return left;
  }
  #and(): XPathExpr {
    let left = this.#compare();
    while (this.#isName('and')) {
      this.#at += 1;
      left = { kind: 'and', left, right: this.#compare() };
    }
    return left;
  }
  #compare(): XPathExpr {
    const left = this.#additive();
    const token = this.#peek();
    if (token?.type === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(token.value)) {
      this.#at += 1;
      const op = token.value as '=' | '!=' | '<' | '<=' | '>' | '>=';
      return { kind: 'compare', op, left, right: this.#additive() };
    }
    return left;
  }
  #additive(): XPathExpr {
    let left = this.#union();
    while (this.#isOp('+') || this.#isOp('-')) {
      const op = this.#isOp('+') ? '+' : '-';
      this.#at += 1;
      left = { kind: 'arith', op, left, right: this.#union() };
    }
    return left;
  }
  #union(): XPathExpr {
    const first = this.#path();
    if (!this.#isOp('|')) return first;
    const items = [first];
    while (this.#isOp('|')) {
      this.#at += 1;
      items.push(this.#path());
    }
    return { kind: 'union', items };
  }
  #path(): XPathExpr {
    if (this.#isOp('/') || this.#isOp('//')) {
      const start = this.#isOp('/') ? 'root' : 'descendant';
      this.#at += 1;
      if (start === 'root' && !this.#startsStep()) return { kind: 'path', start, steps: [] };
      return { kind: 'path', start, steps: this.#relativeSteps() };
    }
    const steps = this.#relativeSteps();
    const [only] = steps;
    if (steps.length === 1 && only?.kind === 'filter' && only.predicates.length === 0) {
      return only.primary;
    }
    return { kind: 'path', start: 'relative', steps };
  }
  #startsStep(): boolean {
    const token = this.#peek();
    if (token === undefined) return false;
    if (token.type !== 'op') return true;
    return ['@', '*', '.', '..', '('].includes(token.value);
  }
  #relativeSteps(): PathStep[] {
    const steps = [this.#step()];
    while (this.#isOp('/') || this.#isOp('//')) {
      if (this.#isOp('//')) {
        steps.push({ kind: 'step', axis: 'descendant-or-self', test: 'node()', predicates: [] });
      }
      this.#at += 1;
      steps.push(this.#step());
    }
    return steps;
  }
  #predicates(): XPathExpr[] {
    const predicates: XPathExpr[] = [];
    while (this.#isOp('[')) {
      this.#at += 1;
      predicates.push(this.#or());
      this.#expect(']');
    }
    return predicates;
  }
  #step(): PathStep {
    const token = this.#peek();
    if (token === undefined) throw new XPathSubsetError('unexpected end');
    if (token.type === 'op' && token.value === '..') {
      this.#at += 1;
      return { kind: 'step', axis: 'parent', test: 'node()', predicates: [] };
    }
    if (token.type === 'op' && token.value === '@') {
      this.#at += 1;
      return {
        kind: 'step',
        axis: 'attribute',
        test: this.#nameTest(),
        predicates: this.#predicates(),
      };
    }
    if (token.type === 'name' && this.#isOp('::', 1)) {
      if (!AXES.has(token.value)) throw new XPathSubsetError(`axis ${token.value} not supported`);
      this.#at += 2;
      const axis = token.value as Axis;
      return { kind: 'step', axis, test: this.#nameTest(), predicates: this.#predicates() };
    }
    if (token.type === 'op' && token.value === '*') {
      this.#at += 1;
      return { kind: 'step', axis: 'child', test: '*', predicates: this.#predicates() };
    }
    if (token.type === 'name' && !this.#isOp('(', 1)) {
      this.#at += 1;
      return { kind: 'step', axis: 'child', test: token.value, predicates: this.#predicates() };
    }
    return { kind: 'filter', primary: this.#primary(), predicates: this.#predicates() };
  }
  #nameTest(): string {
    const token = this.#peek();
    if (token?.type === 'op' && token.value === '*') {
      this.#at += 1;
      return '*';
    }
    if (token?.type !== 'name') throw new XPathSubsetError('expected a name test');
    this.#at += 1;
    if (token.value === 'node' && this.#isOp('(')) {
      this.#expect('(');
      this.#expect(')');
      return 'node()';
    }
    return token.value;
  }
  #primary(): XPathExpr {
    const token = this.#peek();
    if (token === undefined) throw new XPathSubsetError('unexpected end');
    this.#at += 1;
    if (token.type === 'string') return { kind: 'string', value: token.value };
    if (token.type === 'number') return { kind: 'number', value: token.value };
    if (token.type === 'op' && token.value === '.') return { kind: 'context' };
    if (token.type === 'op' && token.value === '(') {
      const inner = this.#or();
      this.#expect(')');
      return inner;
    }
    if (token.type === 'op' && token.value === '-') {
      const operand = this.#primary();
      return { kind: 'arith', op: '-', left: { kind: 'number', value: 0 }, right: operand };
    }
    if (token.type === 'name' && this.#isOp('(')) {
      if (!FUNCTIONS.has(token.value)) {
        throw new XPathSubsetError(`function ${token.value}() not supported`);
      }
      this.#at += 1;
      const args: XPathExpr[] = [];
      if (!this.#isOp(')')) {
        args.push(this.#or());
        while (this.#isOp(',')) {
          this.#at += 1;
          args.push(this.#or());
        }
      }
      this.#expect(')');
      return { kind: 'call', name: token.value, args };
    }
    throw new XPathSubsetError(`unexpected token ${token.value}`);
  }
}

/** Parses an expression of the subset; throws `XPathSubsetError` outside it. */
export function parseXPathSubset(text: string): XPathExpr {
  return new Parser(tokenize(text)).parseAll();
}
