/**
 * Exact resends: a file with the same SHA-256 as an earlier file of the same account is not
 * processed again (FLOW_DUPLICATE); its acknowledgement repeats the original's result and
 * names the original (`duplicateOf`).
 */
import {
  buildAcknowledgement,
  buildDuplicateAcknowledgement,
  type Acknowledgement,
} from '../ack/index.js';
import type { FlowRecord, Registry } from '../registry/index.js';

export function isDuplicateFlow(flow: FlowRecord): boolean {
  return flow.issues.some((issue) => issue.code === 'FLOW_DUPLICATE');
}

/**
 * Rejections the supplier could not have avoided: the fault was on the platform's side (the
 * entity had no account yet, a technical incident). An identical resend of a file that failed
 * only for these is processed anew instead of being answered FLOW_DUPLICATE.
 */
export const PLATFORM_SIDE_CODES: ReadonlySet<string> = new Set([
  'ROUTE_RECIPIENT_NO_ACCOUNT',
  'PROCESSING_INCIDENT',
]);

/** An acknowledged flow closed as an incident, or whose every invoice failed platform-side. */
export async function failedOnPlatformSide(registry: Registry, flow: FlowRecord): Promise<boolean> {
  if (flow.state !== 'ACKED') return false;
  if (flow.ackState === 'IN_INCIDENTE') return true;
  const invoices = await registry.listInvoices(flow.id);
  return (
    invoices.length > 0 &&
    invoices.every((invoice) => {
      if (invoice.state !== 'REJECTED' && invoice.state !== 'INCIDENT') return false;
      const fatal = invoice.issues.filter((issue) => issue.severity === 'fatal');
      return fatal.length > 0 && fatal.every((issue) => PLATFORM_SIDE_CODES.has(issue.code));
    })
  );
}

/**
 * The earliest earlier flow of the same account with the same bytes, itself no resend, and
 * not one that failed on the platform's side.
 */
export async function originalOf(
  registry: Registry,
  flow: FlowRecord,
): Promise<FlowRecord | undefined> {
  for (const other of await registry.findFlowsBySha(flow.account, flow.sha256)) {
    if (
      other.id !== flow.id &&
      !isDuplicateFlow(other) &&
      (other.receivedAt < flow.receivedAt ||
        (other.receivedAt === flow.receivedAt && other.id < flow.id)) &&
      !(await failedOnPlatformSide(registry, other))
    )
      return other;
  }
  return undefined;
}

/**
 * Repeats the original's acknowledgement; undefined while the original is not acknowledged
 * (the original's ack job then re-queues this one, and the reconciler would anyway).
 */
export async function duplicateAcknowledgement(
  registry: Registry,
  flow: FlowRecord,
): Promise<Acknowledgement | undefined> {
  const original = await originalOf(registry, flow);
  const originalAck =
    original?.state === 'ACKED'
      ? buildAcknowledgement(original, await registry.listInvoices(original.id))
      : undefined;
  return originalAck ? buildDuplicateAcknowledgement(flow, originalAck) : undefined;
}

/** Resends of `flow` still waiting for its acknowledgement. */
export async function waitingResendsOf(
  registry: Registry,
  flow: FlowRecord,
): Promise<FlowRecord[]> {
  return (await registry.findFlowsBySha(flow.account, flow.sha256)).filter(
    (other) => other.state === 'PROCESSING' && isDuplicateFlow(other),
  );
}
