/**
 * A lease in Redis that at most one process of the cluster holds at a time: `SET key token NX
 * PX ttl` to take it, a compare-and-extend script to renew it, a compare-and-delete script to
 * give it back. The token is random per lease object, so a process never renews or releases a
 * lease another one took after its own expired.
 * Without fencing: a holder paused for longer than the TTL may still be running its task when
 * another takes over, so what runs behind a lease must be idempotent (it is used for
 * efficiency, not for correctness).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RENEW_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export class ClusterLease {
  readonly #redis: Redis;
  readonly key: string;
  readonly ttlMs: number;
  readonly token: string;
  /** When the lease surely ends if not renewed (local clock, taken before the command). */
  #heldUntil = 0;

  constructor(redis: Redis, key: string, ttlMs: number, token: string = randomUUID()) {
    if (!Number.isInteger(ttlMs) || ttlMs < 10) throw new RangeError(`bad lease TTL ${ttlMs}`);
    this.#redis = redis;
    this.key = key;
    this.ttlMs = ttlMs;
    this.token = token;
  }

  /** Whether this object believes it holds the lease (renewed within the TTL). */
  get isHeld(): boolean {
    return Date.now() < this.#heldUntil;
  }

  /** Takes the lease when free, renews it when already ours; true when held afterwards. */
  async acquire(): Promise<boolean> {
    const asked = Date.now();
    const set = await this.#redis.set(this.key, this.token, 'PX', this.ttlMs, 'NX');
    if (set === 'OK') {
      this.#heldUntil = asked + this.ttlMs;
      return true;
    }
    return this.renew();
  }

  /** Extends the lease if it is still ours; false (and no longer held) otherwise. */
  async renew(): Promise<boolean> {
    const asked = Date.now();
    const extended = await this.#redis.eval(RENEW_SCRIPT, 1, this.key, this.token, this.ttlMs);
    this.#heldUntil = extended === 1 ? asked + this.ttlMs : 0;
    return extended === 1;
  }

  /** Gives the lease back if it is still ours, so another process need not wait for the TTL. */
  async release(): Promise<boolean> {
    this.#heldUntil = 0;
    const deleted = await this.#redis.eval(RELEASE_SCRIPT, 1, this.key, this.token);
    return deleted === 1;
  }

  /**
   * Frees the lease if `token` still holds it: for a holder known to be dead (a process of
   * this machine killed with SIGKILL), so that its successor need not wait for the TTL.
   */
  async breakIfHeldBy(token: string): Promise<boolean> {
    const deleted = await this.#redis.eval(RELEASE_SCRIPT, 1, this.key, token);
    return deleted === 1;
  }

  /** The current holder's token, if anyone holds the lease. */
  async holder(): Promise<string | undefined> {
    return (await this.#redis.get(this.key)) ?? undefined;
  }
}
