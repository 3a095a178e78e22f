/**
 * Serializable mutations for the per-rule fixtures: each fixture names a shared sample and
 * the edits that make the official XSLT fail one rule.
 */
import {
  duplicateElement,
  editElement,
  findElements,
  removeChild,
  removeElement,
  setAttribute,
  setChildText,
  setText,
} from './en16931-mutations.js';

export type FixtureOp =
  | readonly ['remove', string, number]
  | readonly ['text', string, number, string]
  | readonly ['child-text', string, number, string, string]
  | readonly ['remove-child', string, number, string]
  | readonly ['attribute', string, number, string, string | null]
  | readonly ['repeat', string, number]
  | readonly ['append', string, number, string]
  | readonly ['child-attribute', string, number, string, string, string | null];

export function applyFixtureOps(xml: string, ops: readonly FixtureOp[]): string {
  let result = xml;
  for (const op of ops) {
    switch (op[0]) {
      case 'remove':
        result = removeElement(result, op[1], op[2]);
        break;
      case 'text':
        result = setText(result, op[1], op[3], op[2]);
        break;
      case 'child-text':
        result = setChildText(result, op[1], op[2], op[3], op[4]);
        break;
      case 'remove-child':
        result = removeChild(result, op[1], op[2], op[3]);
        break;
      case 'attribute':
        result = setAttribute(result, op[1], op[3], op[4] ?? undefined, op[2]);
        break;
      case 'repeat':
        result = duplicateElement(result, op[1], op[2]);
        break;
      case 'child-attribute':
        result = editElement(result, op[1], op[2], (element) =>
          setAttribute(element, op[3], op[4], op[5] ?? undefined),
        );
        break;
      case 'append':
        result = editElement(result, op[1], op[2], (element) => {
          const close = element.lastIndexOf('</');
          return close < 0 ? element : element.slice(0, close) + op[3] + element.slice(close);
        });
        break;
    }
  }
  return result;
}

/** Whether every element an op targets exists (so a fixture cannot silently do nothing). */
export function canApply(xml: string, op: FixtureOp): boolean {
  return findElements(xml, op[1]).length > op[2];
}
