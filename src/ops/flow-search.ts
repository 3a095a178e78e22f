/**
 * The console's flow list and overview: filters and a search box that takes a flow id, a SIRET
 * (supplier or buyer) or an invoice number. Every query walks an index (migration 3).
 */
import type { FlowState } from '../registry/index.js';
import type { SqliteDatabase } from '../store/index.js';
import type { StateCount } from './registry-counts.js';

export const FLOW_ID_PATTERN = /^\d{8}-[0-9a-f]{16}$/;
const SIRET_PATTERN = /^\d{14}$/;
/** From this many invoices on, a buyer's flows are found by walking the newest flows. */
const DENSE_BUYER_INVOICES = 2000;

export interface FlowCursor {
  readonly receivedAt: string;
  readonly id: string;
}

export interface FlowSearch {
  /** A flow id, a SIRET or an invoice number. */
  readonly q?: string | undefined;
  readonly state?: FlowState | undefined;
  readonly account?: string | undefined;
  /** Received on or after this day (YYYY-MM-DD). */
  readonly from?: string | undefined;
  /** Received on or before this day (YYYY-MM-DD). */
  readonly to?: string | undefined;
  /** The file name starts with this. */
  readonly fileName?: string | undefined;
  readonly limit: number;
  /** Flows older than this one (keyset paging: the last flow of the previous page). */
  readonly after?: FlowCursor | undefined;
}

export interface FlowSummary {
  readonly id: string;
  readonly account: string;
  readonly fileName: string;
  readonly state: string;
  readonly ackState: string | undefined;
  readonly receivedAt: string;
  readonly invoices: number;
}

export interface FlowPage {
  readonly flows: readonly FlowSummary[];
  readonly hasMore: boolean;
  /** The cursor of the next (older) page, when there is one. */
  readonly next: FlowCursor | undefined;
}

/** `2026-01-13T08:00:00.000Z~20260113-00000000000f4236` ⇄ a cursor. */
export function cursorText(cursor: FlowCursor): string {
  return `${cursor.receivedAt}~${cursor.id}`;
}

export function parseCursor(text: string | undefined): FlowCursor | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~(\d{8}-[0-9a-f]{16})$/.exec(text ?? '');
  return match ? { receivedAt: match[1] ?? '', id: match[2] ?? '' } : undefined;
}

/**
 * Newest first, by (received_at, id), LIMIT + 1 to know whether there is more: every filter
 * walks an index, pages included (no OFFSET, which reads and drops every row before the page).
 * A SIRET is a supplier's (its accounts) or a buyer's (flows holding an invoice to it).
 */
export function searchFlows(db: SqliteDatabase, search: FlowSearch): FlowPage {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: search.limit + 1 };
  const q = search.q?.trim();
  if (q) {
    params.q = q;
    if (FLOW_ID_PATTERN.test(q)) where.push('f.id = @q');
    else if (SIRET_PATTERN.test(q)) where.push(siretCondition(db, q, params));
    else where.push('f.id IN (SELECT flow_id FROM invoices WHERE number = @q)');
  }
  if (search.state) {
    where.push('f.state = @state');
    params.state = search.state;
  }
  if (search.account) {
    where.push('f.account = @account');
    params.account = search.account;
  }
  if (search.from) {
    where.push('f.received_at >= @from');
    params.from = search.from;
  }
  if (search.to) {
    where.push('f.received_at < @to');
    params.to = `${search.to}T99`;
  }
  if (search.fileName) {
    // A range on the file name index: "starts with", whatever the case of LIKE.
    where.push('f.file_name >= @fileName AND f.file_name < @fileNameEnd');
    params.fileName = search.fileName;
    params.fileNameEnd = `${search.fileName}\u{10ffff}`;
  }
  if (search.after) {
    where.push('(f.received_at, f.id) < (@afterAt, @afterId)');
    params.afterAt = search.after.receivedAt;
    params.afterId = search.after.id;
  }
  const rows = db
    .prepare(
      `SELECT f.id, f.account, f.file_name AS fileName, f.state, f.ack_state AS ackState,
         f.received_at AS receivedAt,
         (SELECT COUNT(*) FROM invoices i WHERE i.flow_id = f.id) AS invoices
       FROM flows f ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY f.received_at DESC, f.id DESC LIMIT @limit`,
    )
    .all(params) as (Omit<FlowSummary, 'ackState'> & { ackState: string | null })[];
  const flows = rows
    .slice(0, search.limit)
    .map((row) => ({ ...row, ackState: row.ackState ?? undefined }));
  const last = flows[flows.length - 1];
  const hasMore = rows.length > search.limit;
  return {
    flows,
    hasMore,
    next: hasMore && last ? { receivedAt: last.receivedAt, id: last.id } : undefined,
  };
}

/** The accounts of a supplier SIRET, else the flows with an invoice to a buyer SIRET. */
function siretCondition(
  db: SqliteDatabase,
  siret: string,
  params: Record<string, string | number>,
): string {
  const logins = (
    db
      .prepare("SELECT login FROM accounts WHERE siret = ? AND role = 'supplier' ORDER BY login")
      .all(siret) as { login: string }[]
  ).map((row) => row.login);
  // A buyer with few invoices: list its flows (a short list, sorted). With many: walk the
  // newest flows and probe each (matches come soon). Either way an index, never a full sort.
  const { invoices } = db
    .prepare(
      'SELECT COUNT(*) AS invoices FROM (SELECT 1 FROM invoices WHERE buyer_siret = ? LIMIT ?)',
    )
    .get(siret, DENSE_BUYER_INVOICES) as { invoices: number };
  const isBuyer = invoices > 0;
  const byBuyer =
    invoices < DENSE_BUYER_INVOICES
      ? 'f.id IN (SELECT flow_id FROM invoices WHERE buyer_siret = @q)'
      : 'EXISTS (SELECT 1 FROM invoices i WHERE i.buyer_siret = @q AND i.flow_id = f.id)';
  if (logins.length === 0) return byBuyer;
  logins.forEach((login, index) => (params[`login${index}`] = login));
  const bySupplier =
    logins.length === 1
      ? 'f.account = @login0'
      : `f.account IN (${logins.map((_login, index) => `@login${index}`).join(', ')})`;
  return isBuyer ? `(${bySupplier} OR ${byBuyer})` : bySupplier;
}

export interface Overview {
  readonly flowsToday: readonly StateCount[];
  /** Invoices received per minute over the last hour (minute: YYYY-MM-DDTHH:MM). */
  readonly invoicesPerMinute: readonly { readonly minute: string; readonly count: number }[];
  /** Invoices received per hour over the last day (hour: YYYY-MM-DDTHH). */
  readonly invoicesPerHour: readonly { readonly hour: string; readonly count: number }[];
}

export function readOverview(db: SqliteDatabase, now = new Date()): Overview {
  const today = `${now.toISOString().slice(0, 10)}T00:00:00`;
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  return {
    flowsToday: db
      .prepare(
        'SELECT state, COUNT(*) AS count FROM flows WHERE received_at >= ? GROUP BY state ORDER BY state',
      )
      .all(today) as StateCount[],
    invoicesPerMinute: db
      .prepare(
        `SELECT substr(f.received_at, 1, 16) AS minute, COUNT(*) AS count
         FROM flows f JOIN invoices i ON i.flow_id = f.id
         WHERE f.received_at >= ? GROUP BY minute ORDER BY minute`,
      )
      .all(hourAgo) as { minute: string; count: number }[],
    invoicesPerHour: db
      .prepare(
        `SELECT substr(f.received_at, 1, 13) AS hour, COUNT(*) AS count
         FROM flows f JOIN invoices i ON i.flow_id = f.id
         WHERE f.received_at >= ? GROUP BY hour ORDER BY hour`,
      )
      .all(dayAgo) as { hour: string; count: number }[],
  };
}
