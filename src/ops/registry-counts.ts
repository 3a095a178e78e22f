/** Cheap counts over the registry, for metrics and the overview (indexed GROUP BYs). */
import type { SqliteDatabase } from '../store/index.js';

export interface StateCount {
  readonly state: string;
  readonly count: number;
}

export function countFlowsByState(db: SqliteDatabase): StateCount[] {
  return db
    .prepare('SELECT state, COUNT(*) AS count FROM flows GROUP BY state ORDER BY state')
    .all() as StateCount[];
}

/** Acknowledged flows by acknowledgement state (IN_INTEGRE, IN_REJETE...). */
export function countAcksByState(db: SqliteDatabase): StateCount[] {
  return db
    .prepare(
      "SELECT ack_state AS state, COUNT(*) AS count FROM flows WHERE state = 'ACKED' GROUP BY ack_state ORDER BY ack_state",
    )
    .all() as StateCount[];
}

export function countInvoicesByState(db: SqliteDatabase): StateCount[] {
  return db
    .prepare('SELECT state, COUNT(*) AS count FROM invoices GROUP BY state ORDER BY state')
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
