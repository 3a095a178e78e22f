export type { IssueLayer, Severity, ValidationIssue } from './issue.js';
export { isFatal } from './issue.js';
export type { CodeDefinition, CodeTable } from './code-definition.js';
export type { IssueCode, IssueDetails } from './catalogue.js';
export { CATALOGUE, describeCode, issueOf } from './catalogue.js';
export type { FailureCode, PushFailureCode } from './passerelle-error.js';
export { PasserelleError, PUSH_FAILURE_CODES } from './passerelle-error.js';
export type { StatusCode } from './codes/status-codes.js';
export { STATUS_CODES } from './codes/status-codes.js';
