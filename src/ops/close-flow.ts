/**
 * Closing a stuck flow as an incident (IN_INCIDENTE): its invoices still PENDING are settled
 * INCIDENT with PROCESSING_INCIDENT and the operator's reason; the acknowledgement stage then
 * writes IN_INCIDENTE. Allowed only while invoices are pending: a flow not yet read (RECEIVED)
 * has no invoices to close (retry its intake), and a settled flow only waits for its
 * acknowledgement (retry that). Invoices closed so get no lifecycle status (docs/lifecycle.md);
 * their numbers may be sent again.
 */
import { CATALOGUE, issueOf } from '../errors/index.js';
import type { Registry } from '../registry/index.js';

export type CloseFlowResult =
  | { readonly ok: true; readonly invoices: number }
  | { readonly ok: false; readonly problem: string };

export const MAX_REASON_LENGTH = 500;

export function closeFlowAsIncident(
  registry: Registry,
  flowId: string,
  reason: string,
): CloseFlowResult {
  const text = reason.trim();
  if (text === '') return { ok: false, problem: 'give a reason' };
  if (text.length > MAX_REASON_LENGTH)
    return { ok: false, problem: `the reason has at most ${MAX_REASON_LENGTH} characters` };
  const flow = registry.getFlow(flowId);
  if (!flow) return { ok: false, problem: `no flow ${flowId}` };
  if (flow.state === 'ACKED')
    return {
      ok: false,
      problem: `flow ${flowId} is already acknowledged (${flow.ackState ?? ''})`,
    };
  if (flow.state === 'RECEIVED')
    return {
      ok: false,
      problem: `flow ${flowId} was not read yet: it has no invoices to close; retry its intake`,
    };
  const pending = registry.listPendingInvoiceIds(flowId);
  if (pending.length === 0)
    return {
      ok: false,
      problem: `flow ${flowId} has no pending invoice: it only waits for its acknowledgement; retry that`,
    };
  const message = `${CATALOGUE.PROCESSING_INCIDENT.message} Reason: ${text}`;
  let invoices = 0;
  for (const id of pending) {
    const invoice = registry.getInvoice(id);
    if (!invoice) continue;
    const closed = registry.settleInvoice(id, {
      state: 'INCIDENT',
      recipientSiret: invoice.recipientSiret ?? invoice.keys.buyerSiret,
      issues: [...invoice.issues, issueOf('PROCESSING_INCIDENT', { message })],
    });
    if (closed) invoices += 1;
  }
  return { ok: true, invoices };
}
