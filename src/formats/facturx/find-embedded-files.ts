import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import type { PDFDocument, PDFObject } from 'pdf-lib';

/** One embedded file of the PDF, as declared by its file specification dictionary. */
export interface EmbeddedFile {
  /** /UF, else /F, else the key in the EmbeddedFiles name tree. */
  readonly name: string;
  /** The /AFRelationship name without the slash, undefined when absent. */
  readonly afRelationship: string | undefined;
  /** The /EF /F stream, undefined when the file specification has none. */
  readonly stream: PDFRawStream | undefined;
  readonly subtype: string | undefined;
  /** Listed in the EmbeddedFiles name tree (false: reachable only through the catalog's /AF). */
  readonly isInNameTree: boolean;
}

/** Hostile name trees can be deep or cyclic; real ones have a handful of nodes. */
const MAX_TREE_DEPTH = 32;
const MAX_FILES = 1000;

/**
 * Lists the embedded files reachable from the EmbeddedFiles name tree and from the catalog's
 * /AF array (PDF/A-3 associated files), each file specification once.
 */
export function findEmbeddedFiles(doc: PDFDocument): EmbeddedFile[] {
  // File specification → its key in the name tree, or null when only /AF reaches it.
  const found = new Map<PDFDict, string | null>();
  const names = doc.catalog.lookup(PDFName.of('Names'));
  if (names instanceof PDFDict) {
    const tree = names.lookup(PDFName.of('EmbeddedFiles'));
    if (tree instanceof PDFDict) {
      walkNameTree(tree, 0, new Set(), found);
    }
  }
  const associated = doc.catalog.lookup(PDFName.of('AF'));
  if (associated instanceof PDFArray) {
    for (let index = 0; index < associated.size() && found.size < MAX_FILES; index += 1) {
      const spec = associated.lookup(index);
      if (spec instanceof PDFDict && !found.has(spec)) {
        found.set(spec, null);
      }
    }
  }
  return [...found].map(([spec, treeKey]) => describeFileSpec(spec, treeKey));
}

function walkNameTree(
  node: PDFDict,
  depth: number,
  visited: Set<PDFDict>,
  found: Map<PDFDict, string | null>,
): void {
  if (depth > MAX_TREE_DEPTH || visited.has(node)) {
    return;
  }
  visited.add(node);
  const pairs = node.lookup(PDFName.of('Names'));
  if (pairs instanceof PDFArray) {
    for (let index = 0; index + 1 < pairs.size() && found.size < MAX_FILES; index += 2) {
      const spec = pairs.lookup(index + 1);
      if (spec instanceof PDFDict) {
        found.set(spec, decodeText(pairs.lookup(index)) ?? '');
      }
    }
  }
  const kids = node.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) {
    for (let index = 0; index < kids.size(); index += 1) {
      const kid = kids.lookup(index);
      if (kid instanceof PDFDict) {
        walkNameTree(kid, depth + 1, visited, found);
      }
    }
  }
}

function describeFileSpec(spec: PDFDict, treeKey: string | null): EmbeddedFile {
  const name =
    decodeText(spec.lookup(PDFName.of('UF'))) ??
    decodeText(spec.lookup(PDFName.of('F'))) ??
    treeKey ??
    '';
  const relationship = spec.lookup(PDFName.of('AFRelationship'));
  const files = spec.lookup(PDFName.of('EF'));
  const stream = files instanceof PDFDict ? files.lookup(PDFName.of('F')) : undefined;
  const subtype =
    stream instanceof PDFRawStream ? stream.dict.lookup(PDFName.of('Subtype')) : undefined;
  return {
    name,
    afRelationship: relationship instanceof PDFName ? relationship.decodeText() : undefined,
    stream: stream instanceof PDFRawStream ? stream : undefined,
    subtype: subtype instanceof PDFName ? subtype.decodeText() : undefined,
    isInNameTree: treeKey !== null,
  };
}

function decodeText(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) {
    return value.decodeText();
  }
  return undefined;
}
