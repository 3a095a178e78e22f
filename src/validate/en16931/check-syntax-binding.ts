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
  type InvoiceSyntax,
  type SourceLocation,
  type XmlTreeElement,
} from '../../formats/model/index.js';
import type { OfficialRuleText } from './official-rule-text.js';
import type {
  CompiledRule,
  RuleCandidate,
  ContextAlternative,
  SyntaxBindingRules,
  SyntaxRuleSet,
} from './syntax-binding-rules.js';
import type { TestEnvironment } from './syntax-binding-test.js';
import type { TrieNode } from './syntax-binding-trie.js';
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
  readonly counts: number[];
  readonly base: number;
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
  evaluator: XPathEvaluator,
): boolean {
  const { steps } = alternative;
  if (!holds(evaluator, alternative.elementPredicates, element)) return false;
  let current = element;
  for (let index = steps.length - 2; index >= 0; index -= 1) {
    const step = steps[index];
    const parent = doc.parent(current);
    if (step === undefined || parent === undefined || parent === doc.documentNode) return false;
    if (!matchesNameTest(parent.name, step.test) || !holds(evaluator, step.predicates, parent)) {
      return false;
    }
    current = parent;
  }
  return alternative.start !== 'root' || doc.parent(current) === doc.documentNode;
}

function countAttributes(
  node: TrieNode,
  element: XmlTreeElement,
  counts: number[],
  base: number,
): void {
  if (element.attributes === NO_ATTRIBUTES) return;
  for (const attribute in element.attributes) {
    const atoms = node.attributeAtoms.get(attribute);
    if (atoms === undefined) continue;
    for (const atom of atoms) counts[base + atom] = (counts[base + atom] ?? 0) + 1;
  }
}

function xpathOf(element: XmlTreeElement, doc: XPathDocument): string {
  const steps: string[] = [];
  let current = element;
  for (;;) {
    const parent = doc.parent(current);
    if (parent === undefined || parent === doc.documentNode) break;
    const same = parent.children.filter((child) => child.name === current.name);
    steps.push(
      same.length > 1 ? `${current.name}[${String(same.indexOf(current) + 1)}]` : current.name,
    );
    current = parent;
  }
  steps.push(current.name);
  return `/${steps.reverse().join('/')}`;
}

export function checkSyntaxBinding(
  root: XmlTreeElement,
  syntax: InvoiceSyntax,
  rules: SyntaxBindingRules,
  report: ReportOfficial,
): void {
  const set = rules[syntax];
  const doc = new XPathDocument(root);
  // Plain arrays with offsets: one typed array per context node cost more than the whole walk.
  const globalCounts = new Array<number>(set.globalAtomCount).fill(0);
  const localCounts: number[] = [];
  const counts: AtomCounts = { local: localCounts, base: 0, global: globalCounts };
  const evaluator = new XPathEvaluator(doc, counts);
  const instances: ContextInstance[] = [];
  const { globalTrie } = set;
  const hasGlobalAttributes = globalTrie.attributeAtoms.size > 0;

  /** Moves a cursor over `child`, adding the cursors for its children to `next`. */
  const advance = (cursor: Cursor, child: XmlTreeElement, next: Cursor[]): void => {
    const edges = cursor.node.edges.get(child.name);
    if (edges === undefined) return;
    const { counts: into, base } = cursor;
    for (const edge of edges) {
      if (edge.predicates.length > 0 && !holds(evaluator, edge.predicates, child)) continue;
      const target = edge.node;
      for (const atom of target.atoms) into[base + atom] = (into[base + atom] ?? 0) + 1;
      if (target.attributeAtoms.size > 0) countAttributes(target, child, into, base);
      if (target.edges.size > 0) next.push({ node: target, counts: into, base });
    }
  };

  const contextRuleOf = (element: XmlTreeElement): CompiledRule | undefined => {
    for (const candidate of candidatesFor(set, element.name, evaluator)) {
      for (const alternative of candidate.alternatives) {
        if (matchesAlternative(alternative, element, doc, evaluator)) return candidate.rule;
      }
    }
    return undefined;
  };

  const globalCursor: Cursor = { node: globalTrie, counts: globalCounts, base: 0 };
  // The global trie (paths starting with `//`) applies at every depth; the rule tries follow
  // their context node's subtree only.
  const visit = (element: XmlTreeElement, cursors: readonly Cursor[]): void => {
    for (const child of element.children) {
      let next: Cursor[] | undefined;
      if (hasGlobalAttributes) countAttributes(globalTrie, child, globalCounts, 0);
      if (globalTrie.edges.has(child.name)) advance(globalCursor, child, (next ??= []));
      for (const cursor of cursors) {
        if (cursor.node.edges.has(child.name)) advance(cursor, child, (next ??= []));
      }
      const rule = contextRuleOf(child);
      if (rule !== undefined) {
        const base = localCounts.length;
        for (let atom = 0; atom < rule.atomCount; atom += 1) localCounts.push(0);
        instances.push({ rule, element: child, base });
        if (rule.trie.attributeAtoms.size > 0) {
          countAttributes(rule.trie, child, localCounts, base);
        }
        if (rule.trie.edges.size > 0)
          (next ??= []).push({ node: rule.trie, counts: localCounts, base });
      }
      if (child.children.length > 0) visit(child, next ?? NO_CURSORS);
    }
  };
  visit(
    doc.documentNode,
    set.rootTrie.edges.size > 0 ? [{ node: set.rootTrie, counts: globalCounts, base: 0 }] : [],
  );

  for (const instance of instances) {
    const { base, element } = instance;
    counts.base = base;
    const env: TestEnvironment = {
      evaluator,
      element,
      local: localCounts,
      base,
      global: globalCounts,
    };
    let at: SourceLocation | undefined;
    const where = (): SourceLocation =>
      (at ??= { line: element.line, xpath: xpathOf(element, doc) });
    for (const assert of instance.rule.asserts) {
      let failed: boolean;
      if (assert.forbiddenAtom !== undefined) {
        failed = (localCounts[base + assert.forbiddenAtom] ?? 0) > 0;
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
