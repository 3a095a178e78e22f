/**
 * Builds the status notification of one feed row from the registry alone (history row,
 * invoice, accounts, directory), never from the clock: a rewritten file has the same bytes.
 */
import type { StatusFeedRecord, InvoiceRecord, StatusHistoryRecord } from '../registry/index.js';
import { isReformCode, type StatusNotification } from '../status/index.js';
import type { LifecycleDeps } from './lifecycle-deps.js';

const SIRET = /^\d{14}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** UNTDID 1001 type of the invoice, from the syntax it was read as. */
function typeCodeOf(invoice: InvoiceRecord): string | undefined {
  if (invoice.syntax === undefined) return undefined;
  return invoice.syntax.includes('credit') ? '381' : '380';
}

/** The buyer's SIRET: the routed recipient, else what the invoice named, when it is one. */
export function buyerSiretOf(invoice: InvoiceRecord): string | undefined {
  const siret = invoice.recipientSiret ?? invoice.keys.buyerSiret;
  return siret !== undefined && SIRET.test(siret) ? siret : undefined;
}

/** Whether status files can be written for the invoice at all: they name both parties and the number. */
export function isNotifiable(deps: LifecycleDeps, invoice: InvoiceRecord): boolean {
  const supplier = deps.registry.getFlow(invoice.flowId)?.account;
  const supplierSiret = supplier === undefined ? undefined : deps.accounts.get(supplier)?.siret;
  return (
    supplierSiret !== undefined &&
    buyerSiretOf(invoice) !== undefined &&
    invoice.keys.number !== undefined &&
    invoice.keys.number !== ''
  );
}

export function notificationOf(
  deps: LifecycleDeps,
  feed: StatusFeedRecord,
): StatusNotification | undefined {
  if (feed.historyId === undefined || feed.invoiceId === undefined) return undefined;
  const history: StatusHistoryRecord | undefined = deps.registry.getHistoryEntry(feed.historyId);
  const invoice = deps.registry.getInvoice(feed.invoiceId);
  if (!history || !invoice) return undefined;
  const supplierLogin = deps.registry.getFlow(invoice.flowId)?.account;
  const supplierSiret =
    supplierLogin === undefined ? undefined : deps.accounts.get(supplierLogin)?.siret;
  const buyerSiret = buyerSiretOf(invoice);
  const number = invoice.keys.number;
  if (supplierSiret === undefined || buyerSiret === undefined || number === undefined) {
    return undefined;
  }
  const entity = deps.directory.findEntity(buyerSiret);
  const { issueDate, sellerName, serviceCode } = invoice.keys;
  const typeCode = typeCodeOf(invoice);
  const changedByName = history.actor === 'entity' ? entity?.name : undefined;
  return {
    accountId: feed.account,
    sequence: feed.seq,
    invoiceId: invoice.id,
    supplier: { siret: supplierSiret, ...(sellerName === undefined ? {} : { name: sellerName }) },
    invoiceNumber: number,
    ...(issueDate !== undefined && ISO_DATE.test(issueDate) ? { invoiceIssueDate: issueDate } : {}),
    ...(typeCode === undefined ? {} : { invoiceTypeCode: typeCode }),
    recipient: {
      siret: buyerSiret,
      ...(serviceCode === undefined ? {} : { serviceCode }),
      ...(entity === undefined ? {} : { name: entity.name }),
    },
    status: history.status,
    ...(isReformCode(history.reformCode) ? { reformCode: history.reformCode } : {}),
    previousStatus: history.previous,
    ...(history.reason === undefined ? {} : { reason: history.reason }),
    ...(history.reasonCode === undefined ? {} : { reasonCode: history.reasonCode }),
    changedBy: {
      actor: history.actor,
      ...(changedByName === undefined ? {} : { name: changedByName }),
    },
    changedAt: history.changedAt,
  };
}
