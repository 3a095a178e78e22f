/**
 * "Where is invoice X?": an invoice found by id or by number (optionally the supplier's
 * SIRET), with its flow, recipient, lifecycle history, the status files owed to partners,
 * its delivery and, when the SFTP audit table exists, who downloaded what.
 */
import path from 'node:path';
import type { OpsStores as Stores } from './ops-stores.js';
import type { FlowRecord, InvoiceRecord, StatusHistoryRecord } from '../registry/index.js';
import type { SqliteDatabase } from '../store/index.js';

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
  /** Undefined when the gateway keeps no SFTP audit (older installations). */
  readonly downloads: readonly DownloadView[] | undefined;
}

/** Ids of the invoices an operator's reference names: an invoice id, else an invoice number. */
export function findInvoiceIds(
  stores: Stores,
  reference: string,
  supplierSiret?: string,
): string[] {
  if (supplierSiret !== undefined)
    return stores.registry
      .findInvoicesBySupplierSiret(supplierSiret, reference)
      .map((invoice) => invoice.id);
  if (stores.registry.getInvoice(reference)) return [reference];
  const rows = stores.db
    .prepare('SELECT id FROM invoices WHERE number = ? ORDER BY rowid LIMIT ?')
    .all(reference, MAX_MATCHES) as { id: string }[];
  return rows.map((row) => row.id);
}

function historyChain(stores: Stores, invoice: InvoiceRecord): StatusHistoryRecord[] {
  const chain = [invoice.id];
  for (
    let from = invoice.recycledFrom;
    from !== undefined && !chain.includes(from);
    from = stores.registry.getInvoice(from)?.recycledFrom
  )
    chain.unshift(from);
  return chain.flatMap((id) => stores.registry.getStatusHistory(id));
}

function statusFilesOf(db: SqliteDatabase, invoiceId: string): StatusFileView[] {
  const rows = db
    .prepare(
      'SELECT account, seq, format, file_name, written FROM status_feed WHERE invoice_id = ? ORDER BY account, seq, format',
    )
    .all(invoiceId) as {
    account: string;
    seq: number;
    format: string;
    file_name: string;
    written: number;
  }[];
  return rows.map((row) => ({
    account: row.account,
    seq: row.seq,
    format: row.format,
    fileName: row.file_name,
    isWritten: row.written === 1,
  }));
}

const AUDIT_TABLES = ['sftp_audit', 'sftp_events', 'audit_log'];
const COLUMN_CHOICES = {
  account: ['login', 'account', 'user'],
  path: ['path', 'virtual_path', 'file', 'file_name'],
  at: ['at', 'occurred_at', 'created_at', 'time', 'ts'],
  action: ['action', 'event', 'op', 'kind', 'type'],
} as const;

/**
 * Downloads of the delivered file, from the SFTP audit table when the installation has one.
 * The table is written by the SFTP area; its column names are matched loosely so that this
 * view does not break when that table gains columns.
 */
function downloadsOf(db: SqliteDatabase, invoice: InvoiceRecord): DownloadView[] | undefined {
  const table = AUDIT_TABLES.find(
    (name) =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
      undefined,
  );
  if (table === undefined) return undefined;
  const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map(
    (column) => column.name,
  );
  const pick = (choices: readonly string[]) => choices.find((name) => columns.includes(name));
  const account = pick(COLUMN_CHOICES.account);
  const filePath = pick(COLUMN_CHOICES.path);
  const at = pick(COLUMN_CHOICES.at);
  const action = pick(COLUMN_CHOICES.action);
  if (account === undefined || filePath === undefined || at === undefined) return undefined;
  if (invoice.deliveredPath === undefined) return [];
  const name = path.basename(invoice.deliveredPath);
  const actionFilter =
    action === undefined ? '' : ` AND lower(${action}) IN ('download', 'read', 'get', 'open_read')`;
  const rows = db
    .prepare(
      `SELECT ${account} AS account, ${filePath} AS path, ${at} AS at FROM ${table} WHERE ${filePath} LIKE ? ESCAPE '\\'${actionFilter} ORDER BY ${at} LIMIT 100`,
    )
    .all(`%${name.replace(/[\\%_]/g, (char) => `\\${char}`)}`) as Record<
    'account' | 'path' | 'at',
    unknown
  >[];
  return rows.map((row) => ({
    account: String(row.account),
    path: String(row.path),
    at: String(row.at),
  }));
}

export function describeInvoice(stores: Stores, invoiceId: string): InvoiceView | undefined {
  const invoice = stores.registry.getInvoice(invoiceId);
  if (!invoice) return undefined;
  const flow = stores.registry.getFlow(invoice.flowId);
  const supplier = flow === undefined ? undefined : stores.accounts.get(flow.account);
  const recipientName =
    invoice.recipientSiret === undefined
      ? undefined
      : stores.directory.findEntity(invoice.recipientSiret)?.name;
  return {
    invoice,
    flow,
    supplierSiret: supplier?.siret,
    recipientName,
    history: historyChain(stores, invoice),
    statusFiles: statusFilesOf(stores.db, invoice.id),
    downloads: downloadsOf(stores.db, invoice),
  };
}
