/**
 * Line-by-line acknowledgement of an incoming status file, as XML
 * (`urn:passerelle:status-update-ack:1`) and as its JSON twin; format in
 * docs/status-formats.md. Pure: the same acknowledgement gives the same bytes.
 */
import { isFatal, type ValidationIssue } from '../errors/index.js';
import type { StatusUpdateFormat } from './parse-status-update-file.js';
import { xmlElement, xmlEmptyElement, xmlStartTag } from '../xml/index.js';
import type {
  StatusUpdateFileResult,
  StatusUpdateLineResult,
  StatusUpdateReference,
} from './status-update.js';

export const STATUS_UPDATE_ACK_NAMESPACE = 'urn:passerelle:status-update-ack:1';

export interface StatusAckLine {
  readonly line: number;
  readonly reference: StatusUpdateReference;
  readonly accepted: boolean;
  /** Every issue of the line, warnings included (e.g. STATUS_UNCHANGED). */
  readonly issues: readonly ValidationIssue[];
}

export interface StatusUpdateAck {
  readonly fileName: string;
  readonly format: StatusUpdateFormat;
  /** ISO 8601 date-time with offset, given by the caller so that rendering stays pure. */
  readonly receivedAt: string;
  /** Problems that made the whole file unreadable; no line is then acknowledged. */
  readonly fileIssues: readonly ValidationIssue[];
  readonly lines: readonly StatusAckLine[];
}

export type StatusAckResult = 'ACCEPTED' | 'PARTIALLY_ACCEPTED' | 'REJECTED';

/**
 * One acknowledgement line from a parsed line plus what applying it later found (unknown
 * invoice, illegal transition…). Accepted when no issue is fatal.
 */
export function ackLineOf(
  result: StatusUpdateLineResult,
  laterIssues: readonly ValidationIssue[] = [],
): StatusAckLine {
  const issues = result.ok ? [...laterIssues] : [...result.issues, ...laterIssues];
  return {
    line: result.line,
    reference: result.reference,
    accepted: !issues.some(isFatal),
    issues,
  };
}

/** The acknowledgement of a file whose lines are acknowledged as parsed, with no later check. */
export function buildStatusUpdateAck(
  file: {
    readonly fileName: string;
    readonly format: StatusUpdateFormat;
    readonly receivedAt: string;
  },
  result: StatusUpdateFileResult,
): StatusUpdateAck {
  return result.ok
    ? { ...file, fileIssues: [], lines: result.lines.map((line) => ackLineOf(line)) }
    : { ...file, fileIssues: result.issues, lines: [] };
}

export function summariseStatusUpdateAck(ack: StatusUpdateAck): {
  readonly result: StatusAckResult;
  readonly lines: number;
  readonly accepted: number;
  readonly rejected: number;
} {
  const accepted = ack.lines.filter((line) => line.accepted).length;
  const rejected = ack.lines.length - accepted;
  const result: StatusAckResult =
    ack.fileIssues.length > 0 || accepted === 0
      ? 'REJECTED'
      : rejected === 0
        ? 'ACCEPTED'
        : 'PARTIALLY_ACCEPTED';
  return { result, lines: ack.lines.length, accepted, rejected };
}

export function renderStatusUpdateAckXml(ack: StatusUpdateAck): string {
  const summary = summariseStatusUpdateAck(ack);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    xmlStartTag('StatusUpdateAck', { xmlns: STATUS_UPDATE_ACK_NAMESPACE, version: '1.0' }),
    `  ${xmlEmptyElement('File', { name: ack.fileName, format: ack.format, receivedAt: ack.receivedAt })}`,
    `  ${xmlEmptyElement('Result', {
      status: summary.result,
      lines: String(summary.lines),
      accepted: String(summary.accepted),
      rejected: String(summary.rejected),
    })}`,
    ...ack.fileIssues.map((issue) => `  ${renderIssue('FileIssue', issue)}`),
    ...sortedLines(ack).flatMap(renderLine),
    '</StatusUpdateAck>',
  ];
  return `${lines.join('\n')}\n`;
}

export function renderStatusUpdateAckJson(ack: StatusUpdateAck): string {
  const summary = summariseStatusUpdateAck(ack);
  const document = {
    type: 'passerelle-status-update-ack',
    version: '1.0',
    file: { name: ack.fileName, format: ack.format, receivedAt: ack.receivedAt },
    result: {
      status: summary.result,
      lines: summary.lines,
      accepted: summary.accepted,
      rejected: summary.rejected,
    },
    fileIssues: ack.fileIssues.map(issueJson),
    lines: sortedLines(ack).map((line) => ({
      line: line.line,
      result: line.accepted ? 'ACCEPTED' : 'REJECTED',
      reference: referenceJson(line.reference),
      issues: line.issues.map(issueJson),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function sortedLines(ack: StatusUpdateAck): StatusAckLine[] {
  return [...ack.lines].sort((a, b) => a.line - b.line);
}

function renderLine(line: StatusAckLine): string[] {
  return [
    `  ${xmlStartTag('Line', { number: String(line.line), result: line.accepted ? 'ACCEPTED' : 'REJECTED' })}`,
    `    ${xmlEmptyElement('Reference', referenceJson(line.reference))}`,
    ...line.issues.map((issue) => `    ${renderIssue('Issue', issue)}`),
    '  </Line>',
  ];
}

function renderIssue(element: string, issue: ValidationIssue): string {
  return xmlElement(element, issue.message, {
    code: issue.code,
    layer: issue.layer,
    severity: issue.severity,
    rule: issue.rule,
    line: issue.line === undefined ? undefined : String(issue.line),
    column: issue.column === undefined ? undefined : String(issue.column),
    xpath: issue.xpath,
  });
}

/** Fixed key order, so that the JSON and XML twins list fields alike. */
function referenceJson(reference: StatusUpdateReference): Record<string, string | undefined> {
  return {
    invoiceId: reference.invoiceId,
    supplierSiret: reference.supplierSiret,
    invoiceNumber: reference.invoiceNumber,
    status: reference.status,
  };
}

function issueJson(issue: ValidationIssue): Record<string, string | number | undefined> {
  return {
    code: issue.code,
    layer: issue.layer,
    severity: issue.severity,
    rule: issue.rule,
    message: issue.message,
    line: issue.line,
    column: issue.column,
    xpath: issue.xpath,
  };
}
