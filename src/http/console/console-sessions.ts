/**
 * Console sessions and login throttling, in memory: a restart logs everyone out, which is
 * acceptable for an operator console. A session id is 32 random bytes in an HttpOnly,
 * SameSite=Strict cookie; each session has its own CSRF token, required on every POST.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

const SESSION_TTL_MS = 8 * 3_600_000;
const THROTTLE_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;

export interface Session {
  readonly id: string;
  readonly operator: string;
  readonly csrf: string;
  readonly expiresAt: number;
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison of two tokens. */
export function isSameToken(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a === '' || b === '') return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class SessionStore {
  readonly #sessions = new Map<string, Session>();

  create(operator: string, now = Date.now()): Session {
    const session = {
      id: randomToken(),
      operator,
      csrf: randomToken(),
      expiresAt: now + SESSION_TTL_MS,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined, now = Date.now()): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= now) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.#sessions.delete(id);
  }
}

/** Failed logins per name and per client address: past the limit, logins wait for the window. */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();

  #recent(key: string, now: number): number[] {
    const kept = (this.#failures.get(key) ?? []).filter((at) => at > now - THROTTLE_WINDOW_MS);
    if (kept.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, kept);
    return kept;
  }

  isBlocked(name: string, address: string, now = Date.now()): boolean {
    return (
      this.#recent(`name:${name}`, now).length >= MAX_FAILURES ||
      this.#recent(`addr:${address}`, now).length >= MAX_FAILURES * 4
    );
  }

  recordFailure(name: string, address: string, now = Date.now()): void {
    for (const key of [`name:${name}`, `addr:${address}`])
      this.#failures.set(key, [...this.#recent(key, now), now]);
  }

  recordSuccess(name: string): void {
    this.#failures.delete(`name:${name}`);
  }
}
