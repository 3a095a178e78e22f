/**
 * Finds the invoice a status line names, among the delivered invoices of the account that
 * sent the line (received by the entity, or sent by the supplier): a partner can never touch,
 * or learn of, another partner's invoices.
 * Emits STATUS_INVOICE_NOT_FOUND, STATUS_INVOICE_AMBIGUOUS.
 */
import type { ValidationIssue } from '../errors/index.js';
import type { InvoiceRecord, Registry } from '../registry/index.js';
import { statusIssueOf, type StatusUpdateTarget } from '../status/index.js';

export type ResolvedInvoice =
  | { readonly ok: true; readonly invoice: InvoiceRecord }
  | { readonly ok: false; readonly issue: ValidationIssue };

export async function resolveInvoice(
  registry: Registry,
  sender: { readonly login: string; readonly actor: 'entity' | 'supplier' },
  target: StatusUpdateTarget,
  line: number,
): Promise<ResolvedInvoice> {
  const candidates =
    target.kind === 'invoice-id'
      ? [await registry.getInvoice(target.invoiceId)].filter(
          (invoice): invoice is InvoiceRecord => invoice !== undefined,
        )
      : await registry.findInvoicesBySupplierSiret(target.supplierSiret, target.invoiceNumber);
  const depositors = new Map<string, string | undefined>();
  if (sender.actor === 'supplier') {
    for (const invoice of candidates)
      if (!depositors.has(invoice.flowId))
        depositors.set(invoice.flowId, (await registry.getFlow(invoice.flowId))?.account);
  }
  const isOurs = (invoice: InvoiceRecord): boolean =>
    invoice.state === 'DELIVERED' &&
    (sender.actor === 'entity'
      ? invoice.recipientAccount === sender.login
      : depositors.get(invoice.flowId) === sender.login);
  // An invoice recycled since is no longer the one its number names: its recycle is.
  const ours = candidates
    .filter(isOurs)
    .filter(
      (invoice) => !candidates.some((other) => other.recycledFrom === invoice.id && isOurs(other)),
    );
  const [first, second] = ours;
  if (first === undefined)
    return { ok: false, issue: statusIssueOf('STATUS_INVOICE_NOT_FOUND', { line }) };
  if (second !== undefined) {
    return { ok: false, issue: statusIssueOf('STATUS_INVOICE_AMBIGUOUS', { line }) };
  }
  return { ok: true, invoice: first };
}
