/** Codes of operational failures (not document problems): they decide retry or dead letter. */
export type FailureCode =
  | 'CONFIG_INVALID'
  | 'SCHEMAS_MISSING'
  | 'REDIS_UNAVAILABLE'
  | 'STORAGE_IO'
  | 'FLOW_NOT_FOUND'
  | 'INVOICE_NOT_FOUND'
  | 'ACCOUNT_EXISTS'
  | 'ACCOUNT_INVALID'
  | 'DIRECTORY_IMPORT_INVALID'
  | PushFailureCode
  | 'INTERNAL';

/**
 * Failures of a push to an entity's server (docs/push-delivery.md). They appear in dead
 * letters and logs, never in acknowledgements.
 */
export const PUSH_FAILURE_CODES = [
  'PUSH_UNREACHABLE',
  'PUSH_AUTH_FAILED',
  'PUSH_HOST_KEY_MISMATCH',
  'PUSH_KEY_UNAVAILABLE',
  'PUSH_REMOTE_ERROR',
] as const;
export type PushFailureCode = (typeof PUSH_FAILURE_CODES)[number];

const RETRYABLE: ReadonlySet<FailureCode> = new Set([
  'REDIS_UNAVAILABLE',
  'STORAGE_IO',
  'PUSH_UNREACHABLE',
  'PUSH_REMOTE_ERROR',
]);

/** An operational error with a stable code. Foreign errors are wrapped once, keeping `cause`. */
export class PasserelleError extends Error {
  readonly code: FailureCode;

  constructor(code: FailureCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PasserelleError';
    this.code = code;
  }

  get isRetryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}
