import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XmlDocument, XmlLibError, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { issueOf, PasserelleError, type ValidationIssue } from '../errors/index.js';
import {
  compileSyntaxBindingRules,
  loadOfficialRuleTexts,
  type SyntaxBindingRules,
} from './en16931/index.js';
import { readableXsdMessage } from './readable-xsd-message.js';
import { readSchemaManifest as readManifest } from './schema-manifest.js';

let fsProvidersRegistered = false;
const MAX_REPORTED = 50;

/** Entry points of the manifest that are missing from `schemasDir`, as relative paths. */
export function findMissingSchemas(schemasDir: string): string[] {
  const manifest = readManifest();
  return [
    ...Object.values(manifest.entryPoints),
    ...Object.values(manifest.syntaxBinding).flatMap((files) => [files.binding, files.abstract]),
    ...Object.values(manifest.ruleTexts),
  ].filter((entry) => !existsSync(path.join(schemasDir, entry)));
}

/**
 * Reads and compiles the syntax-binding rules (UBL-CR/SR/DT, CII-SR/DT) from the official
 * Schematron in `schemasDir`; see docs/en16931-engine.md.
 */
export function loadSyntaxBindingRules(schemasDir: string): SyntaxBindingRules {
  try {
    return compileSyntaxBindingRules(schemasDir, readManifest().syntaxBinding);
  } catch (error) {
    throw new PasserelleError(
      'SCHEMAS_MISSING',
      `syntax-binding Schematron not readable in ${schemasDir}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Official XSDs, each compiled once per process on first use and kept (compiling UBL takes
 * about 250 ms; validating then takes about 0.3 ms).
 */
export class SchemaCatalog {
  readonly #schemasDir: string;
  readonly #entryPoints: Readonly<Record<string, string>>;
  readonly #validators = new Map<string, XsdValidator>();
  #syntaxBinding: SyntaxBindingRules | undefined;

  constructor(schemasDir: string) {
    this.#schemasDir = schemasDir;
    const manifest = readManifest();
    this.#entryPoints = manifest.entryPoints;
    // The rule flags and messages of the EN 16931 layer, from the installed artefact.
    try {
      loadOfficialRuleTexts(schemasDir, manifest.ruleTexts);
    } catch (error) {
      throw new PasserelleError(
        'SCHEMAS_MISSING',
        `official Schematron not readable in ${schemasDir}`,
        {
          cause: error,
        },
      );
    }
    if (!fsProvidersRegistered) {
      xmlRegisterFsInputProviders();
      fsProvidersRegistered = true;
    }
  }

  /** Resolves a manifest key (`ubl-invoice`) or a path relative to the schemas folder. */
  #entryPathOf(key: string): string {
    return path.join(this.#schemasDir, this.#entryPoints[key] ?? key);
  }

  #validatorFor(key: string): XsdValidator {
    const known = this.#validators.get(key);
    if (known) return known;
    const file = this.#entryPathOf(key);
    if (!existsSync(file)) {
      throw new PasserelleError('SCHEMAS_MISSING', `schema not installed: ${file}`);
    }
    const xsd = XmlDocument.fromBuffer(readFileSync(file), { url: file });
    try {
      const validator = XsdValidator.fromDoc(xsd);
      this.#validators.set(key, validator);
      return validator;
    } catch (error) {
      throw new PasserelleError('SCHEMAS_MISSING', `schema ${file} does not compile`, {
        cause: error,
      });
    } finally {
      xsd.dispose();
    }
  }

  /** The syntax-binding rules, compiled from the Schematron once per process on first use. */
  get syntaxBinding(): SyntaxBindingRules {
    this.#syntaxBinding ??= loadSyntaxBindingRules(this.#schemasDir);
    return this.#syntaxBinding;
  }

  /** Compiles every schema of the manifest now, so a broken install shows at start. */
  preload(): void {
    for (const key of Object.keys(this.#entryPoints)) this.#validatorFor(key);
    this.#syntaxBinding ??= loadSyntaxBindingRules(this.#schemasDir);
  }

  validate(doc: XmlDocument, key: string): ValidationIssue[] {
    const validator = this.#validatorFor(key);
    try {
      validator.validate(doc);
      return [];
    } catch (error) {
      if (!(error instanceof XmlLibError)) throw error;
      return error.details.slice(0, MAX_REPORTED).map((detail) =>
        issueOf('XSD_INVALID', {
          message: readableXsdMessage(detail.message, detail.xpath || undefined),
          ...(detail.line > 0 ? { line: detail.line } : {}),
          ...(detail.xpath ? { xpath: detail.xpath } : {}),
        }),
      );
    }
  }

  dispose(): void {
    for (const validator of this.#validators.values()) validator.dispose();
    this.#validators.clear();
  }
}
