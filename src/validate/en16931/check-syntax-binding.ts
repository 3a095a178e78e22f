/**
 * Input: a document's element tree and the compiled syntax-binding rules of its syntax.
 * Output: one failure per failing assert and context node, reported with the artefact's id,
 * flag and message (EN16931_RULE / EN16931_RULE_WARNING through the rule collector).
 *
 * One walk over the tree finds the context nodes (first matching rule of the pattern wins,
 * as in Schematron) and counts the trie paths; the asserts are decided after the walk.
 */
import {
  NO_ATTRIBUTES,
  xpathOfChain,
  type InvoiceSyntax,
  type SourceLocation,
  type XmlTreeElement,
} from '../../formats/index.js';
import type { OfficialRuleText } from './official-rule-text.js';
import type {
  CompiledRule,
  RuleCandidate,
  ContextAlternative,
  SyntaxBindingRules,
  SyntaxRuleSet,
} from './syntax-binding-rules.js';
import type { CompiledTest, TestEnvironment } from './syntax-binding-test.js';
import type { TrieEdge, TrieNode } from './syntax-binding-trie.js';
import type { XPathExpr } from './xpath-subset-parse.js';
import {
  type AtomCounts,
  effectiveBoolean,
  matchesNameTest,
  XPathDocument,
  XPathDynamicError,
  XPathEvaluator,
} from './xpath-subset-eval.js';

export type ReportOfficial = (rule: string, text: OfficialRuleText, at: SourceLocation) => void;

/** A position in a trie; its atoms are counted in `counts` from `base`. */
interface Cursor {
  readonly node: TrieNode;
  readonly base: number;
}

/**
 * Atom counts of the document being checked: the global atoms first, then those of each
 * context node from its base. One buffer reused across documents (the check is synchronous),
 * so a document allocates no count arrays; it only grows.
 */
let counts = new Int32Array(1 << 14);

function reserve(end: number): void {
  if (end <= counts.length) return;
  const grown = new Int32Array(Math.max(end, counts.length * 2));
  grown.set(counts);
  counts = grown;
}

const NO_CURSORS: Cursor[] = [];

interface ContextInstance {
  readonly rule: CompiledRule;
  readonly element: XmlTreeElement;
  /** Where this context node's atom counts start in the document's local counts. */
  readonly base: number;
}

function holds(
  evaluator: XPathEvaluator,
  predicates: readonly XPathExpr[],
  element: XmlTreeElement,
): boolean {
  for (const predicate of predicates) {
    try {
      if (!effectiveBoolean(evaluator.evaluate(predicate, { item: element, position: 1, size: 1 })))
        return false;
    } catch (error) {
      // A dynamic error in a match pattern makes it not match (XSLT 2.0 recoverable error).
      if (error instanceof XPathDynamicError) return false;
      throw error;
    }
  }
  return true;
}

/** Whether every compiled predicate holds on `element` (a dynamic error: it does not). */
function checksHold(
  env: TestEnvironment,
  checks: readonly CompiledTest[],
  element: XmlTreeElement,
): boolean {
  if (checks.length === 0) return true;
  env.element = element;
  for (const check of checks) {
    try {
      if (!check(env)) return false;
    } catch (error) {
      if (error instanceof XPathDynamicError) return false;
      throw error;
    }
  }
  return true;
}

function candidatesFor(
  set: SyntaxRuleSet,
  name: string,
  evaluator: XPathEvaluator,
): readonly RuleCandidate[] {
  let candidates = set.candidatesByName.get(name);
  if (candidates !== undefined) return candidates;
  const probe: XmlTreeElement = {
    name,
    line: 0,
    attributes: {},
    children: [],
    parent: undefined,
    order: 0,
    textStart: 0,
    textEnd: 0,
    chunks: [],
  };
  candidates = set.rules
    .map((rule) => ({
      rule,
      alternatives: rule.alternatives.filter((alternative) => {
        const last = alternative.steps[alternative.steps.length - 1];
        return (
          last !== undefined &&
          matchesNameTest(name, last.test) &&
          holds(evaluator, alternative.namePredicates, probe)
        );
      }),
    }))
    .filter((candidate) => candidate.alternatives.length > 0);
  set.candidatesByName.set(name, candidates);
  return candidates;
}

/** Whether the element matches the alternative, whose name test and name predicates it passed. */
function matchesAlternative(
  alternative: ContextAlternative,
  element: XmlTreeElement,
  doc: XPathDocument,
  env: TestEnvironment,
): boolean {
  const { steps, stepChecks } = alternative;
  if (!checksHold(env, alternative.elementChecks, element)) return false;
  let current = element;
  for (let index = steps.length - 2; index >= 0; index -= 1) {
    const step = steps[index];
    const parent = doc.parent(current);
    if (step === undefined || parent === undefined || parent === doc.documentNode) return false;
    if (
      !matchesNameTest(parent.name, step.test) ||
      !checksHold(env, stepChecks[index] ?? [], parent)
    ) {
      return false;
    }
    current = parent;
  }
  return alternative.start !== 'root' || doc.parent(current) === doc.documentNode;
}

function countAttributes(node: TrieNode, element: XmlTreeElement, base: number): void {
  if (element.attributes === NO_ATTRIBUTES) return;
  for (const attribute in element.attributes) {
    const atoms = node.attributeAtoms.get(attribute);
    if (atoms === undefined) continue;
    for (const atom of atoms) counts[base + atom] = (counts[base + atom] ?? 0) + 1;
  }
}

function xpathOf(element: XmlTreeElement, doc: XPathDocument): string {
  const chain = [element];
  for (let parent = doc.parent(element); parent !== undefined; parent = doc.parent(parent)) {
    if (parent === doc.documentNode) break;
    chain.unshift(parent);
  }
  return xpathOfChain(chain);
}

export function checkSyntaxBinding(
  root: XmlTreeElement,
  syntax: InvoiceSyntax,
  rules: SyntaxBindingRules,
  report: ReportOfficial,
): void {
  const set = rules[syntax];
  const doc = new XPathDocument(root);
  let used = set.globalAtomCount;
  reserve(used);
  counts.fill(0, 0, used);
  const atomCounts: AtomCounts = { local: counts, base: 0, global: counts };
  const evaluator = new XPathEvaluator(doc, atomCounts);
  // Predicates hold no trie atoms: one environment, re-pointed at each candidate element.
  const predicateEnv: TestEnvironment = {
    evaluator,
    element: root,
    local: counts,
    base: 0,
    global: counts,
  };
  const instances: ContextInstance[] = [];
  const { globalTrie } = set;
  const hasGlobalAttributes = globalTrie.attributeAtoms.size > 0;

  /** Moves a cursor along `edges` (its edges named as `child`), adding cursors to `next`. */
  const advance = (
    edges: readonly TrieEdge[],
    base: number,
    child: XmlTreeElement,
    next: Cursor[],
  ): void => {
    for (const edge of edges) {
      if (!checksHold(predicateEnv, edge.checks, child)) continue;
      const target = edge.node;
      for (const atom of target.atoms) counts[base + atom] = (counts[base + atom] ?? 0) + 1;
      if (target.attributeAtoms.size > 0) countAttributes(target, child, base);
      if (target.edges.size > 0) next.push({ node: target, base });
    }
  };

  const contextRuleOf = (element: XmlTreeElement): CompiledRule | undefined => {
    for (const candidate of candidatesFor(set, element.name, evaluator)) {
      for (const alternative of candidate.alternatives) {
        if (matchesAlternative(alternative, element, doc, predicateEnv)) return candidate.rule;
      }
    }
    return undefined;
  };

  // The global trie (paths starting with `//`) applies at every depth; the rule tries follow
  // their context node's subtree only.
  const visit = (element: XmlTreeElement, cursors: readonly Cursor[]): void => {
    for (const child of element.children) {
      let next: Cursor[] | undefined;
      const { name } = child;
      if (hasGlobalAttributes) countAttributes(globalTrie, child, 0);
      const globalEdges = globalTrie.edges.get(name);
      if (globalEdges !== undefined) advance(globalEdges, 0, child, (next ??= []));
      for (const cursor of cursors) {
        const edges = cursor.node.edges.get(name);
        if (edges !== undefined) advance(edges, cursor.base, child, (next ??= []));
      }
      const rule = contextRuleOf(child);
      if (rule !== undefined) {
        const base = used;
        used += rule.atomCount;
        reserve(used);
        counts.fill(0, base, used);
        instances.push({ rule, element: child, base });
        if (rule.trie.attributeAtoms.size > 0) countAttributes(rule.trie, child, base);
        if (rule.trie.edges.size > 0) (next ??= []).push({ node: rule.trie, base });
      }
      if (child.children.length > 0) visit(child, next ?? NO_CURSORS);
    }
  };
  visit(
    doc.documentNode,
    set.rootTrie.edges.size > 0 ? [{ node: set.rootTrie, base: 0 }] : NO_CURSORS,
  );

  // The buffer may have grown during the walk: read the final one.
  const final = counts;
  const scratch: AtomCounts = { local: final, base: 0, global: final };
  const finalEvaluator = new XPathEvaluator(doc, scratch);
  for (const instance of instances) {
    const { base, element } = instance;
    scratch.base = base;
    const env: TestEnvironment = {
      evaluator: finalEvaluator,
      element,
      local: final,
      base,
      global: final,
    };
    let at: SourceLocation | undefined;
    const where = (): SourceLocation =>
      (at ??= { line: element.line, xpath: xpathOf(element, doc) });
    for (const assert of instance.rule.asserts) {
      let failed: boolean;
      if (assert.forbiddenAtom !== undefined) {
        failed = (final[base + assert.forbiddenAtom] ?? 0) > 0;
      } else {
        try {
          failed = !assert.check(env);
        } catch (error) {
          if (!(error instanceof XPathDynamicError)) throw error;
          continue;
        }
      }
      if (failed) report(assert.id, assert.text, where());
    }
  }
}
