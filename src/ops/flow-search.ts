/**
 * The console's flow list and overview: filters and a search box that takes a flow id, a SIRET
 * (supplier or buyer) or an invoice number. Every query walks an index (migration 3).
 */
import type { FlowState } from '../registry/index.js';
import type { SqliteDatabase } from '../store/index.js';
import type { StateCount } from './registry-counts.js';

export const FLOW_ID_PATTERN = /^\d{8}-[0-9a-f]{16}$/;
const SIRET_PATTERN = /^\d{14}$/;

export interface FlowSearch {
  /** A flow id, a SIRET or an invoice number. */
  readonly q?: string | undefined;
  readonly state?: FlowState | undefined;
  readonly account?: string | undefined;
  /** Received on or after this day (YYYY-MM-DD). */
  readonly from?: string | undefined;
  /** Received on or before this day (YYYY-MM-DD). */
  readonly to?: string | undefined;
  readonly fileName?: string | undefined;
  readonly limit: number;
  readonly offset: number;
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
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

export function searchFlows(db: SqliteDatabase, search: FlowSearch): FlowPage {
  const where: string[] = [];
  const params: Record<string, string | number> = {
    limit: search.limit + 1,
    offset: search.offset,
  };
  const q = search.q?.trim();
  if (q) {
    params.q = q;
    if (FLOW_ID_PATTERN.test(q)) where.push('f.id = @q');
    else if (SIRET_PATTERN.test(q))
      where.push(
        "(f.id IN (SELECT flow_id FROM invoices WHERE buyer_siret = @q) OR f.account IN (SELECT login FROM accounts WHERE siret = @q AND role = 'supplier'))",
      );
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
    where.push("f.file_name LIKE @fileName ESCAPE '\\'");
    params.fileName = like(search.fileName);
  }
  const rows = db
    .prepare(
      `SELECT f.id, f.account, f.file_name AS fileName, f.state, f.ack_state AS ackState,
         f.received_at AS receivedAt,
         (SELECT COUNT(*) FROM invoices i WHERE i.flow_id = f.id) AS invoices
       FROM flows f ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY f.received_at DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as (Omit<FlowSummary, 'ackState'> & { ackState: string | null })[];
  return {
    flows: rows
      .slice(0, search.limit)
      .map((row) => ({ ...row, ackState: row.ackState ?? undefined })),
    hasMore: rows.length > search.limit,
  };
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
