/**
 * "Where is invoice X?": an invoice found by id or by number (optionally the supplier's
 * SIRET), with its flow, recipient, lifecycle history, the status files owed to partners,
 * its delivery and who downloaded what (the SFTP audit trail).
 */
import path from 'node:path';
import type { OpsStores as Stores } from './ops-stores.js';
import type { FlowRecord, InvoiceRecord, StatusHistoryRecord } from '../registry/index.js';
import type { SqlDatabase } from '../store/index.js';

const MAX_MATCHES = 50;

export interface StatusFileView {
  readonly account: string;
  readonly seq: number;
  readonly format: string;
  readonly fileName: string;
  readonly isWritten: boolean;
}

export interface DownloadView {
  readonly account: string;
  readonly path: string;
  readonly at: string;
}

export interface InvoiceView {
  readonly invoice: InvoiceRecord;
  readonly flow: FlowRecord | undefined;
  readonly supplierSiret: string | undefined;
  readonly recipientName: string | undefined;
  /** Oldest first, from the first invoice of a recycle chain. */
  readonly history: readonly StatusHistoryRecord[];
  readonly statusFiles: readonly StatusFileView[];
  readonly downloads: readonly DownloadView[];
}

/** Ids of the invoices an operator's reference names: an invoice id, else an invoice number. */
export async function findInvoiceIds(
  stores: Stores,
  reference: string,
  supplierSiret?: string,
): Promise<string[]> {
  if (supplierSiret !== undefined)
    return (await stores.registry.findInvoicesBySupplierSiret(supplierSiret, reference)).map(
      (invoice) => invoice.id,
    );
  if (await stores.registry.getInvoice(reference)) return [reference];
  const rows = await stores.db.all<{ id: string }>(
    `SELECT i.id FROM invoices i JOIN flows f ON f.id = i.flow_id
     WHERE i.number = ? ORDER BY f.received_at, i.flow_id, i.seq LIMIT ?`,
    [reference, MAX_MATCHES],
  );
  return rows.map((row) => row.id);
}

async function historyChain(
  stores: Stores,
  invoice: InvoiceRecord,
): Promise<StatusHistoryRecord[]> {
  const chain = [invoice.id];
  for (
    let from = invoice.recycledFrom;
    from !== undefined && !chain.includes(from);
    from = (await stores.registry.getInvoice(from))?.recycledFrom
  )
    chain.unshift(from);
  const histories = await Promise.all(chain.map((id) => stores.registry.getStatusHistory(id)));
  return histories.flat();
}

async function statusFilesOf(db: SqlDatabase, invoiceId: string): Promise<StatusFileView[]> {
  const rows = await db.all<{
    account: string;
    seq: number;
    format: string;
    file_name: string;
    written: number;
  }>(
    'SELECT account, seq, format, file_name, written FROM status_feed WHERE invoice_id = ? ORDER BY account, seq, format',
    [invoiceId],
  );
  return rows.map((row) => ({
    account: row.account,
    seq: row.seq,
    format: row.format,
    fileName: row.file_name,
    isWritten: row.written === 1,
  }));
}

/** Downloads of the delivered file, from the SFTP audit trail (table sftp_audit). */
async function downloadsOf(db: SqlDatabase, invoice: InvoiceRecord): Promise<DownloadView[]> {
  if (invoice.deliveredPath === undefined) return [];
  const name = path.basename(invoice.deliveredPath);
  return db.all<DownloadView>(
    `SELECT account, file AS path, at FROM sftp_audit
     WHERE file LIKE ? ESCAPE '\\' AND event = 'download' ORDER BY at LIMIT 100`,
    [`%${name.replace(/[\\%_]/g, (char) => `\\${char}`)}`],
  );
}

export async function describeInvoice(
  stores: Stores,
  invoiceId: string,
): Promise<InvoiceView | undefined> {
  const invoice = await stores.registry.getInvoice(invoiceId);
  if (!invoice) return undefined;
  const flow = await stores.registry.getFlow(invoice.flowId);
  const supplier = flow === undefined ? undefined : await stores.accounts.get(flow.account);
  const recipientName =
    invoice.recipientSiret === undefined
      ? undefined
      : (await stores.directory.findEntity(invoice.recipientSiret))?.name;
  return {
    invoice,
    flow,
    supplierSiret: supplier?.siret,
    recipientName,
    history: await historyChain(stores, invoice),
    statusFiles: await statusFilesOf(stores.db, invoice.id),
    downloads: await downloadsOf(stores.db, invoice),
  };
}
