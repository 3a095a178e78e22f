import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { XmlDocument, XmlValidateError, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

xmlRegisterFsInputProviders();

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function repoPath(relative: string): string {
  return `${REPO_ROOT}${relative}`;
}

export function readRepoFile(relative: string): Buffer {
  return readFileSync(repoPath(relative));
}

/**
 * Validates `xml` against a schema of `schemas/` (or an absolute path); returns the error
 * messages, empty when valid.
 */
export function xsdErrors(schemaFile: string, xml: string | Uint8Array): string[] {
  const xsdPath = schemaFile.startsWith('/') ? schemaFile : repoPath(`schemas/${schemaFile}`);
  const schemaDoc = XmlDocument.fromBuffer(readFileSync(xsdPath), { url: xsdPath });
  try {
    const validator = XsdValidator.fromDoc(schemaDoc);
    try {
      const doc =
        typeof xml === 'string' ? XmlDocument.fromString(xml) : XmlDocument.fromBuffer(xml);
      try {
        validator.validate(doc);
        return [];
      } catch (error) {
        if (error instanceof XmlValidateError) {
          return error.details.map(
            (detail) => `${detail.line}:${detail.col} ${detail.message.trim()}`,
          );
        }
        throw error;
      } finally {
        doc.dispose();
      }
    } finally {
      validator.dispose();
    }
  } finally {
    schemaDoc.dispose();
  }
}

/** Rows of the markdown table between `<!-- marker:start -->` and `<!-- marker:end -->`. */
export function markdownTableRows(markdown: string, marker: string): string[][] {
  const start = markdown.indexOf(`<!-- ${marker}:start -->`);
  const end = markdown.indexOf(`<!-- ${marker}:end -->`);
  if (start < 0 || end < start) {
    throw new Error(`No table marked ${marker}`);
  }
  return markdown
    .slice(start, end)
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim()),
    );
}
