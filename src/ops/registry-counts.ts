/**
 * Cheap counts over the registry, for metrics, alerts and the overview. On SQLite they are read
 * from `registry_counts`, kept by triggers (migration 9): no scan of the flows. On PostgreSQL
 * they are indexed GROUP BYs: a counter row bumped by every insert would serialise all the
 * workers' transactions on it (see docs/decisions.md).
 */
import type { SqlDatabase } from '../store/index.js';

export interface StateCount {
  readonly state: string;
  readonly count: number;
}

export function countFlowsByState(db: SqlDatabase): Promise<StateCount[]> {
  return db.all<StateCount>(
    db.dialect === 'sqlite'
      ? "SELECT state, SUM(count) AS count FROM registry_counts WHERE tbl = 'flows' GROUP BY state HAVING SUM(count) > 0 ORDER BY state"
      : 'SELECT state, COUNT(*) AS count FROM flows GROUP BY state ORDER BY state',
  );
}

/** Acknowledged flows by acknowledgement state (IN_INTEGRE, IN_REJETE...). */
export function countAcksByState(db: SqlDatabase): Promise<StateCount[]> {
  return db.all<StateCount>(
    db.dialect === 'sqlite'
      ? "SELECT ack_state AS state, count FROM registry_counts WHERE tbl = 'flows' AND state = 'ACKED' AND count > 0 ORDER BY ack_state"
      : "SELECT ack_state AS state, COUNT(*) AS count FROM flows WHERE state = 'ACKED' GROUP BY ack_state ORDER BY ack_state",
  );
}

export function countInvoicesByState(db: SqlDatabase): Promise<StateCount[]> {
  return db.all<StateCount>(
    db.dialect === 'sqlite'
      ? "SELECT state, count FROM registry_counts WHERE tbl = 'invoices' AND count > 0 ORDER BY state"
      : 'SELECT state, COUNT(*) AS count FROM invoices GROUP BY state ORDER BY state',
  );
}

/** The oldest flow not yet acknowledged, if any. */
export function oldestOpenFlow(
  db: SqlDatabase,
): Promise<
  { readonly id: string; readonly receivedAt: string; readonly state: string } | undefined
> {
  return db.get<{ id: string; receivedAt: string; state: string }>(
    `SELECT id, received_at AS "receivedAt", state FROM flows
     WHERE state IN ('RECEIVED', 'PROCESSING') ORDER BY received_at LIMIT 1`,
  );
}

/** Did `account` drop a flow at or after `since` (ISO time)? One index probe. */
export async function hasFlowSince(
  db: SqlDatabase,
  account: string,
  since: string,
): Promise<boolean> {
  const row = await db.get(
    'SELECT 1 AS found FROM flows WHERE account = ? AND received_at >= ? LIMIT 1',
    [account, since],
  );
  return row !== undefined;
}

/** Open flows received before `before`: how many (counted up to 10,000) and the oldest. */
export async function countOpenFlowsBefore(
  db: SqlDatabase,
  before: string,
): Promise<{ readonly count: number; readonly oldestId: string | undefined }> {
  const row = await db.get<{ count: number }>(
    `SELECT COUNT(*) AS count FROM (SELECT 1 FROM flows
       WHERE state IN ('RECEIVED', 'PROCESSING') AND received_at < ? LIMIT 10000) AS open_flows`,
    [before],
  );
  const count = row?.count ?? 0;
  const oldest = count > 0 ? await oldestOpenFlow(db) : undefined;
  return { count, oldestId: oldest?.id };
}
