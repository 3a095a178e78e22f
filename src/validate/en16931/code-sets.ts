import type { InvoiceSyntax } from '../../formats/index.js';
import { CII_CODE_LISTS, UBL_CODE_LISTS } from './code-lists.js';

interface CodeSet {
  readonly codes: ReadonlySet<string>;
  readonly hasDoubleSpace: boolean;
}

/** The official space-delimited lists as sets: `contains(list, ' X ')` is a token lookup. */
function toSets(
  lists: Readonly<Record<string, readonly string[]>>,
): Readonly<Record<string, readonly CodeSet[]>> {
  const sets: Record<string, readonly CodeSet[]> = {};
  for (const [rule, texts] of Object.entries(lists)) {
    sets[rule] = texts.map((text) => ({
      codes: new Set(text.split(' ').filter((code) => code !== '')),
      hasDoubleSpace: text.includes('  '),
    }));
  }
  return sets;
}

const CODE_SETS: Readonly<Record<InvoiceSyntax, Readonly<Record<string, readonly CodeSet[]>>>> = {
  ubl: toSets(UBL_CODE_LISTS),
  cii: toSets(CII_CODE_LISTS),
};

/**
 * Whether a normalized code is in a rule's official list: the artefacts' test
 * `not(contains(code, ' ')) and contains(list, concat(' ', code, ' '))`. An empty code matches
 * only a list with a doubled space.
 */
export function isListed(
  syntax: InvoiceSyntax,
  rule: string,
  code: string,
  listIndex = 0,
): boolean {
  const list = CODE_SETS[syntax][rule]?.[listIndex];
  if (list === undefined || code.includes(' ')) return false;
  return code === '' ? list.hasDoubleSpace : list.codes.has(code);
}

/** The raw list text, for the few rules that test `contains(list, code)` without delimiters. */
export function listText(syntax: InvoiceSyntax, rule: string): string {
  return (syntax === 'ubl' ? UBL_CODE_LISTS : CII_CODE_LISTS)[rule]?.[0] ?? '';
}
