/**
 * Turns a compiled assert test into a JavaScript closure: counts, comparisons of counts,
 * `not`, `and`, `or` run without building XPath sequences; any other sub-expression falls back
 * to the subset evaluator. Nearly every syntax-binding assert is decided by the fast forms.
 */
import { textOf, type XmlTreeElement } from '../../formats/index.js';
import { matchesNameTest, type XPathEvaluator } from './xpath-subset-eval.js';
import type { AxisStep, XPathExpr } from './xpath-subset-parse.js';

export interface TestEnvironment {
  readonly evaluator: XPathEvaluator;
  element: XmlTreeElement;
  /** Atom counts of the document's context nodes; this node's start at `base`. */
  readonly local: ArrayLike<number>;
  readonly base: number;
  readonly global: ArrayLike<number>;
}

export type CompiledTest = (env: TestEnvironment) => boolean;
type NumberTest = (env: TestEnvironment) => number;
type StringTest = (env: TestEnvironment) => string;
/** Calls `visit` on each node a path selects until it returns true; returns whether it did. */
type PathWalk = (
  from: XmlTreeElement,
  visit: ((value: string) => boolean) | undefined,
  documentNode: XmlTreeElement,
) => boolean;

function compileString(expr: XPathExpr): StringTest | undefined {
  if (expr.kind === 'context') return (env) => textOf(env.element);
  if (expr.kind === 'string') {
    const { value } = expr;
    return () => value;
  }
  if (expr.kind !== 'call') return undefined;
  const args = expr.args.map(compileString);
  const [first, second] = args;
  if (args.some((arg) => arg === undefined) || first === undefined) return undefined;
  switch (expr.name) {
    case 'substring-after':
      if (second === undefined || args.length !== 2) return undefined;
      return (env) => {
        const text = first(env);
        const separator = second(env);
        const at = text.indexOf(separator);
        return at < 0 ? '' : text.slice(at + separator.length);
      };
    case 'normalize-space':
      return args.length === 1
        ? (env) =>
            first(env)
              .replace(/[ \t\r\n]+/g, ' ')
              .trim()
        : undefined;
    case 'upper-case':
      return args.length === 1 ? (env) => first(env).toUpperCase() : undefined;
    default:
      return undefined;
  }
}

/** XPath counts characters (code points), not UTF-16 units. */
function codePointLength(text: string): number {
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

/**
 * A relative path of child, attribute, self, parent and ancestor steps with name tests and no
 * predicates, walked without building sequences.
 */
function compilePathWalk(expr: XPathExpr): PathWalk | undefined {
  if (expr.kind !== 'path' || expr.start !== 'relative') return undefined;
  const steps: AxisStep[] = [];
  for (const step of expr.steps) {
    if (step.kind !== 'step' || step.predicates.length > 0) return undefined;
    if (!['child', 'attribute', 'self', 'parent', 'ancestor'].includes(step.axis)) return undefined;
    if (step.test === 'node()' && step.axis !== 'parent') return undefined;
    steps.push(step);
  }
  let documentNode: XmlTreeElement | undefined;
  const walk = (
    node: XmlTreeElement,
    index: number,
    visit: ((value: string) => boolean) | undefined,
  ): boolean => {
    const step = steps[index];
    if (step === undefined) return visit === undefined || visit(textOf(node));
    const last = index === steps.length - 1;
    switch (step.axis) {
      case 'child':
        for (const child of node.children) {
          if (matchesNameTest(child.name, step.test) && walk(child, index + 1, visit)) return true;
        }
        return false;
      case 'attribute': {
        const value = node.attributes[step.test];
        return last && value !== undefined && (visit === undefined || visit(value));
      }
      case 'self':
        return matchesNameTest(node.name, step.test) && walk(node, index + 1, visit);
      case 'parent': {
        // The root's parent is the document node (`../cn:CreditNote` from the root).
        const parent = node.parent ?? (node === documentNode ? undefined : documentNode);
        return (
          parent !== undefined &&
          matchesNameTest(parent.name, step.test) &&
          walk(parent, index + 1, visit)
        );
      }
      default:
        for (let parent = node.parent; parent !== undefined; parent = parent.parent) {
          if (matchesNameTest(parent.name, step.test) && walk(parent, index + 1, visit))
            return true;
        }
        return false;
    }
  };
  if (steps.some((step, index) => step.axis === 'attribute' && index !== steps.length - 1)) {
    return undefined;
  }
  return (from, visit, document) => {
    documentNode = document;
    return walk(from, 0, visit);
  };
}

function compileNumber(expr: XPathExpr): NumberTest | undefined {
  switch (expr.kind) {
    case 'number': {
      const { value } = expr;
      return () => value;
    }
    case 'atom-count': {
      const { atom } = expr;
      return expr.global
        ? (env) => env.global[atom] ?? 0
        : (env) => env.local[env.base + atom] ?? 0;
    }
    case 'call': {
      const [argument] = expr.args;
      const text = argument === undefined ? undefined : compileString(argument);
      if (expr.name !== 'string-length' || expr.args.length !== 1 || text === undefined) {
        return undefined;
      }
      return (env) => codePointLength(text(env));
    }
    case 'arith': {
      const left = compileNumber(expr.left);
      const right = compileNumber(expr.right);
      if (left === undefined || right === undefined) return undefined;
      return expr.op === '+' ? (env) => left(env) + right(env) : (env) => left(env) - right(env);
    }
    default:
      return undefined;
  }
}

function compileComparison(
  op: '=' | '!=' | '<' | '<=' | '>' | '>=',
  left: NumberTest,
  right: NumberTest,
): CompiledTest {
  switch (op) {
    case '=':
      return (env) => left(env) === right(env);
    case '!=':
      return (env) => left(env) !== right(env);
    case '<':
      return (env) => left(env) < right(env);
    case '<=':
      return (env) => left(env) <= right(env);
    case '>':
      return (env) => left(env) > right(env);
    default:
      return (env) => left(env) >= right(env);
  }
}

/** The closure deciding `expr`'s effective boolean value on a context node. */
export function compileTest(expr: XPathExpr): CompiledTest {
  switch (expr.kind) {
    case 'or': {
      const left = compileTest(expr.left);
      const right = compileTest(expr.right);
      return (env) => left(env) || right(env);
    }
    case 'and': {
      const left = compileTest(expr.left);
      const right = compileTest(expr.right);
      return (env) => left(env) && right(env);
    }
    case 'atom-exists': {
      const { atom } = expr;
      return expr.global
        ? (env) => (env.global[atom] ?? 0) > 0
        : (env) => (env.local[env.base + atom] ?? 0) > 0;
    }
    case 'call': {
      const [argument] = expr.args;
      if (expr.name === 'not' && argument !== undefined) {
        const inner = compileTest(argument);
        return (env) => !inner(env);
      }
      if (expr.name === 'true' || expr.name === 'false') {
        const value = expr.name === 'true';
        return () => value;
      }
      break;
    }
    case 'compare': {
      const left = compileNumber(expr.left);
      const right = compileNumber(expr.right);
      if (left !== undefined && right !== undefined) return compileComparison(expr.op, left, right);
      // `path = 'literal'` and `path != 'literal'`: some selected node's value (dis)agrees.
      const walk = compilePathWalk(expr.left);
      if (
        walk !== undefined &&
        expr.right.kind === 'string' &&
        (expr.op === '=' || expr.op === '!=')
      ) {
        const literal = expr.right.value;
        const equal = expr.op === '=';
        return (env) =>
          walk(
            env.element,
            (value) => (value === literal) === equal,
            env.evaluator.doc.documentNode,
          );
      }
      break;
    }
    case 'path': {
      const walk = compilePathWalk(expr);
      if (walk !== undefined) {
        return (env) => walk(env.element, undefined, env.evaluator.doc.documentNode);
      }
      break;
    }
    default:
      break;
  }
  return (env) => env.evaluator.test(expr, { item: env.element, position: 1, size: 1 });
}
