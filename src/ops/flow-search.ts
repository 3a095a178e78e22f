/**
 * The console's flow list and overview: filters and a search box that takes a flow id, a SIRET
 * (supplier or buyer) or an invoice number. Every query walks an index (migration 3).
 */
import type { FlowState } from '../registry/index.js';
import type { SqlDatabase, SqlValue } from '../store/index.js';
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

export async function searchFlows(db: SqlDatabase, search: FlowSearch): Promise<FlowPage> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const q = search.q?.trim();
  if (q) {
    if (FLOW_ID_PATTERN.test(q)) {
      where.push('f.id = ?');
      params.push(q);
    } else if (SIRET_PATTERN.test(q)) {
      where.push(
        "(f.id IN (SELECT flow_id FROM invoices WHERE buyer_siret = ?) OR f.account IN (SELECT login FROM accounts WHERE siret = ? AND role = 'supplier'))",
      );
      params.push(q, q);
    } else {
      where.push('f.id IN (SELECT flow_id FROM invoices WHERE number = ?)');
      params.push(q);
    }
  }
  const filter = (clause: string, value: string | undefined) => {
    if (!value) return;
    where.push(clause);
    params.push(value);
  };
  filter('f.state = ?', search.state);
  filter('f.account = ?', search.account);
  filter('f.received_at >= ?', search.from);
  filter('f.received_at < ?', search.to === undefined ? undefined : `${search.to}T99`);
  filter(
    "lower(f.file_name) LIKE lower(?) ESCAPE '\\'",
    search.fileName ? like(search.fileName) : undefined,
  );
  const rows = await db.all<Omit<FlowSummary, 'ackState'> & { ackState: string | null }>(
    `SELECT f.id, f.account, f.file_name AS "fileName", f.state, f.ack_state AS "ackState",
       f.received_at AS "receivedAt",
       (SELECT COUNT(*) FROM invoices i WHERE i.flow_id = f.id) AS invoices
     FROM flows f ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY f.received_at DESC LIMIT ? OFFSET ?`,
    [...params, search.limit + 1, search.offset],
  );
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

export async function readOverview(db: SqlDatabase, now = new Date()): Promise<Overview> {
  const today = `${now.toISOString().slice(0, 10)}T00:00:00`;
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  return {
    flowsToday: await db.all<StateCount>(
      'SELECT state, COUNT(*) AS count FROM flows WHERE received_at >= ? GROUP BY state ORDER BY state',
      [today],
    ),
    invoicesPerMinute: await db.all<{ minute: string; count: number }>(
      `SELECT substr(f.received_at, 1, 16) AS minute, COUNT(*) AS count
       FROM flows f JOIN invoices i ON i.flow_id = f.id
       WHERE f.received_at >= ? GROUP BY minute ORDER BY minute`,
      [hourAgo],
    ),
    invoicesPerHour: await db.all<{ hour: string; count: number }>(
      `SELECT substr(f.received_at, 1, 13) AS hour, COUNT(*) AS count
       FROM flows f JOIN invoices i ON i.flow_id = f.id
       WHERE f.received_at >= ? GROUP BY hour ORDER BY hour`,
      [dayAgo],
    ),
  };
}
