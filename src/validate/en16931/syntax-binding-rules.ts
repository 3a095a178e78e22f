/**
 * Loads the syntax-binding rules (UBL-CR/SR/DT, CII-SR/DT) from the official Schematron of
 * the configured schemas folder: the binding file gives each assert's test and each rule's
 * context (`<param>`), the abstract file the rules, flags and messages. Each context and test
 * is parsed with the XPath subset parser; the paths that are counted (`not(P)`, `count(P)`,
 * `exists(P)`, `(P)`) go into a trie walked once per document (syntax-binding-trie.ts), the
 * rest is evaluated by the subset evaluator on the failing context only. Asserts outside the
 * subset are listed in `unsupported` and never reported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { InvoiceSyntax } from '../../formats/index.js';
import type { OfficialRuleText } from './official-rule-text.js';
import { compileTest, type CompiledTest } from './syntax-binding-test.js';
import { addTriePath, createTrieNode, type TrieNode } from './syntax-binding-trie.js';
import {
  parseXPathSubset,
  XPathSubsetError,
  type AxisStep,
  type PathStep,
  type XPathExpr,
} from './xpath-subset-parse.js';

export interface SyntaxBindingFiles {
  /** The binding `<pattern is-a=…>` with the `<param>` values, relative to the schemas folder. */
  readonly binding: string;
  /** The abstract pattern with the rules, flags and messages. */
  readonly abstract: string;
}

export interface CompiledAssert {
  readonly id: string;
  readonly text: OfficialRuleText;
  readonly test: XPathExpr;
  /** `test` as a closure (syntax-binding-test.ts). */
  readonly check: CompiledTest;
  /** Set when the assert is exactly `not(P)` with P counted by the trie: fails when P exists. */
  readonly forbiddenAtom: number | undefined;
}

export interface ContextAlternative {
  readonly start: 'relative' | 'root' | 'descendant';
  /** Child steps, the last one matching the context element itself. */
  readonly steps: readonly AxisStep[];
  /** Predicates of the last step that depend on the element's name only (checked once per name). */
  readonly namePredicates: readonly XPathExpr[];
  /** The other predicates of the last step, checked on each element, as closures. */
  readonly elementChecks: readonly CompiledTest[];
  /** Predicates of each step, as closures (the last step's are in the two fields above). */
  readonly stepChecks: readonly (readonly CompiledTest[])[];
}

export interface CompiledRule {
  /** Position in the pattern: the first rule whose context matches a node wins. */
  readonly order: number;
  readonly context: string;
  readonly alternatives: readonly ContextAlternative[];
  readonly asserts: readonly CompiledAssert[];
  readonly trie: TrieNode;
  readonly atomCount: number;
}

export interface RuleCandidate {
  readonly rule: CompiledRule;
  readonly alternatives: readonly ContextAlternative[];
}

export interface UnsupportedAssert {
  readonly id: string;
  readonly reason: string;
}

export interface SyntaxRuleSet {
  readonly syntax: InvoiceSyntax;
  readonly rules: readonly CompiledRule[];
  /** Trie of the paths that start with `//`, counted once per document from its root. */
  readonly globalTrie: TrieNode;
  /** Trie of the paths that start with `/`, counted once per document from the document node. */
  readonly rootTrie: TrieNode;
  readonly globalAtomCount: number;
  readonly unsupported: readonly UnsupportedAssert[];
  /** Ids of the compiled asserts, in the artefact's order. */
  readonly compiledIds: readonly string[];
  /** Candidate rules per element name, with their alternatives that name allows; filled on use. */
  readonly candidatesByName: Map<string, readonly RuleCandidate[]>;
}

export type SyntaxBindingRules = Readonly<Record<InvoiceSyntax, SyntaxRuleSet>>;

/** Namespaces of the prefixes the artefacts use, to our tree's qualified names. */
const TREE_PREFIXES: Readonly<Record<string, string>> = {
  cbc: 'cbc:',
  cac: 'cac:',
  ubl: 'ubl:',
  cn: 'cn:',
  rsm: 'rsm:',
  ram: 'ram:',
  udt: 'udt:',
  qdt: 'qdt:',
  ext: '{urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2}',
};

interface RawRule {
  readonly context: string;
  readonly asserts: readonly { id: string; flag: string; test: string; message: string }[];
}

const SCHEMATRON_NS = 'http://purl.oclc.org/dsdl/schematron';

function attributeOf(tag: SaxesTagNS, name: string): string | undefined {
  return tag.attributes[name]?.value;
}

/** Walks a Schematron file with the XML parser; `onElement` sees each Schematron start tag. */
function walkSchematron(
  file: string,
  handlers: {
    readonly onOpen: (tag: SaxesTagNS) => void;
    readonly onText?: (text: string) => void;
    readonly onClose?: (tag: SaxesTagNS) => void;
  },
): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    if (tag.uri === SCHEMATRON_NS) handlers.onOpen(tag);
  });
  parser.on('text', (text) => handlers.onText?.(text));
  parser.on('cdata', (text) => handlers.onText?.(text));
  parser.on('closetag', (tag) => {
    if (tag.uri === SCHEMATRON_NS) handlers.onClose?.(tag);
  });
  parser.write(readFileSync(file, 'utf8')).close();
}

function readRules(bindingFile: string, abstractFile: string): RawRule[] {
  const params = new Map<string, string>();
  walkSchematron(bindingFile, {
    onOpen: (tag) => {
      if (tag.local === 'param')
        params.set(attributeOf(tag, 'name') ?? '', attributeOf(tag, 'value') ?? '');
    },
  });
  const substitute = (text: string): string =>
    text.replace(/\$([A-Za-z_][\w.-]*)/g, (whole, name: string) => params.get(name) ?? whole);
  const rules: { context: string; asserts: RawRule['asserts'][number][] }[] = [];
  let assert: { id: string; flag: string; test: string; text: string[] } | undefined;
  walkSchematron(abstractFile, {
    onOpen: (tag) => {
      if (tag.local === 'rule')
        rules.push({ context: substitute(attributeOf(tag, 'context') ?? ''), asserts: [] });
      else if (tag.local === 'assert')
        assert = {
          id: attributeOf(tag, 'id') ?? '',
          flag: attributeOf(tag, 'flag') ?? 'fatal',
          test: substitute(attributeOf(tag, 'test') ?? ''),
          text: [],
        };
    },
    onText: (text) => assert?.text.push(text),
    onClose: (tag) => {
      if (tag.local !== 'assert' || assert === undefined) return;
      const { id, flag, test } = assert;
      rules.at(-1)?.asserts.push({
        id,
        flag,
        test,
        message: assert.text.join('').replace(/\s+/g, ' ').trim(),
      });
      assert = undefined;
    },
  });
  return rules;
}

function resolveName(test: string): string {
  if (test === '*' || test === 'node()' || !test.includes(':')) return test;
  const colon = test.indexOf(':');
  const prefix = TREE_PREFIXES[test.slice(0, colon)];
  if (prefix === undefined) throw new XPathSubsetError(`unknown prefix in ${test}`);
  const local = test.slice(colon + 1);
  if (local === '*') {
    if (prefix.startsWith('{')) throw new XPathSubsetError(`wildcard on ${test}`);
    return `${prefix}*`;
  }
  return `${prefix}${local}`;
}

/** Rewrites the name tests of an expression to the tree's qualified names. */
function resolveNames(expr: XPathExpr): XPathExpr {
  switch (expr.kind) {
    case 'or':
    case 'and':
    case 'compare':
    case 'arith':
      return { ...expr, left: resolveNames(expr.left), right: resolveNames(expr.right) };
    case 'union':
      return { ...expr, items: expr.items.map(resolveNames) };
    case 'call':
      return { ...expr, args: expr.args.map(resolveNames) };
    case 'path':
      return { ...expr, steps: expr.steps.map(resolveStep) };
    default:
      return expr;
  }
}

function resolveStep(step: PathStep): PathStep {
  const predicates = step.predicates.map(resolveNames);
  if (step.kind === 'filter') return { ...step, primary: resolveNames(step.primary), predicates };
  const test = step.axis === 'attribute' ? step.test : resolveName(step.test);
  return { ...step, test, predicates };
}

/** A path the trie can count: child steps with exact names (and predicates), maybe `/@name`. */
interface TriePath {
  readonly global: boolean;
  /** Starts at the document node (`/a/b`) rather than at every depth (`//a/b`). */
  readonly fromRoot: boolean;
  readonly branches: readonly (readonly AxisStep[])[];
}

function isPositional(predicate: XPathExpr): boolean {
  return predicate.kind === 'number' || (predicate.kind === 'call' && predicate.name === 'last');
}

function elementSteps(steps: readonly PathStep[]): AxisStep[] | undefined {
  const out: AxisStep[] = [];
  for (const [index, step] of steps.entries()) {
    if (step.kind !== 'step') return undefined;
    const isLast = index === steps.length - 1;
    if (step.axis === 'attribute') {
      if (!isLast || step.test === '*' || step.predicates.length > 0) return undefined;
    } else if (
      step.axis !== 'child' ||
      step.test.includes('*') ||
      step.predicates.some(isPositional)
    ) {
      return undefined;
    }
    out.push(step);
  }
  return out;
}

function triePathOf(expr: XPathExpr): TriePath | undefined {
  if (expr.kind !== 'path') return undefined;
  const [first, ...rest] = expr.steps;
  if (first?.kind === 'filter') {
    if (expr.start !== 'relative' || first.predicates.length > 0) return undefined;
    const heads = first.primary.kind === 'union' ? first.primary.items : [first.primary];
    const tail = elementSteps(rest);
    if (tail === undefined) return undefined;
    const branches: AxisStep[][] = [];
    for (const head of heads) {
      if (head.kind !== 'path' || head.start !== 'relative') return undefined;
      const steps = elementSteps(head.steps);
      if (steps === undefined || steps.some((step) => step.axis === 'attribute')) return undefined;
      branches.push([...steps, ...tail]);
    }
    return { global: false, fromRoot: false, branches };
  }
  const steps = elementSteps(expr.steps);
  if (steps === undefined) return undefined;
  // `//@name` counts the attribute on every element; `//a/b` every b under an a anywhere.
  if (expr.start !== 'relative' && steps.length === 0) return undefined;
  if (expr.start === 'root' && steps[0]?.axis !== 'child') return undefined;
  return {
    global: expr.start !== 'relative',
    fromRoot: expr.start === 'root',
    branches: [steps],
  };
}

interface AtomTable {
  readonly trie: TrieNode;
  /** Global table only: paths from the document node. */
  readonly rootTrie: TrieNode;
  readonly keys: Map<string, number>;
}

class AssertCompiler {
  constructor(
    readonly local: AtomTable,
    readonly global: AtomTable,
  ) {}

  #atom(path: TriePath, source: XPathExpr): { atom: number; global: boolean } {
    const table = path.global ? this.global : this.local;
    const key = JSON.stringify(source);
    let atom = table.keys.get(key);
    if (atom === undefined) {
      atom = table.keys.size;
      table.keys.set(key, atom);
      const trie = path.fromRoot ? table.rootTrie : table.trie;
      for (const branch of path.branches) addTriePath(trie, branch, atom);
    }
    return { atom, global: path.global };
  }

  /** Replaces counted paths by trie atoms where only their count or emptiness is used. */
  compile(expr: XPathExpr, booleanPosition: boolean): XPathExpr {
    const path = triePathOf(expr);
    if (path !== undefined && booleanPosition)
      return { kind: 'atom-exists', ...this.#atom(path, expr) };
    switch (expr.kind) {
      case 'or':
      case 'and':
        return {
          ...expr,
          left: this.compile(expr.left, true),
          right: this.compile(expr.right, true),
        };
      case 'compare':
      case 'arith':
        return {
          ...expr,
          left: this.compile(expr.left, false),
          right: this.compile(expr.right, false),
        };
      case 'call': {
        const [arg] = expr.args;
        const argPath = arg === undefined ? undefined : triePathOf(arg);
        if (arg !== undefined && argPath !== undefined) {
          if (expr.name === 'count') return { kind: 'atom-count', ...this.#atom(argPath, arg) };
          if (expr.name === 'exists') return { kind: 'atom-exists', ...this.#atom(argPath, arg) };
        }
        const booleanArgs = expr.name === 'not';
        return { ...expr, args: expr.args.map((item) => this.compile(item, booleanArgs)) };
      }
      default:
        return expr;
    }
  }
}

/** Whether an expression reads nothing but the context element's name. */
function readsNameOnly(expr: XPathExpr): boolean {
  switch (expr.kind) {
    case 'or':
    case 'and':
    case 'compare':
    case 'arith':
      return readsNameOnly(expr.left) && readsNameOnly(expr.right);
    case 'call':
      if ((expr.name === 'name' || expr.name === 'local-name') && expr.args.length === 0)
        return true;
      return expr.args.every(readsNameOnly);
    case 'path':
      return (
        expr.start === 'relative' &&
        expr.steps.every(
          (step) => step.kind === 'step' && step.axis === 'self' && step.predicates.length === 0,
        )
      );
    case 'string':
    case 'number':
      return true;
    default:
      return false;
  }
}

function conjuncts(expr: XPathExpr): XPathExpr[] {
  return expr.kind === 'and' ? [...conjuncts(expr.left), ...conjuncts(expr.right)] : [expr];
}

function compileContext(context: string): ContextAlternative[] {
  const parsed = resolveNames(parseXPathSubset(context));
  const alternatives = parsed.kind === 'union' ? parsed.items : [parsed];
  return alternatives.map((alternative) => {
    if (alternative.kind !== 'path') throw new XPathSubsetError('context is not a path');
    const steps = alternative.steps.map((step) => {
      if (step.kind !== 'step' || step.axis !== 'child' || step.test === 'node()') {
        throw new XPathSubsetError('context step is not a child step');
      }
      if (step.predicates.some(isPositional)) throw new XPathSubsetError('positional context');
      return step;
    });
    const last = steps[steps.length - 1];
    if (last === undefined) throw new XPathSubsetError('empty context');
    const predicates = last.predicates.flatMap(conjuncts);
    return {
      start: alternative.start,
      steps,
      namePredicates: predicates.filter(readsNameOnly),
      elementChecks: predicates.filter((predicate) => !readsNameOnly(predicate)).map(compileTest),
      stepChecks: steps.map((step) => step.predicates.map(compileTest)),
    };
  });
}

/** Compiles the syntax-binding Schematron of one syntax (files already resolved). */
export function compileSyntaxRuleSet(
  syntax: InvoiceSyntax,
  bindingFile: string,
  abstractFile: string,
): SyntaxRuleSet {
  const globalTable: AtomTable = {
    trie: createTrieNode(),
    rootTrie: createTrieNode(),
    keys: new Map(),
  };
  const rules: CompiledRule[] = [];
  const unsupported: UnsupportedAssert[] = [];
  const compiledIds: string[] = [];
  for (const [order, raw] of readRules(bindingFile, abstractFile).entries()) {
    let alternatives: ContextAlternative[];
    try {
      alternatives = compileContext(raw.context);
    } catch (error) {
      const reason = `context ${raw.context}: ${error instanceof Error ? error.message : String(error)}`;
      for (const assert of raw.asserts) unsupported.push({ id: assert.id, reason });
      continue;
    }
    const local: AtomTable = {
      trie: createTrieNode(),
      rootTrie: createTrieNode(),
      keys: new Map(),
    };
    const compiler = new AssertCompiler(local, globalTable);
    const asserts: CompiledAssert[] = [];
    for (const assert of raw.asserts) {
      try {
        const test = compiler.compile(resolveNames(parseXPathSubset(assert.test)), true);
        const [argument] = test.kind === 'call' && test.name === 'not' ? test.args : [];
        const forbiddenAtom =
          argument?.kind === 'atom-exists' && !argument.global ? argument.atom : undefined;
        const flag = assert.flag === 'warning' ? 'warning' : 'fatal';
        asserts.push({
          id: assert.id,
          text: [flag, assert.message],
          test,
          check: compileTest(test),
          forbiddenAtom,
        });
        compiledIds.push(assert.id);
      } catch (error) {
        if (!(error instanceof XPathSubsetError)) throw error;
        unsupported.push({ id: assert.id, reason: `test ${assert.test}: ${error.message}` });
      }
    }
    rules.push({
      order,
      context: raw.context,
      alternatives,
      asserts,
      trie: local.trie,
      atomCount: local.keys.size,
    });
  }
  return {
    syntax,
    rules,
    globalTrie: globalTable.trie,
    rootTrie: globalTable.rootTrie,
    globalAtomCount: globalTable.keys.size,
    unsupported,
    compiledIds,
    candidatesByName: new Map(),
  };
}

/** Compiles the syntax-binding rules of both syntaxes from the files in the schemas folder. */
export function compileSyntaxBindingRules(
  schemasDir: string,
  files: Readonly<Record<InvoiceSyntax, SyntaxBindingFiles>>,
): SyntaxBindingRules {
  const compile = (syntax: InvoiceSyntax): SyntaxRuleSet =>
    compileSyntaxRuleSet(
      syntax,
      path.join(schemasDir, files[syntax].binding),
      path.join(schemasDir, files[syntax].abstract),
    );
  return { ubl: compile('ubl'), cii: compile('cii') };
}
