import {
  STATUS_CODES,
  type IssueDetails,
  type StatusCode,
  type ValidationIssue,
} from '../errors/index.js';

/**
 * Builds an issue for one of the status codes. Mirrors `issueOf` from the catalogue, which
 * does not know these codes until `STATUS_CODES` is merged into it.
 */
export function statusIssueOf(code: StatusCode, details: IssueDetails = {}): ValidationIssue {
  const definition = STATUS_CODES[code];
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
