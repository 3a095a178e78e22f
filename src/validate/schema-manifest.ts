import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/index.js';
import type { InvoiceSyntax } from '../formats/index.js';
import type { RuleTextFiles, SyntaxBindingFiles } from './en16931/index.js';

/** Who needs a bundle: the gateway refuses to start without it; the tests only run with it. */
export type BundleUse = 'gateway' | 'tests';

/** One official bundle: where to download it and the SHA-256 of each file the project uses. */
export interface SchemaBundle {
  readonly id: string;
  readonly name: string;
  readonly requiredBy: BundleUse;
  readonly download: readonly string[];
  /** Path relative to the schemas folder → lowercase hex SHA-256. */
  readonly files: Readonly<Record<string, string>>;
}

export interface SchemaManifest {
  readonly entryPoints: Readonly<Record<string, string>>;
  /** Schematron of the EN 16931 syntax-binding rules, per syntax. */
  readonly syntaxBinding: Readonly<Record<InvoiceSyntax, SyntaxBindingFiles>>;
  /** The official Schematron (preprocessed) each syntax's rule flags and messages come from. */
  readonly ruleTexts: RuleTextFiles;
  readonly bundles: readonly SchemaBundle[];
}

/** `schemas/manifest.json` of this checkout. */
export function readSchemaManifest(): SchemaManifest {
  const file = path.join(projectRoot(), 'schemas', 'manifest.json');
  return JSON.parse(readFileSync(file, 'utf8')) as SchemaManifest;
}
