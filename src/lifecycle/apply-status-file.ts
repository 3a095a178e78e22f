/**
 * Stage: apply a status update file dropped by a public entity (or by a supplier: COMPLETEE):
 * the gateway's XML or CSV, a CDAR message or a Chorus Pro CPP Statut file.
 * Input: the flow of the file claimed from the account's `in/`. Output: each line applied as
 * a status change by that actor, the line-by-line acknowledgement, and the feed rows whose
 * status files are still to write.
 * Replay-safe: each line's result is stored in the same transaction as its change; a retried
 * job reuses stored results instead of applying lines again.
 * Emits the codes of the readers (STATUS_*, XML_*), STATUS_INVOICE_NOT_FOUND,
 * STATUS_INVOICE_AMBIGUOUS and the codes of `applyTransition`.
 */
import { readFile } from 'node:fs/promises';
import type { XmlDocument } from 'libxml2-wasm';
import type { FlowRecord, StatusFeedRecord } from '../registry/index.js';
import {
  ackLineOf,
  parseStatusUpdateFile,
  readCppStatut,
  readStatusCdar,
  statusUpdatesOfCdar,
  type StatusAckLine,
  type StatusUpdateAck,
  type StatusUpdateFileResult,
  type StatusUpdateFormat,
  type StatusUpdateLineResult,
} from '../status/index.js';
import { changeStatus } from './change-status.js';
import type { LifecycleDeps } from './lifecycle-deps.js';
import { resolveInvoice } from './resolve-invoice.js';

/** What the file was read as: one of the gateway's formats, CDAR or Chorus Pro's CPP Statut. */
export type StatusFileKind = StatusUpdateFormat | 'cdar' | 'cppstatut';

export interface StatusFileOutcome {
  readonly ack: StatusUpdateAck;
  readonly kind: StatusFileKind;
  readonly feed: readonly StatusFeedRecord[];
}

const CDAR_ROOT =
  /^(?:\s|<\?[^>]*\?>|<!--[\s\S]*?-->)*<(?:[A-Za-z_][\w.-]*:)?CrossDomainAcknowledgementAndResponse[\s/>]/;

const CPPSTATUT_ROOT = /^(?:\s|<\?[^>]*\?>|<!--[\s\S]*?-->)*<CPPStatut[\s/>]/;

const STATUS_UPDATES_ROOT =
  /^(?:\s|<\?[^>]*\?>|<!--[\s\S]*?-->)*<(?:[A-Za-z_][\w.-]*:)?StatusUpdates[\s/>]/;

function headOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096))
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}

/** CDAR is told apart by its root element; the readers check the namespace. */
export function isCdar(bytes: Uint8Array): boolean {
  return CDAR_ROOT.test(headOf(bytes));
}

/**
 * Whether a file dropped by a supplier is a status update file (COMPLETEE is the supplier's
 * move) rather than an invoice: a StatusUpdates or CDAR root, or a CSV header naming the
 * status column. No invoice syntax the gateway reads looks like that.
 */
export function isStatusUpdateFile(bytes: Uint8Array): boolean {
  const head = headOf(bytes);
  if (CDAR_ROOT.test(head) || STATUS_UPDATES_ROOT.test(head) || CPPSTATUT_ROOT.test(head))
    return true;
  const header = head.split(/\r?\n/, 1)[0] ?? '';
  const columns = header.split(header.includes(';') ? ';' : ',').map((c) => c.trim().toLowerCase());
  return columns.includes('status') && columns.includes('date');
}

function parse(
  deps: LifecycleDeps,
  bytes: Uint8Array,
): {
  kind: StatusFileKind;
  result: StatusUpdateFileResult;
} {
  if (CPPSTATUT_ROOT.test(headOf(bytes))) {
    const { schemas } = deps;
    const validate =
      schemas === undefined ? undefined : (doc: XmlDocument) => schemas.validate(doc, 'cppstatut');
    return { kind: 'cppstatut', result: readCppStatut(bytes, validate) };
  }
  if (isCdar(bytes)) {
    const read = readStatusCdar(bytes);
    return {
      kind: 'cdar',
      result: read.ok ? { ok: true, lines: statusUpdatesOfCdar(read.message) } : read,
    };
  }
  const { format, result } = parseStatusUpdateFile(bytes);
  return { kind: format, result };
}

export async function applyStatusFile(
  deps: LifecycleDeps,
  flow: FlowRecord,
  actor: 'entity' | 'supplier',
  now: () => string = () => new Date().toISOString(),
): Promise<StatusFileOutcome> {
  const bytes = await readFile(flow.archivePath);
  const { kind, result } = parse(deps, bytes);
  const file = {
    fileName: flow.fileName,
    format: kind === 'csv' ? 'csv' : 'xml',
    receivedAt: flow.receivedAt,
  } as const;
  if (!result.ok) return { ack: { ...file, fileIssues: result.issues, lines: [] }, kind, feed: [] };
  const stored = new Map(
    deps.registry.listStatusLines(flow.id).map((line) => [line.index, line.result]),
  );
  const feed: StatusFeedRecord[] = [];
  const lines: StatusAckLine[] = [];
  for (const [index, line] of result.lines.entries()) {
    const previous = stored.get(index);
    if (previous !== undefined) {
      lines.push(JSON.parse(previous) as StatusAckLine);
      continue;
    }
    const applied = applyLine(deps, flow, actor, index, line, now());
    lines.push(applied.ackLine);
    feed.push(...applied.feed);
  }
  return { ack: { ...file, fileIssues: [], lines }, kind, feed };
}

function applyLine(
  deps: LifecycleDeps,
  flow: FlowRecord,
  actor: 'entity' | 'supplier',
  index: number,
  line: StatusUpdateLineResult,
  changedAt: string,
): { ackLine: StatusAckLine; feed: readonly StatusFeedRecord[] } {
  const remember = (ackLine: StatusAckLine) => {
    deps.registry.recordStatusLine({ flowId: flow.id, index, result: JSON.stringify(ackLine) });
    return { ackLine, feed: [] };
  };
  if (!line.ok) return remember(ackLineOf(line));
  const { update } = line;
  const resolved = resolveInvoice(
    deps.registry,
    { login: flow.account, actor },
    update.target,
    line.line,
  );
  if (!resolved.ok) return remember(ackLineOf(line, [resolved.issue]));
  const accepted = ackLineOf(line);
  const changed = changeStatus(
    deps,
    {
      invoiceId: resolved.invoice.id,
      to: update.status,
      actor,
      actorAccount: flow.account,
      reason: update.reason,
      reasonCode: update.reasonCode,
      changedAt,
    },
    { flowId: flow.id, index, result: JSON.stringify(accepted) },
  );
  if (changed.ok) return { ackLine: accepted, feed: changed.recorded.feed };
  // STATUS_UNCHANGED (a replayed line) is a warning: ackLineOf keeps such a line accepted.
  return remember(ackLineOf(line, [{ ...changed.issue, line: line.line }]));
}
