import type { CodeDefinition } from './code-definition.js';
import { ARCHIVE_CODES } from './codes/archive-codes.js';
import { FACTURX_CODES } from './codes/facturx-codes.js';
import { FILE_CODES } from './codes/file-codes.js';
import { DELIVERY_CODES, ROUTING_CODES } from './codes/routing-codes.js';
import { RULE_CODES } from './codes/rule-codes.js';
import { STATUS_CODES } from './codes/status-codes.js';
import { XML_CODES } from './codes/xml-codes.js';
import type { ValidationIssue } from './issue.js';

/**
 * Every code that can appear in an acknowledgement. Partners parse these: a code is never
 * renamed or reused, and `docs/error-codes.md` lists exactly these (a unit test checks it).
 */
export const CATALOGUE = {
  ...FILE_CODES,
  ...XML_CODES,
  ...ROUTING_CODES,
  ...DELIVERY_CODES,
  ...FACTURX_CODES,
  ...ARCHIVE_CODES,
  ...RULE_CODES,
  ...STATUS_CODES,
} as const;

export type IssueCode = keyof typeof CATALOGUE;

export function describeCode(code: IssueCode): CodeDefinition {
  return CATALOGUE[code];
}

export interface IssueDetails {
  readonly message?: string;
  readonly rule?: string;
  readonly line?: number;
  readonly column?: number;
  readonly xpath?: string;
}

/** Builds an issue for one of our own checks, taking layer, severity and default text from the catalogue. */
export function issueOf(code: IssueCode, details: IssueDetails = {}): ValidationIssue {
  const definition: CodeDefinition = CATALOGUE[code];
  return {
    layer: definition.layer,
    code,
    rule: details.rule ?? code,
    severity: definition.severity,
    message: details.message ?? definition.message,
    ...(details.line === undefined ? {} : { line: details.line }),
    ...(details.column === undefined ? {} : { column: details.column }),
    ...(details.xpath === undefined ? {} : { xpath: details.xpath }),
  };
}
