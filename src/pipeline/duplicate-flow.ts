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

/** The earliest earlier flow of the same account with the same bytes, itself no resend. */
export function originalOf(registry: Registry, flow: FlowRecord): FlowRecord | undefined {
  return registry
    .findFlowsBySha(flow.account, flow.sha256)
    .find(
      (other) =>
        other.id !== flow.id &&
        !isDuplicateFlow(other) &&
        (other.receivedAt < flow.receivedAt ||
          (other.receivedAt === flow.receivedAt && other.id < flow.id)),
    );
}

/**
 * Repeats the original's acknowledgement; undefined while the original is not acknowledged
 * (the original's ack job then re-queues this one, and the reconciler would anyway).
 */
export function duplicateAcknowledgement(
  registry: Registry,
  flow: FlowRecord,
): Acknowledgement | undefined {
  const original = originalOf(registry, flow);
  const originalAck =
    original?.state === 'ACKED'
      ? buildAcknowledgement(original, registry.listInvoices(original.id))
      : undefined;
  return originalAck ? buildDuplicateAcknowledgement(flow, originalAck) : undefined;
}

/** Resends of `flow` still waiting for its acknowledgement. */
export function waitingResendsOf(registry: Registry, flow: FlowRecord): FlowRecord[] {
  return registry
    .findFlowsBySha(flow.account, flow.sha256)
    .filter((other) => other.state === 'PROCESSING' && isDuplicateFlow(other));
}
