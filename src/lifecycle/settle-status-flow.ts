/**
 * Stage: settle the flow of a status update file (an entity's drop): apply it, write its
 * acknowledgement (`<name>.<flowId>.ack.xml` and `.ack.json`) into the entity's `out/`, and
 * close the flow. The acknowledgement goes to the `out/` of whoever dropped the file. Safe to run again at any point: applying reuses stored line results, and
 * the acknowledgement is rewritten under its fixed name with the same content.
 */
import path from 'node:path';
import { ackBaseName } from '../ack/index.js';
import { localizeIssue, type ValidationIssue } from '../errors/index.js';
import { publishFilesDurable } from '../files/index.js';
import type { AckState, FlowRecord, StatusFeedRecord } from '../registry/index.js';
import {
  renderStatusUpdateAckJson,
  renderStatusUpdateAckXml,
  summariseStatusUpdateAck,
  type StatusAckResult,
} from '../status/index.js';
import { applyStatusFile } from './apply-status-file.js';
import type { LifecycleDeps } from './lifecycle-deps.js';

/** The flow's state in `passerelle flows`, on the scale of deposit acknowledgements. */
const FLOW_STATE_OF: Readonly<Record<StatusAckResult, AckState>> = {
  ACCEPTED: 'IN_INTEGRE',
  PARTIALLY_ACCEPTED: 'IN_INTEGRE_PARTIEL',
  REJECTED: 'IN_REJETE',
};

export interface SettledStatusFlow {
  readonly state: AckState;
  readonly lines: number;
  readonly accepted: number;
  /** Feed rows created by this run; rows of an interrupted run are found by the reconciler. */
  readonly feed: readonly StatusFeedRecord[];
}

export async function settleStatusFlow(
  deps: LifecycleDeps,
  flow: FlowRecord,
  actor: 'entity' | 'supplier',
): Promise<SettledStatusFlow | undefined> {
  if (flow.state === 'ACKED') return undefined;
  const outcome = await applyStatusFile(deps, flow, actor);
  const language = deps.registry.getLanguage(flow.account);
  const localize = (issues: readonly ValidationIssue[]) =>
    issues.map((issue) => localizeIssue(issue, language));
  const ack = {
    ...outcome.ack,
    fileIssues: localize(outcome.ack.fileIssues),
    lines: outcome.ack.lines.map((line) => ({ ...line, issues: localize(line.issues) })),
  };
  const base = path.join(
    deps.accounts.homeOf(flow.account),
    'out',
    ackBaseName({ fileName: flow.fileName, flowId: flow.id }),
  );
  await publishFilesDurable(path.dirname(base), [
    { file: `${base}.xml`, data: renderStatusUpdateAckXml(ack) },
    { file: `${base}.json`, data: renderStatusUpdateAckJson(ack) },
  ]);
  const summary = summariseStatusUpdateAck(ack);
  const state = FLOW_STATE_OF[summary.result];
  if (flow.state === 'RECEIVED') {
    deps.registry.recordIntake(flow.id, {
      syntax: `status-${outcome.kind}`,
      issues: ack.fileIssues,
      invoices: [],
    });
  }
  deps.registry.markAcked(flow.id, state, new Date().toISOString());
  const feed = [...outcome.feed, ...deps.registry.getFlowStatusFeed(flow.id)];
  return { state, lines: summary.lines, accepted: summary.accepted, feed };
}
