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

/** Repeats the original's acknowledgement; throws (the job retries) until it exists. */
export function duplicateAcknowledgement(registry: Registry, flow: FlowRecord): Acknowledgement {
  const original = originalOf(registry, flow);
  const originalAck =
    original?.state === 'ACKED'
      ? buildAcknowledgement(original, registry.listInvoices(original.id))
      : undefined;
  if (!original || !originalAck) {
    throw new Error(`flow ${flow.id} waits for the acknowledgement of the flow it repeats`);
  }
  return buildDuplicateAcknowledgement(flow, originalAck);
}
