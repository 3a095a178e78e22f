import {
  issueOf,
  type IssueDetails,
  type StatusCode,
  type ValidationIssue,
} from '../errors/index.js';

/** Builds an issue for one of the status codes, which the catalogue holds like every other. */
export function statusIssueOf(code: StatusCode, details: IssueDetails = {}): ValidationIssue {
  return issueOf(code, details);
}
