/**
 * Turns a compiled assert test into a JavaScript closure: counts, comparisons of counts,
 * `not`, `and`, `or` run without building XPath sequences; any other sub-expression falls back
 * to the subset evaluator. Nearly every syntax-binding assert is decided by the fast forms.
 */
import type { XmlTreeElement } from '../../formats/model/index.js';
import type { XPathEvaluator } from './xpath-subset-eval.js';
import type { XPathExpr } from './xpath-subset-parse.js';

export interface TestEnvironment {
  readonly evaluator: XPathEvaluator;
  readonly element: XmlTreeElement;
  /** Atom counts of the document's context nodes; this node's start at `base`. */
  readonly local: readonly number[];
  readonly base: number;
  readonly global: readonly number[];
}

export type CompiledTest = (env: TestEnvironment) => boolean;
type NumberTest = (env: TestEnvironment) => number;

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
      break;
    }
    default:
      break;
  }
  return (env) => env.evaluator.test(expr, { item: env.element, position: 1, size: 1 });
}
