/**
 * How a PostgreSQL failure is handled: a lost or refused connection is retried a few times,
 * then wrapped once into REGISTRY_UNAVAILABLE (retryable: the job fails and BullMQ retries it);
 * a serialization failure or a deadlock reruns the transaction; anything else is the caller's.
 */
import { PasserelleError } from '../errors/index.js';

/** SQLSTATE classes and codes that mean "no usable connection" rather than "bad statement". */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '53400']);
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
const RERUN_STATES = new Set(['40001', '40P01']);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

export function isConnectionError(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined)
    return (
      code.startsWith('08') || UNAVAILABLE_STATES.has(code) || UNAVAILABLE_NODE_CODES.has(code)
    );
  return (
    error instanceof Error &&
    /Connection terminated|connection timeout|Client has encountered a connection error|Client was closed/i.test(
      error.message,
    )
  );
}

/** Serialization failure or deadlock: the transaction may simply be run again. */
export function isRerunnable(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && RERUN_STATES.has(code);
}

export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

export function unavailable(error: unknown): PasserelleError {
  const detail = error instanceof Error ? error.message : String(error);
  return new PasserelleError('REGISTRY_UNAVAILABLE', `PostgreSQL registry unavailable: ${detail}`, {
    cause: error,
  });
}
