import { localizeIssue, type AckLanguage, type ValidationIssue } from '../errors/index.js';
import type { AckState, FlowRecord, InvoiceRecord, InvoiceState } from '../registry/index.js';
import { summariseErrors, type ErrorSummaryEntry } from './error-summary.js';
import { ruleSetsOf, type RuleSet } from './rule-sets.js';

export const ACK_FORMAT = 'passerelle-ack/1.0';

export type InvoiceResult = 'ACCEPTED' | 'REJECTED' | 'INCIDENT';

export interface AckInvoice {
  readonly seq: number;
  readonly invoiceId: string;
  readonly sourceName: string;
  readonly number: string | undefined;
  readonly issueDate: string | undefined;
  readonly recipientSiret: string | undefined;
  readonly serviceCode: string | undefined;
  readonly commitmentNumber: string | undefined;
  readonly result: InvoiceResult;
  readonly issues: readonly ValidationIssue[];
}

/** The acknowledgement of one flow (one dropped file), as written in XML and JSON. */
export interface Acknowledgement {
  readonly format: typeof ACK_FORMAT;
  readonly flowId: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly supplierAccount: string;
  readonly receivedAt: string;
  readonly acknowledgedAt: string;
  readonly syntax: string | undefined;
  readonly state: AckState;
  /** For an exact resend (FLOW_DUPLICATE): the flow whose result this acknowledgement repeats. */
  readonly duplicateOf?: string;
  readonly counts: {
    readonly invoices: number;
    readonly accepted: number;
    readonly rejected: number;
    readonly incidents: number;
  };
  /** The rule sets that judged the file (absent when it was not read as an invoice). */
  readonly ruleSets?: readonly RuleSet[];
  /** For a batch: each distinct error once, with the invoices that have it. */
  readonly errorSummary?: readonly ErrorSummaryEntry[];
  readonly issues: readonly ValidationIssue[];
  readonly invoices: readonly AckInvoice[];
}

/** Blocking issues first, in their order, then warnings: the one that stops the file is read first. */
export function fatalFirst(issues: readonly ValidationIssue[]): readonly ValidationIssue[] {
  return [
    ...issues.filter((issue) => issue.severity === 'fatal'),
    ...issues.filter((issue) => issue.severity !== 'fatal'),
  ];
}

const RESULT_OF: Readonly<Record<Exclude<InvoiceState, 'PENDING'>, InvoiceResult>> = {
  DELIVERED: 'ACCEPTED',
  REJECTED: 'REJECTED',
  INCIDENT: 'INCIDENT',
};

export function ackStateOf(
  fileIssues: readonly ValidationIssue[],
  results: readonly InvoiceResult[],
): AckState {
  if (fileIssues.some((issue) => issue.severity === 'fatal') || results.length === 0)
    return 'IN_REJETE';
  if (results.includes('INCIDENT')) return 'IN_INCIDENTE';
  if (results.every((result) => result === 'ACCEPTED')) return 'IN_INTEGRE';
  if (results.every((result) => result === 'REJECTED')) return 'IN_REJETE';
  return 'IN_INTEGRE_PARTIEL';
}

/**
 * Builds the acknowledgement from the registry alone, so a retried job produces the same
 * bytes: the time is the last settlement's, not the clock's. Undefined while unsettled.
 */
export function buildAcknowledgement(
  flow: FlowRecord,
  invoices: readonly InvoiceRecord[],
): Acknowledgement | undefined {
  const ackInvoices: AckInvoice[] = [];
  for (const invoice of invoices) {
    if (invoice.state === 'PENDING') return undefined;
    ackInvoices.push({
      seq: invoice.seq,
      invoiceId: invoice.id,
      sourceName: invoice.sourceName,
      number: invoice.keys.number,
      issueDate: invoice.keys.issueDate,
      recipientSiret: invoice.recipientSiret ?? invoice.keys.buyerSiret,
      serviceCode: invoice.keys.serviceCode,
      commitmentNumber: invoice.keys.commitmentNumber,
      result: RESULT_OF[invoice.state],
      issues: fatalFirst(invoice.issues),
    });
  }
  const results = ackInvoices.map((invoice) => invoice.result);
  const times = [flow.updatedAt, ...invoices.map((invoice) => invoice.updatedAt)].sort();
  return {
    format: ACK_FORMAT,
    flowId: flow.id,
    fileName: flow.fileName,
    sha256: flow.sha256,
    sizeBytes: flow.sizeBytes,
    supplierAccount: flow.account,
    receivedAt: flow.receivedAt,
    acknowledgedAt: flow.ackAt ?? times[times.length - 1] ?? flow.receivedAt,
    syntax: flow.syntax,
    state: ackStateOf(flow.issues, results),
    counts: {
      invoices: results.length,
      accepted: results.filter((result) => result === 'ACCEPTED').length,
      rejected: results.filter((result) => result === 'REJECTED').length,
      incidents: results.filter((result) => result === 'INCIDENT').length,
    },
    ...withRuleSets(flow.syntax),
    ...withSummary(ackInvoices),
    issues: fatalFirst(flow.issues),
    invoices: ackInvoices,
  };
}

/**
 * The acknowledgement of an exact resend: the new file's identity, the original's result
 * (state, counts, invoices) and the FLOW_DUPLICATE warning, with a reference to the original.
 */
export function buildDuplicateAcknowledgement(
  flow: FlowRecord,
  original: Acknowledgement,
): Acknowledgement {
  return {
    format: ACK_FORMAT,
    flowId: flow.id,
    fileName: flow.fileName,
    sha256: flow.sha256,
    sizeBytes: flow.sizeBytes,
    supplierAccount: flow.account,
    receivedAt: flow.receivedAt,
    acknowledgedAt: flow.ackAt ?? flow.updatedAt,
    syntax: original.syntax,
    state: original.state,
    duplicateOf: original.flowId,
    counts: original.counts,
    ...(original.ruleSets === undefined ? {} : { ruleSets: original.ruleSets }),
    ...(original.errorSummary === undefined ? {} : { errorSummary: original.errorSummary }),
    issues: [...flow.issues, ...original.issues],
    invoices: original.invoices,
  };
}

function withRuleSets(syntax: string | undefined): { ruleSets?: readonly RuleSet[] } {
  const ruleSets = ruleSetsOf(syntax);
  return ruleSets.length === 0 ? {} : { ruleSets };
}

function withSummary(invoices: readonly AckInvoice[]): {
  errorSummary?: readonly ErrorSummaryEntry[];
} {
  const errorSummary = summariseErrors(invoices);
  return errorSummary.length === 0 ? {} : { errorSummary };
}

/** The acknowledgement with its messages in the account's language (docs/acknowledgements.md). */
export function localizeAcknowledgement(
  ack: Acknowledgement,
  language: AckLanguage,
): Acknowledgement {
  if (language === 'en') return ack;
  const each = (issues: readonly ValidationIssue[]) =>
    issues.map((issue) => localizeIssue(issue, language));
  return {
    ...ack,
    ...(ack.errorSummary === undefined
      ? {}
      : {
          errorSummary: ack.errorSummary.map((entry) => ({
            ...entry,
            message: localizeIssue({ ...entry, message: entry.message }, language).message,
          })),
        }),
    issues: each(ack.issues),
    invoices: ack.invoices.map((invoice) => ({ ...invoice, issues: each(invoice.issues) })),
  };
}
