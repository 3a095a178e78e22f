/**
 * The kinds of alert, stable codes (docs/operations.md, "Alerts"): monitoring rules and
 * webhook receivers match on them. Never rename or reuse one.
 */
export const ALERT_KINDS = {
  BATCH_LATE: 'an expected batch did not arrive before its deadline',
  DEAD_LETTERS: 'jobs failed for good and wait for an operator',
  FLOW_NOT_ACKNOWLEDGED: 'flows received long ago are still not acknowledged',
  DISK_LOW: "the data folder's file system is short of free space",
} as const;

export type AlertKind = keyof typeof ALERT_KINDS;
