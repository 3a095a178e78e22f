/** Cheap counts over the registry, for metrics, alerts and the overview. */
import type { SqliteDatabase } from '../store/index.js';

export interface StateCount {
  readonly state: string;
  readonly count: number;
}

/** Read from `registry_counts`, kept by triggers (migration 7): no scan of the flows. */
export function countFlowsByState(db: SqliteDatabase): StateCount[] {
  return db
    .prepare(
      "SELECT state, SUM(count) AS count FROM registry_counts WHERE tbl = 'flows' GROUP BY state HAVING SUM(count) > 0 ORDER BY state",
    )
    .all() as StateCount[];
}

/** Acknowledged flows by acknowledgement state (IN_INTEGRE, IN_REJETE...). */
export function countAcksByState(db: SqliteDatabase): StateCount[] {
  return db
    .prepare(
      "SELECT ack_state AS state, count FROM registry_counts WHERE tbl = 'flows' AND state = 'ACKED' AND count > 0 ORDER BY ack_state",
    )
    .all() as StateCount[];
}

export function countInvoicesByState(db: SqliteDatabase): StateCount[] {
  return db
    .prepare(
      "SELECT state, count FROM registry_counts WHERE tbl = 'invoices' AND count > 0 ORDER BY state",
    )
    .all() as StateCount[];
}

/** The oldest flow not yet acknowledged, if any. */
export function oldestOpenFlow(
  db: SqliteDatabase,
): { readonly id: string; readonly receivedAt: string; readonly state: string } | undefined {
  const row = db
    .prepare(
      "SELECT id, received_at AS receivedAt, state FROM flows WHERE state IN ('RECEIVED', 'PROCESSING') ORDER BY received_at LIMIT 1",
    )
    .get() as { id: string; receivedAt: string; state: string } | undefined;
  return row;
}

/** Did `account` drop a flow at or after `since` (ISO time)? One index probe. */
export function hasFlowSince(db: SqliteDatabase, account: string, since: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM flows WHERE account = ? AND received_at >= ? LIMIT 1')
      .get(account, since) !== undefined
  );
}

/** Open flows received before `before`: how many (counted up to 10,000) and the oldest. */
export function countOpenFlowsBefore(
  db: SqliteDatabase,
  before: string,
): { readonly count: number; readonly oldestId: string | undefined } {
  const { count } = db
    .prepare(
      `SELECT COUNT(*) AS count FROM (SELECT 1 FROM flows
         WHERE state IN ('RECEIVED', 'PROCESSING') AND received_at < ? LIMIT 10000)`,
    )
    .get(before) as { count: number };
  const oldest = count > 0 ? oldestOpenFlow(db) : undefined;
  return { count, oldestId: oldest?.id };
}
