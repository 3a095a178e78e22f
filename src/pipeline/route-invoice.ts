/**
 * Routes one PENDING invoice: the number check (INVOICE_NUMBER_DUPLICATE, or a recycle), the
 * recipient decided by `route/` from the directory and the accounts, then delivery to the
 * entity's inbox (or, for an entity with a push target, a push owed to its server: see
 * process-push.ts), and the settlement recorded. Idempotent: a settled invoice is left alone.
 * Codes: INVOICE_NOT_FOUND, INVOICE_NUMBER_DUPLICATE and the ROUTE_* codes of `decideRecipient`.
 */
import { mayDepositFor, pushTargetUrl } from '../accounts/index.js';
import { issueOf, PasserelleError } from '../errors/index.js';
import { checkInvoiceNumber } from '../lifecycle/index.js';
import type { FlowRecord } from '../registry/index.js';
import { decideRecipient, deliveredNameOf, deliverInvoice } from '../route/index.js';
import type { PipelineDeps } from './pipeline-deps.js';

/** Returns 'push' when the invoice is now owed to its entity's own server (a push job to queue). */
export async function routeInvoice(
  deps: PipelineDeps,
  flow: FlowRecord,
  invoiceId: string,
): Promise<'push' | undefined> {
  const invoice = deps.registry.getInvoice(invoiceId);
  if (!invoice)
    throw new PasserelleError('INVOICE_NOT_FOUND', `invoice ${invoiceId} is not in the registry`);
  if (invoice.state !== 'PENDING') return undefined;
  const log = { flowId: flow.id, invoiceId: invoice.id, partner: flow.account };
  const depositor = deps.accounts.get(flow.account);
  if (
    depositor !== undefined &&
    !mayDepositFor(depositor, deps.accounts.mandates.of(depositor.login), invoice.keys.sellerId)
  ) {
    const issue = issueOf('ROUTE_SELLER_NOT_AUTHORIZED', {
      message:
        invoice.keys.sellerId === undefined
          ? 'The invoice names no seller identifier (BT-30, BT-29 or BT-31): the gateway cannot tell in whose name it is deposited.'
          : `The seller ${invoice.keys.sellerId} is neither this account's SIRET ${depositor.siret} (or its SIREN) nor a seller it holds a deposit mandate for (passerelle account grant).`,
    });
    if (
      deps.registry.settleInvoice(invoice.id, {
        state: 'REJECTED',
        recipientSiret: invoice.keys.buyerSiret,
        issues: [...invoice.issues, issue],
      })
    )
      deps.observer?.invoiceSettled('REJECTED');
    deps.logger.info({ ...log, code: issue.code }, 'invoice rejected: seller not authorized');
    return undefined;
  }
  const numberCheck = checkInvoiceNumber(deps.registry, flow.account, invoice);
  if (numberCheck.kind === 'duplicate' && deps.duplicateChecks) {
    if (
      deps.registry.settleInvoice(invoice.id, {
        state: 'REJECTED',
        recipientSiret: invoice.keys.buyerSiret,
        issues: [...invoice.issues, numberCheck.issue],
      })
    )
      deps.observer?.invoiceSettled('REJECTED');
    deps.logger.info(
      { ...log, code: numberCheck.issue.code },
      'invoice rejected: number already used',
    );
    return undefined;
  }
  if (numberCheck.kind === 'recycle') deps.registry.markRecycle(invoice.id, numberCheck.originalId);
  const decision = decideRecipient(invoice.keys, invoice.syntax, {
    findEntity: (siret) => deps.directory.findEntity(siret),
    findService: (siret, code) => deps.directory.findService(siret, code),
    findEntityAccount: (siret) => deps.accounts.findEntityAccount(siret),
  });
  if (!decision.ok) {
    if (
      deps.registry.settleInvoice(invoice.id, {
        state: 'REJECTED',
        recipientSiret: decision.recipientSiret,
        issues: [...invoice.issues, ...decision.issues],
      })
    )
      deps.observer?.invoiceSettled('REJECTED');
    deps.logger.info(
      { ...log, codes: decision.issues.map((issue) => issue.code) },
      'invoice rejected at routing',
    );
    return undefined;
  }
  const push = decision.account.push;
  if (push !== undefined) {
    // Pushed by its own job: DEPOSEE now, MISE_A_DISPOSITION once the entity's server has it.
    if (
      deps.registry.settleInvoice(invoice.id, {
        state: 'DELIVERED',
        recipientSiret: decision.entity.siret,
        recipientAccount: decision.account.login,
        deliveredPath: pushTargetUrl(push, deliveredNameOf(invoice)),
        issues: invoice.issues,
        isPushOwed: true,
      })
    )
      deps.observer?.invoiceSettled('DELIVERED');
    deps.logger.info({ ...log, recipient: decision.account.login }, 'invoice routed; push owed');
    return 'push';
  }
  const inbox = deps.accounts.folderOf(decision.account.login, 'inbox');
  const deliveredPath = await deliverInvoice(inbox, flow, invoice, decision.entity.siret);
  if (
    deps.registry.settleInvoice(invoice.id, {
      state: 'DELIVERED',
      recipientSiret: decision.entity.siret,
      recipientAccount: decision.account.login,
      deliveredPath,
      issues: invoice.issues,
    })
  )
    deps.observer?.invoiceSettled('DELIVERED');
  deps.logger.info({ ...log, recipient: decision.account.login }, 'invoice delivered');
  return undefined;
}
