/**
 * Trie of the counted paths of the syntax-binding asserts, keyed by element name from the rule
 * context (or from the document root for `//` paths). One walk over the tree moves cursors
 * along it and counts, per context node, how many nodes each path selects.
 */
import { compileTest, type CompiledTest } from './syntax-binding-test.js';
import type { XPathExpr, AxisStep } from './xpath-subset-parse.js';

export interface TrieEdge {
  /** Predicates of the step, evaluated on the candidate element; none for most steps. */
  readonly predicates: readonly XPathExpr[];
  /** The predicates as closures (syntax-binding-test.ts). */
  readonly checks: readonly CompiledTest[];
  readonly predicateKey: string;
  readonly node: TrieNode;
}

export interface TrieNode {
  readonly edges: Map<string, TrieEdge[]>;
  /** Atoms whose path ends at this element. */
  readonly atoms: number[];
  /** Atoms whose path ends at an attribute of this element, by attribute name. */
  readonly attributeAtoms: Map<string, number[]>;
}

export function createTrieNode(): TrieNode {
  return { edges: new Map(), atoms: [], attributeAtoms: new Map() };
}

/** Adds the path of child steps (the last one maybe an attribute) as `atom`. */
export function addTriePath(root: TrieNode, steps: readonly AxisStep[], atom: number): void {
  let node = root;
  for (const step of steps) {
    if (step.axis === 'attribute') {
      const atoms = node.attributeAtoms.get(step.test);
      if (atoms === undefined) node.attributeAtoms.set(step.test, [atom]);
      else atoms.push(atom);
      return;
    }
    const predicateKey = JSON.stringify(step.predicates);
    let edges = node.edges.get(step.test);
    if (edges === undefined) node.edges.set(step.test, (edges = []));
    let edge = edges.find((candidate) => candidate.predicateKey === predicateKey);
    if (edge === undefined) {
      edge = {
        predicates: step.predicates,
        checks: step.predicates.map(compileTest),
        predicateKey,
        node: createTrieNode(),
      };
      edges.push(edge);
    }
    node = edge.node;
  }
  node.atoms.push(atom);
}
