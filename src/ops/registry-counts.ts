/** Cheap counts over the registry, for metrics and the overview (indexed GROUP BYs). */
import type { SqlDatabase } from '../store/index.js';

export interface StateCount {
  readonly state: string;
  readonly count: number;
}

export function countFlowsByState(db: SqlDatabase): Promise<StateCount[]> {
  return db.all<StateCount>(
    'SELECT state, COUNT(*) AS count FROM flows GROUP BY state ORDER BY state',
  );
}

/** Acknowledged flows by acknowledgement state (IN_INTEGRE, IN_REJETE...). */
export function countAcksByState(db: SqlDatabase): Promise<StateCount[]> {
  return db.all<StateCount>(
    "SELECT ack_state AS state, COUNT(*) AS count FROM flows WHERE state = 'ACKED' GROUP BY ack_state ORDER BY ack_state",
  );
}

export function countInvoicesByState(db: SqlDatabase): Promise<StateCount[]> {
  return db.all<StateCount>(
    'SELECT state, COUNT(*) AS count FROM invoices GROUP BY state ORDER BY state',
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
