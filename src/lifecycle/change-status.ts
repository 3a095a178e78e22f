/**
 * Moves one invoice to a new status: checks the move against the transition table, then
 * records it with its history and feed rows in one registry transaction. Emits the codes of
 * `applyTransition` (STATUS_*) and STATUS_INVOICE_NOT_FOUND.
 */
import type { ValidationIssue } from '../errors/index.js';
import type { InvoiceRecord, RecordedStatusChange, StatusLineRecord } from '../registry/index.js';
import { applyTransition, statusIssueOf, type Actor } from '../status/index.js';
import type { LifecycleDeps } from './lifecycle-deps.js';

export interface StatusRequest {
  readonly invoiceId: string;
  readonly to: string;
  readonly actor: Actor;
  readonly actorAccount?: string | undefined;
  readonly reason?: string | undefined;
  readonly reasonCode?: string | undefined;
  readonly changedAt: string;
}

export type StatusChangeResult =
  | { readonly ok: true; readonly recorded: RecordedStatusChange }
  | { readonly ok: false; readonly issue: ValidationIssue };

/** A concurrent change between read and write is re-decided on the new status this often. */
const MAX_RACES = 3;

/**
 * Who is told. The supplier always is; the entity holding the invoice is told of every change
 * it did not make itself (platform, operator, supplier).
 */
export async function accountsToNotify(
  deps: LifecycleDeps,
  invoice: InvoiceRecord,
  actor: Actor,
): Promise<string[]> {
  const supplier = (await deps.registry.getFlow(invoice.flowId))?.account;
  const accounts = supplier === undefined ? [] : [supplier];
  if (actor !== 'entity' && invoice.recipientAccount !== undefined) {
    accounts.push(invoice.recipientAccount);
  }
  return accounts;
}

/**
 * `line` (the result of the status file line asking for the change) is stored in the same
 * transaction, so a retried job finds it and does not apply the line again.
 */
export async function changeStatus(
  deps: LifecycleDeps,
  request: StatusRequest,
  line?: StatusLineRecord,
): Promise<StatusChangeResult> {
  for (let race = 0; race < MAX_RACES; race += 1) {
    const invoice = await deps.registry.getInvoice(request.invoiceId);
    if (!invoice) {
      return { ok: false, issue: statusIssueOf('STATUS_INVOICE_NOT_FOUND') };
    }
    const current = invoice.status ?? null;
    const checked = applyTransition(current, request.to, {
      actor: request.actor,
      reason: request.reason,
    });
    if (!checked.ok) return checked;
    const { transition } = checked;
    const recorded = await deps.registry.recordStatusChange(
      {
        invoiceId: invoice.id,
        from: current,
        to: transition.to,
        reformCode: transition.reformCode,
        actor: transition.actor,
        actorAccount: request.actorAccount,
        reason: transition.reason,
        reasonCode: request.reasonCode,
        changedAt: request.changedAt,
        notify: await accountsToNotify(deps, invoice, transition.actor),
      },
      line,
    );
    if (recorded) return { ok: true, recorded };
  }
  return {
    ok: false,
    issue: statusIssueOf('STATUS_TRANSITION_ILLEGAL', {
      message: 'The invoice changed status while this change was applied; send it again.',
    }),
  };
}
