import type { PushState } from './push-records.js';
import type { Actor, InvoiceStatus, StatusFileFormat } from '../status/index.js';

/**
 * What an account wants its status files in; `both` writes the two files of each change;
 * `cppstatut` (Chorus Pro's CPP Statut) also writes a flow status for each file it deposits.
 */
export type StatusFormatPreference = 'xml' | 'cdar' | 'both' | 'cppstatut';

export const STATUS_FORMAT_PREFERENCES: readonly StatusFormatPreference[] = [
  'xml',
  'cdar',
  'both',
  'cppstatut',
];

export function isStatusFormatPreference(value: string): value is StatusFormatPreference {
  return (STATUS_FORMAT_PREFERENCES as readonly string[]).includes(value);
}

/** One status change to record, already checked against the transition table. */
export interface StatusChange {
  readonly invoiceId: string;
  /** The status the change was decided from: the update applies only if it is still current. */
  readonly from: InvoiceStatus | null;
  readonly to: InvoiceStatus;
  readonly reformCode: string;
  readonly actor: Actor;
  readonly actorAccount?: string | undefined;
  readonly reason?: string | undefined;
  readonly reasonCode?: string | undefined;
  readonly changedAt: string;
  /** Accounts told about the change; each gets the next number of its own feed. */
  readonly notify: readonly string[];
}

export interface StatusHistoryRecord {
  readonly id: number;
  readonly invoiceId: string;
  readonly status: InvoiceStatus;
  readonly previous: InvoiceStatus | null;
  readonly reformCode: string;
  readonly actor: Actor;
  readonly actorAccount: string | undefined;
  readonly reason: string | undefined;
  readonly reasonCode: string | undefined;
  readonly changedAt: string;
}

/**
 * One status file owed to an account: an invoice's status change (`invoiceId`, `historyId`),
 * or, in CPP Statut, the flow-level status of a file the account deposited (`flowId`).
 */
export interface StatusFeedRecord {
  readonly account: string;
  readonly seq: number;
  readonly format: StatusFileFormat;
  readonly invoiceId?: string;
  readonly historyId?: number;
  readonly flowId?: string;
  readonly fileName: string;
  readonly isWritten: boolean;
  /** Set when the account receives by push (docs/push-delivery.md). */
  readonly pushState?: PushState | undefined;
}

/** What a recorded change produced: its history row and the files owed. */
export interface RecordedStatusChange {
  readonly history: StatusHistoryRecord;
  readonly feed: readonly StatusFeedRecord[];
}

/** The stored outcome of one line of an incoming status file, replayed on a retried job. */
export interface StatusLineRecord {
  readonly flowId: string;
  readonly index: number;
  /** JSON of the acknowledgement line, opaque to the registry. */
  readonly result: string;
}
