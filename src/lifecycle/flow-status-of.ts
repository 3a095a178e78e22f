/**
 * Builds the CPP Statut flow-level status of one feed row from the registry alone (the flow,
 * its invoices or its status lines), never from the clock: a rewritten file has the same bytes.
 */
import { localizeIssue, type ValidationIssue } from '../errors/index.js';
import type { FlowRecord, StatusFeedRecord } from '../registry/index.js';
import { isCppFlowAckState, type CppFlowError, type CppFlowStatus } from '../status/index.js';
import type { LifecycleDeps } from './lifecycle-deps.js';

/** The issues of the file, then of each invoice (or status line), with where they were found. */
function issuesOf(
  deps: LifecycleDeps,
  flow: FlowRecord,
): { issue: ValidationIssue; where: string }[] {
  const found = flow.issues.map((issue) => ({ issue, where: `Fichier ${flow.fileName}` }));
  for (const invoice of deps.registry.listInvoices(flow.id)) {
    const name = invoice.keys.number ?? invoice.sourceName;
    for (const issue of invoice.issues)
      found.push({ issue, where: `Facture ${invoice.seq} (${name})` });
  }
  for (const line of deps.registry.listStatusLines(flow.id)) {
    const parsed = JSON.parse(line.result) as { line?: number; issues?: ValidationIssue[] };
    for (const issue of parsed.issues ?? [])
      found.push({ issue, where: `Ligne ${parsed.line ?? line.index + 1}` });
  }
  return found;
}

function errorOf({ issue, where }: { issue: ValidationIssue; where: string }): CppFlowError {
  const place = [
    where,
    issue.line === undefined ? undefined : `ligne ${issue.line}`,
    issue.xpath,
    issue.rule === issue.code ? undefined : `code ${issue.code}`,
  ].filter((part) => part !== undefined);
  return {
    nature: issue.severity === 'fatal' ? 'Bloquante' : 'Non bloquante',
    code: issue.rule,
    label: issue.message,
    description: place.join(', '),
  };
}

export function flowStatusOf(
  deps: LifecycleDeps,
  feed: StatusFeedRecord,
): CppFlowStatus | undefined {
  if (feed.flowId === undefined) return undefined;
  const flow = deps.registry.getFlow(feed.flowId);
  if (flow?.ackAt === undefined || !isCppFlowAckState(flow.ackState)) return undefined;
  const language = deps.registry.getLanguage(feed.account);
  const issues = issuesOf(deps, flow).map(({ issue, where }) => ({
    issue: localizeIssue(issue, language),
    where,
  }));
  // Refusals first: a partner reads the lines that stopped the file before the warnings.
  const ordered = [
    ...issues.filter(({ issue }) => issue.severity === 'fatal'),
    ...issues.filter(({ issue }) => issue.severity !== 'fatal'),
  ];
  return {
    accountId: feed.account,
    sequence: feed.seq,
    flowId: flow.id,
    fileName: flow.fileName,
    ackState: flow.ackState,
    acknowledgedAt: flow.ackAt,
    errors: ordered.map(errorOf),
  };
}
