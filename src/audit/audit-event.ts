/** What the SFTP front records: who came from where, what they did, with which result. */
export const AUDIT_EVENTS = [
  'login',
  'login_failed',
  'connection_refused',
  'logout',
  'upload',
  'upload_refused',
  'download',
  'delete',
  'rename',
  // An operator replaced a dead-lettered push by a delivery to the SFTP home (queue reroute).
  'push_rerouted',
] as const;

export type AuditEventName = (typeof AUDIT_EVENTS)[number];

export interface AuditEvent {
  readonly event: AuditEventName;
  /** The account, or for a failed login the login that was tried. */
  readonly account?: string | undefined;
  readonly address?: string | undefined;
  readonly port?: number | undefined;
  /** password or publickey, for logins. */
  readonly method?: string | undefined;
  /** `ok`, or the reason of a refusal. */
  readonly result?: string | undefined;
  /** The path in the home (`/in/invoice.xml`). */
  readonly file?: string | undefined;
  readonly bytes?: number | undefined;
  /** Anything else: the former name of a renamed file, the length of a session. */
  readonly detail?: string | undefined;
}

export interface AuditRecord extends AuditEvent {
  readonly id: number;
  /** ISO 8601, UTC, milliseconds. */
  readonly at: string;
}

/** Where the SFTP server sends its events; `flush` writes what is pending. */
export interface AuditSink {
  record(event: AuditEvent): void;
  flush(): void;
}
