/**
 * The SFTP defender, in the spirit of SFTPGo's: scored events per source address (failed
 * login, unknown user, protocol abuse, no authentication in time) summed over an observation
 * window; past the threshold the address is banned, each new ban of the same address lasting
 * `banGrowth` times longer than the last. Separately, an account whose password fails
 * `failures` times is locked for a while (doubling on repeat). Addresses of the allow list are
 * never scored nor banned. Bans and lockouts are kept in a JSON file and survive a restart.
 */
import net from 'node:net';
import type { Logger } from '../logging/index.js';
import {
  readDefenderState,
  writeDefenderState,
  type BanRecord,
  type DefenderState,
} from './defender-state-file.js';

export type DefenderEvent = 'loginFailed' | 'unknownUser' | 'protocolAbuse' | 'noAuth';

export interface DefenderPolicy {
  readonly enabled: boolean;
  readonly threshold: number;
  readonly observationMs: number;
  readonly scoreLoginFailed: number;
  readonly scoreUnknownUser: number;
  readonly scoreProtocolAbuse: number;
  readonly scoreNoAuth: number;
  readonly banMs: number;
  readonly banGrowth: number;
  readonly maxBanMs: number;
  readonly allowList: readonly string[];
}

export interface LockoutPolicy {
  readonly failures: number;
  readonly lockMs: number;
  readonly maxLockMs: number;
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one address. */
export function normalizeAddress(address: string | undefined): string {
  const text = address ?? 'unknown';
  return text.startsWith('::ffff:') && net.isIPv4(text.slice(7)) ? text.slice(7) : text;
}

function allowListOf(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    if (net.isIP(address) === 0)
      throw new Error(`sftp.defender.allowList: "${entry}" is no address`);
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

export class Defender {
  readonly #policy: DefenderPolicy;
  readonly #lockout: LockoutPolicy;
  readonly #file: string | undefined;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #allow: net.BlockList;
  readonly #scores = new Map<string, { at: number; score: number }[]>();
  readonly #failures = new Map<string, number[]>();
  readonly #bans: Map<string, BanRecord>;
  readonly #lockouts: Map<string, BanRecord>;

  constructor(options: {
    readonly policy: DefenderPolicy;
    readonly lockout: LockoutPolicy;
    readonly file?: string | undefined;
    readonly logger: Logger;
    readonly now?: () => number;
  }) {
    this.#policy = options.policy;
    this.#lockout = options.lockout;
    this.#file = options.file;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#allow = allowListOf(options.policy.allowList);
    const state = options.file ? readDefenderState(options.file) : { bans: {}, lockouts: {} };
    this.#bans = new Map(Object.entries(state.bans));
    this.#lockouts = new Map(Object.entries(state.lockouts));
  }

  isAllowListed(address: string): boolean {
    const type = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    return net.isIP(address) !== 0 && this.#allow.check(address, type);
  }

  /** The end of the address's ban (epoch ms), when it is banned now. */
  bannedUntil(address: string): number | undefined {
    if (!this.#policy.enabled || this.isAllowListed(address)) return undefined;
    const ban = this.#bans.get(address);
    return ban && ban.until > this.#now() ? ban.until : undefined;
  }

  /** Scores an event; resolves to the end of a ban it caused, if any. */
  record(address: string, event: DefenderEvent): number | undefined {
    if (!this.#policy.enabled || this.isAllowListed(address)) return undefined;
    const score = this.#scoreOf(event);
    if (score === 0) return undefined;
    const now = this.#now();
    // Stragglers of a banned address (connections open before the ban) do not extend it.
    const current = this.#bans.get(address);
    if (current && current.until > now) return current.until;
    const recent = (this.#scores.get(address) ?? []).filter(
      (entry) => entry.at > now - this.#policy.observationMs,
    );
    recent.push({ at: now, score });
    const total = recent.reduce((sum, entry) => sum + entry.score, 0);
    if (total < this.#policy.threshold) {
      this.#scores.set(address, recent);
      return undefined;
    }
    this.#scores.delete(address);
    const offences = this.#previousOffences(this.#bans.get(address), now) + 1;
    const durationMs = Math.min(
      this.#policy.banMs * this.#policy.banGrowth ** (offences - 1),
      this.#policy.maxBanMs,
    );
    const until = now + durationMs;
    this.#bans.set(address, { until, offences });
    this.#logger.warn(
      { address, event, score: total, offences, until: new Date(until).toISOString() },
      'sftp address banned',
    );
    this.#save();
    return until;
  }

  /** The end of the account's lockout (epoch ms), when password logins are refused now. */
  lockedUntil(login: string): number | undefined {
    const lock = this.#lockouts.get(login);
    return lock && lock.until > this.#now() ? lock.until : undefined;
  }

  /** A wrong password for an existing account; resolves to the end of a lockout it caused. */
  recordAccountFailure(login: string): number | undefined {
    const now = this.#now();
    const failures = (this.#failures.get(login) ?? []).filter(
      (at) => at > now - this.#policy.observationMs,
    );
    failures.push(now);
    if (failures.length < this.#lockout.failures) {
      this.#failures.set(login, failures);
      return undefined;
    }
    this.#failures.delete(login);
    const offences = this.#previousOffences(this.#lockouts.get(login), now) + 1;
    const until =
      now + Math.min(this.#lockout.lockMs * 2 ** (offences - 1), this.#lockout.maxLockMs);
    this.#lockouts.set(login, { until, offences });
    this.#logger.warn(
      { partner: login, offences, until: new Date(until).toISOString() },
      'sftp account locked after repeated password failures',
    );
    this.#save();
    return until;
  }

  recordAccountSuccess(login: string): void {
    this.#failures.delete(login);
  }

  /** Lifts a ban or a lockout by hand (operator command). */
  forgive(addressOrLogin: string): boolean {
    const isGone = this.#bans.delete(addressOrLogin) || this.#lockouts.delete(addressOrLogin);
    if (isGone) this.#save();
    return isGone;
  }

  snapshot(): DefenderState {
    return { bans: Object.fromEntries(this.#bans), lockouts: Object.fromEntries(this.#lockouts) };
  }

  /** Offences count while their memory lasts: a quiet day (maxBanMs) after a ban resets them. */
  #previousOffences(previous: BanRecord | undefined, now: number): number {
    if (!previous) return 0;
    return now - previous.until > this.#policy.maxBanMs ? 0 : previous.offences;
  }

  #scoreOf(event: DefenderEvent): number {
    switch (event) {
      case 'loginFailed':
        return this.#policy.scoreLoginFailed;
      case 'unknownUser':
        return this.#policy.scoreUnknownUser;
      case 'protocolAbuse':
        return this.#policy.scoreProtocolAbuse;
      case 'noAuth':
        return this.#policy.scoreNoAuth;
    }
  }

  #save(): void {
    if (!this.#file) return;
    const now = this.#now();
    // Records whose memory has lapsed are dropped so the file stays small.
    for (const records of [this.#bans, this.#lockouts]) {
      for (const [key, record] of records) {
        if (now - record.until > this.#policy.maxBanMs) records.delete(key);
      }
    }
    try {
      writeDefenderState(this.#file, this.snapshot());
    } catch (error) {
      this.#logger.error({ err: error, file: this.#file }, 'sftp defender state not saved');
    }
  }
}
