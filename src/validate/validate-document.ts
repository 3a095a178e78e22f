/**
 * Stage: validate one document.
 * Input: the bytes of one file (an XML invoice). Output: syntax, routing keys and every issue
 * found, layer after layer. Codes: FILE_EMPTY, FILE_FORMAT_UNSUPPORTED, XML_*, DOC_UNKNOWN_TYPE,
 * XSD_INVALID, EN16931_RULE*, MODEL_*, FR_RULE*, ROUTE_INVOICE_NUMBER_MISSING, ROUTE_BUYER_SIRET_*.
 */
import { issueOf, isFatal, type ValidationIssue } from '../errors/index.js';
import {
  detectSyntax,
  readRoutingKeys,
  sniffContent,
  type ContentKind,
  type RoutingKeys,
  type Syntax,
} from '../formats/index.js';
import { findOversizedValue } from '../formats/index.js';
import { checkProlog } from '../xml/index.js';
import { checkBusinessRules } from './check-business-rules.js';
import type { FrRuleOverrides } from './fr/index.js';
import { checkRoutingKeys } from './check-routing-keys.js';
import { parseXml } from './parse-xml.js';
import type { SchemaCatalog } from './schema-catalog.js';

/** XSD, the EN 16931 business rules, then the French public-sector rules (Chorus Pro, BR-FR). */
export type ValidationLayer = 'xsd' | 'en16931' | 'fr';
export const ALL_LAYERS: readonly ValidationLayer[] = ['xsd', 'en16931', 'fr'];

/** The document syntaxes of reports: the XML ones, and Factur-X for a PDF with embedded CII. */
export type DocumentSyntax = Syntax | 'factur-x';

export interface DocumentReport {
  readonly contentKind: ContentKind;
  readonly syntax: DocumentSyntax;
  readonly keys: RoutingKeys;
  readonly issues: readonly ValidationIssue[];
  readonly isValid: boolean;
}

export interface ValidateOptions {
  readonly schemas: SchemaCatalog;
  readonly layers?: readonly ValidationLayer[];
  /** Schema to validate against instead of the syntax's own (a Factur-X profile's XSD). */
  readonly schemaKey?: string;
  /** False for documents the EN 16931 rules do not apply to (Factur-X MINIMUM, BASIC WL). */
  readonly isFullInvoice?: boolean;
  /** Per-rule settings of the `fr` layer (config `validation.fr.rules`); defaults otherwise. */
  readonly frRules?: FrRuleOverrides | undefined;
}

export function report(
  contentKind: ContentKind,
  syntax: DocumentSyntax,
  keys: RoutingKeys,
  issues: readonly ValidationIssue[],
): DocumentReport {
  return { contentKind, syntax, keys, issues, isValid: !issues.some(isFatal) };
}

export function validateDocument(bytes: Uint8Array, options: ValidateOptions): DocumentReport {
  const layers = options.layers ?? ALL_LAYERS;
  const contentKind = sniffContent(bytes.subarray(0, 1024));
  if (contentKind === 'empty') return report(contentKind, 'unknown', {}, [issueOf('FILE_EMPTY')]);
  if (contentKind === 'unknown') {
    return report(contentKind, 'unknown', {}, [issueOf('XML_NOT_XML')]);
  }
  if (contentKind !== 'xml') {
    return report(contentKind, 'unknown', {}, [
      issueOf('FILE_FORMAT_UNSUPPORTED', {
        message: `The file is a ${contentKind.toUpperCase()} container, which this gateway does not read yet.`,
      }),
    ]);
  }
  const prologIssues = checkProlog(bytes);
  if (prologIssues.length > 0) return report(contentKind, 'unknown', {}, prologIssues);
  const oversized = findOversizedValue(bytes);
  if (oversized !== undefined) {
    return report(contentKind, 'unknown', {}, [
      issueOf('XML_VALUE_TOO_LARGE', {
        message: `${oversized.kind === 'attribute' ? 'An attribute value' : 'A text node'} of ${oversized.element || 'the document'} is ${String(oversized.bytes)} bytes long, more than any invoice has; the document was not parsed.`,
        line: oversized.line,
      }),
    ]);
  }
  const parsed = parseXml(bytes);
  if (!parsed.ok) return report(contentKind, 'unknown', {}, parsed.issues);
  const { doc } = parsed;
  try {
    const root = doc.root;
    const syntax = detectSyntax(root.namespaceUri, root.name);
    if (syntax === 'unknown') {
      return report(contentKind, syntax, {}, [
        issueOf('DOC_UNKNOWN_TYPE', {
          message: `The root element {${root.namespaceUri}}${root.name} is not a UBL 2.1 Invoice or CreditNote nor a CII D16B CrossIndustryInvoice.`,
          line: root.line,
          xpath: `/${root.prefix ? `${root.prefix}:` : ''}${root.name}`,
        }),
      ]);
    }
    const issues: ValidationIssue[] = [];
    if (layers.includes('xsd'))
      issues.push(...options.schemas.validate(doc, options.schemaKey ?? syntax));
    // The rules run even when the XSD failed, so that every problem is reported at once.
    const isFullInvoice = options.isFullInvoice !== false;
    issues.push(
      ...checkBusinessRules(bytes, {
        en16931: layers.includes('en16931') && isFullInvoice,
        fr: layers.includes('fr') && isFullInvoice,
        frRules: options.frRules,
        syntaxBinding: options.schemas.syntaxBinding,
      }),
    );
    const keys = readRoutingKeys(doc, syntax);
    // The routing prerequisites (a buyer SIRET, ROUTE_*) are French public-sector rules: they
    // belong to the fr layer, so `--layers en16931` reports exactly what the CEN artefact does.
    if (layers.includes('fr')) issues.push(...checkRoutingKeys(keys, syntax));
    return report(contentKind, syntax, keys, issues);
  } finally {
    doc.dispose();
  }
}
