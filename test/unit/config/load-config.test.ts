import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type LoadConfigOptions } from '../../../src/config/index.js';
import { PasserelleError } from '../../../src/errors/index.js';

const MIB = 1024 * 1024;

function failureOf(options: LoadConfigOptions): PasserelleError {
  try {
    loadConfig(options);
  } catch (error) {
    if (error instanceof PasserelleError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  let dir: string;
  let cwd: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-unit-'));
    cwd = path.join(dir, 'work');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function writeJson(value: unknown): string {
    const file = path.join(dir, 'passerelle.json');
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  }

  describe('defaults', () => {
    it('listens on 127.0.0.1:2222 and caps files at 120 MiB', () => {
      const config = loadConfig({ env: {}, cwd });
      expect(config.sftp).toMatchObject({
        enabled: true,
        host: '127.0.0.1',
        port: 2222,
        maxAuthAttempts: 6,
      });
      expect(config.limits.maxFileBytes).toBe(120 * MIB);
      expect(config.log.level).toBe('info');
      expect(config.redis.url).toBeUndefined();
      expect(config.pipeline.queuePrefix).toBe('passerelle');
    });

    it('makes paths absolute against cwd, the host key under dataDir', () => {
      const config = loadConfig({ env: {}, cwd });
      expect(config.dataDir).toBe(path.join(cwd, 'data'));
      expect(config.schemasDir).toBe(path.join(cwd, 'schemas', 'official'));
      expect(config.sftp.hostKeyFile).toBe(path.join(cwd, 'data', 'sftp', 'host_ed25519_key'));
    });

    it('ignores empty environment values', () => {
      const config = loadConfig({
        env: { PASSERELLE_SFTP_PORT: '', PASSERELLE_DATA_DIR: '', PASSERELLE_CONFIG: '' },
        cwd,
      });
      expect(config.sftp.port).toBe(2222);
      expect(config.dataDir).toBe(path.join(cwd, 'data'));
    });
  });

  describe('environment overrides', () => {
    it('takes strings and numbers from the env object', () => {
      const config = loadConfig({
        env: {
          PASSERELLE_DATA_DIR: '/var/lib/passerelle',
          PASSERELLE_SCHEMAS_DIR: 'vendor/schemas',
          PASSERELLE_SFTP_HOST: '0.0.0.0',
          PASSERELLE_SFTP_PORT: '2022',
          REDIS_URL: 'redis://127.0.0.1:6380',
          PASSERELLE_REDIS_BINARY: '/opt/redis/bin/redis-server',
          PASSERELLE_MAX_FILE_BYTES: '1048576',
          PASSERELLE_STABILITY_MS: '0',
          PASSERELLE_QUEUE_PREFIX: 'test-prefix',
          PASSERELLE_LOCK_DURATION_MS: '5000',
          PASSERELLE_LOG_LEVEL: 'debug',
        },
        cwd,
      });
      expect(config.dataDir).toBe('/var/lib/passerelle');
      expect(config.schemasDir).toBe(path.join(cwd, 'vendor', 'schemas'));
      expect(config.sftp.host).toBe('0.0.0.0');
      expect(config.sftp.port).toBe(2022);
      expect(config.sftp.hostKeyFile).toBe('/var/lib/passerelle/sftp/host_ed25519_key');
      expect(config.redis).toEqual({
        url: 'redis://127.0.0.1:6380',
        name: 'mymaster',
        binary: '/opt/redis/bin/redis-server',
      });
      expect(config.limits.maxFileBytes).toBe(MIB);
      expect(config.ingest.stabilityMs).toBe(0);
      expect(config.pipeline.queuePrefix).toBe('test-prefix');
      expect(config.pipeline.lockDurationMs).toBe(5000);
      expect(config.log.level).toBe('debug');
    });

    it('reads the role, the stall interval and Redis Sentinel settings', () => {
      expect(loadConfig({ env: {}, cwd }).role).toBe('all');
      const config = loadConfig({
        env: {
          PASSERELLE_ROLE: 'worker',
          PASSERELLE_STALLED_INTERVAL_MS: '15000',
          REDIS_PASSWORD: 's3cret',
        },
        cwd,
      });
      expect(config.role).toBe('worker');
      expect(config.pipeline.stalledIntervalMs).toBe(15000);
      expect(config.redis.password).toBe('s3cret');
      const file = writeJson({
        redis: { sentinels: [{ host: '10.0.0.1' }, { host: '10.0.0.2', port: 26380 }], name: 'pl' },
        pipeline: { queuePrefix: '{passerelle}' },
      });
      const sentinel = loadConfig({ file, env: {}, cwd });
      expect(sentinel.redis.sentinels).toEqual([
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26380 },
      ]);
      expect(sentinel.redis.name).toBe('pl');
      expect(sentinel.pipeline.queuePrefix).toBe('{passerelle}');
    });

    it('does not read or change process.env when an env object is given', () => {
      const before = { ...process.env };
      const config = loadConfig({ env: {}, cwd });
      expect(config.sftp.port).toBe(2222);
      expect(process.env).toEqual(before);
    });

    it('wins over the file', () => {
      const file = writeJson({ sftp: { port: 3000, host: '10.0.0.1' }, dataDir: 'from-file' });
      const config = loadConfig({ file, env: { PASSERELLE_SFTP_PORT: '4000' }, cwd });
      expect(config.sftp.port).toBe(4000);
      expect(config.sftp.host).toBe('10.0.0.1');
      expect(config.dataDir).toBe(path.join(cwd, 'from-file'));
    });

    it('reads the file named by PASSERELLE_CONFIG', () => {
      const file = writeJson({ log: { level: 'warn' } });
      expect(loadConfig({ env: { PASSERELLE_CONFIG: file }, cwd }).log.level).toBe('warn');
    });

    // BUG: Number('  ') is 0, so a blank (whitespace-only) numeric variable silently becomes 0:
    // loadConfig({ env: { PASSERELLE_SFTP_PORT: ' ' } }) returns sftp.port 0 (a random port)
    // instead of reporting 'PASSERELLE_SFTP_PORT: expected a number'.
    it('refuses a whitespace-only numeric variable', () => {
      const error = failureOf({ env: { PASSERELLE_SFTP_PORT: ' ' }, cwd });
      expect(error.code).toBe('CONFIG_INVALID');
    });
  });

  describe('JSON file', () => {
    it('reads nested sections and keeps the defaults of the others', () => {
      const file = writeJson({
        dataDir: '/srv/passerelle',
        sftp: { port: 0, hostKeyFile: 'keys/host' },
        limits: { maxFileBytes: 1000 },
        ingest: { usePolling: true },
      });
      const config = loadConfig({ file, env: {}, cwd });
      expect(config.dataDir).toBe('/srv/passerelle');
      expect(config.sftp.port).toBe(0);
      expect(config.sftp.host).toBe('127.0.0.1');
      expect(config.sftp.hostKeyFile).toBe('/srv/passerelle/keys/host');
      expect(config.limits.maxFileBytes).toBe(1000);
      expect(config.ingest).toEqual({
        stabilityMs: 2000,
        pollIntervalMs: 250,
        usePolling: true,
        watchInPlace: 'auto',
        duplicateChecks: true,
      });
    });

    it('reports a missing file, bad JSON and a non-object as CONFIG_INVALID', () => {
      const missing = failureOf({ file: path.join(dir, 'nope.json'), env: {}, cwd });
      expect(missing.code).toBe('CONFIG_INVALID');
      expect(missing.message).toContain('not found');
      const broken = failureOf({ file: writeJson('{ "sftp": '), env: {}, cwd });
      expect(broken.code).toBe('CONFIG_INVALID');
      expect(broken.cause).toBeInstanceOf(SyntaxError);
      for (const value of ['[]', 'null', '42', '"text"']) {
        const notObject = failureOf({ file: writeJson(value), env: {}, cwd });
        expect(notObject.code, value).toBe('CONFIG_INVALID');
        expect(notObject.message, value).toContain('must hold a JSON object');
      }
    });

    it('does not let __proto__ in the file change the defaults', () => {
      const file = writeJson('{ "__proto__": { "dataDir": "/evil" } }');
      const error = failureOf({ file, env: {}, cwd });
      expect(error.code).toBe('CONFIG_INVALID');
      expect(({} as Record<string, unknown>).dataDir).toBeUndefined();
    });
  });

  describe('every problem in one error', () => {
    it('lists a bad port, an unknown key and a non-numeric env number together', () => {
      const file = writeJson({
        sftp: { port: 70000, colour: 'blue' },
        unknownTopLevel: true,
        limits: { maxFileBytes: -1 },
        log: { level: 'loud' },
      });
      const error = failureOf({
        file,
        env: { PASSERELLE_STABILITY_MS: 'soon', REDIS_URL: 'not a url' },
        cwd,
      });
      expect(error).toBeInstanceOf(PasserelleError);
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.isRetryable).toBe(false);
      const lines = error.message.split('\n').slice(1);
      expect(error.message).toContain(file);
      expect(
        lines.some((line) => line.includes('PASSERELLE_STABILITY_MS: expected a number')),
      ).toBe(true);
      expect(lines.some((line) => line.includes('sftp.port'))).toBe(true);
      expect(lines.some((line) => line.includes('colour'))).toBe(true);
      expect(lines.some((line) => line.includes('unknownTopLevel'))).toBe(true);
      expect(lines.some((line) => line.includes('limits.maxFileBytes'))).toBe(true);
      expect(lines.some((line) => line.includes('log.level'))).toBe(true);
      expect(lines.some((line) => line.includes('redis.url'))).toBe(true);
      expect(lines.length).toBeGreaterThanOrEqual(7);
    });

    it.each([
      ['PASSERELLE_SFTP_PORT', '22a'],
      ['PASSERELLE_SFTP_PORT', 'NaN'],
      ['PASSERELLE_MAX_FILE_BYTES', 'Infinity'],
      ['PASSERELLE_LOCK_DURATION_MS', 'thirty seconds'],
    ])('reports %s=%j as not a number', (name, value) => {
      const error = failureOf({ env: { [name]: value }, cwd });
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.message).toContain(`${name}: expected a number, got "${value}"`);
    });

    it.each([
      ['PASSERELLE_SFTP_PORT', '65536', 'sftp.port'],
      ['PASSERELLE_SFTP_PORT', '-1', 'sftp.port'],
      ['PASSERELLE_SFTP_PORT', '22.5', 'sftp.port'],
      ['PASSERELLE_MAX_FILE_BYTES', '0', 'limits.maxFileBytes'],
      ['PASSERELLE_LOCK_DURATION_MS', '999', 'pipeline.lockDurationMs'],
      ['PASSERELLE_LOG_LEVEL', 'verbose', 'log.level'],
      ['PASSERELLE_ROLE', 'sftp-and-more', 'role'],
      ['PASSERELLE_STALLED_INTERVAL_MS', '10', 'pipeline.stalledIntervalMs'],
    ])('reports %s=%j as out of range at %s', (name, value, where) => {
      const error = failureOf({ env: { [name]: value }, cwd });
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.message).toContain(`${where}: `);
    });
  });
});
