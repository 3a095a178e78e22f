import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Defender, normalizeAddress, type DefenderPolicy } from '../../../src/sftp/index.js';

const POLICY: DefenderPolicy = {
  enabled: true,
  threshold: 5,
  observationMs: 60_000,
  scoreLoginFailed: 1,
  scoreUnknownUser: 2,
  scoreProtocolAbuse: 5,
  scoreNoAuth: 2,
  banMs: 1000,
  banGrowth: 2,
  maxBanMs: 100_000,
  allowList: ['10.0.0.0/8', '::1'],
};
const LOCKOUT = { failures: 3, lockMs: 500, maxLockMs: 10_000 };
const logger = pino({ level: 'silent' });

describe('Defender', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const clock = () => {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('bans an address past the threshold, longer at each offence, and forgets old scores', () => {
    const time = clock();
    const defender = new Defender({ policy: POLICY, lockout: LOCKOUT, logger, now: time.now });
    for (let index = 0; index < 4; index += 1) defender.record('192.0.2.1', 'loginFailed');
    expect(defender.bannedUntil('192.0.2.1')).toBeUndefined();
    time.advance(61_000);
    // The four old failures have left the window.
    for (let index = 0; index < 4; index += 1) defender.record('192.0.2.1', 'loginFailed');
    expect(defender.bannedUntil('192.0.2.1')).toBeUndefined();
    expect(defender.record('192.0.2.1', 'loginFailed')).toBe(time.now() + 1000);
    expect(defender.bannedUntil('192.0.2.2')).toBeUndefined();
    time.advance(1001);
    expect(defender.bannedUntil('192.0.2.1')).toBeUndefined();
    expect(defender.record('192.0.2.1', 'protocolAbuse')).toBe(time.now() + 2000);
    time.advance(2001);
    expect(defender.record('192.0.2.1', 'protocolAbuse')).toBe(time.now() + 4000);
  });

  it('never scores the allow list', () => {
    const defender = new Defender({ policy: POLICY, lockout: LOCKOUT, logger });
    for (const address of ['10.1.2.3', '::1']) {
      expect(defender.record(address, 'protocolAbuse')).toBeUndefined();
      expect(defender.bannedUntil(address)).toBeUndefined();
    }
    expect(defender.record('192.0.2.9', 'protocolAbuse')).toBeDefined();
  });

  it('locks an account after repeated password failures, doubling on repeat', () => {
    const time = clock();
    const defender = new Defender({ policy: POLICY, lockout: LOCKOUT, logger, now: time.now });
    defender.recordAccountFailure('acme');
    defender.recordAccountFailure('acme');
    defender.recordAccountSuccess('acme');
    defender.recordAccountFailure('acme');
    defender.recordAccountFailure('acme');
    expect(defender.lockedUntil('acme')).toBeUndefined();
    expect(defender.recordAccountFailure('acme')).toBe(time.now() + 500);
    expect(defender.lockedUntil('acme')).toBe(time.now() + 500);
    time.advance(501);
    expect(defender.lockedUntil('acme')).toBeUndefined();
    for (let index = 0; index < 2; index += 1) defender.recordAccountFailure('acme');
    expect(defender.recordAccountFailure('acme')).toBe(time.now() + 1000);
  });

  it('keeps bans and lockouts in a file across restarts', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-defender-'));
    dirs.push(dir);
    const file = path.join(dir, 'sftp', 'defender.json');
    const first = new Defender({ policy: POLICY, lockout: LOCKOUT, logger, file });
    const until = first.record('198.51.100.7', 'protocolAbuse');
    for (let index = 0; index < 3; index += 1) first.recordAccountFailure('acme');
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      bans: { '198.51.100.7': { until, offences: 1 } },
    });
    const second = new Defender({ policy: POLICY, lockout: LOCKOUT, logger, file });
    expect(second.bannedUntil('198.51.100.7')).toBe(until);
    expect(second.lockedUntil('acme')).toBeDefined();
    expect(second.forgive('198.51.100.7')).toBe(true);
    expect(
      new Defender({ policy: POLICY, lockout: LOCKOUT, logger, file }).bannedUntil('198.51.100.7'),
    ).toBeUndefined();
  });

  it('treats IPv4-mapped IPv6 addresses as IPv4', () => {
    expect(normalizeAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeAddress('2001:db8::1')).toBe('2001:db8::1');
  });
});
