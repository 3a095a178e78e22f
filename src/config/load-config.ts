import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PasserelleError } from '../errors/index.js';
import { CONFIG_SCHEMA, type Config } from './config-schema.js';

/** Environment variables that override the file, and where they go. */
const ENV_OVERRIDES: readonly (readonly [
  string,
  readonly string[],
  'string' | 'path' | 'number' | 'boolean',
])[] = [
  ['PASSERELLE_DATA_DIR', ['dataDir'], 'path'],
  ['PASSERELLE_SCHEMAS_DIR', ['schemasDir'], 'path'],
  ['PASSERELLE_SFTP_HOST', ['sftp', 'host'], 'string'],
  ['PASSERELLE_SFTP_PORT', ['sftp', 'port'], 'number'],
  ['PASSERELLE_ROLE', ['role'], 'string'],
  ['REDIS_URL', ['redis', 'url'], 'string'],
  ['DATABASE_URL', ['registry', 'url'], 'string'],
  ['PASSERELLE_REGISTRY_POOL_SIZE', ['registry', 'poolSize'], 'number'],
  ['REDIS_PASSWORD', ['redis', 'password'], 'string'],
  ['PASSERELLE_REDIS_BINARY', ['redis', 'binary'], 'string'],
  ['PASSERELLE_MAX_FILE_BYTES', ['limits', 'maxFileBytes'], 'number'],
  ['PASSERELLE_STABILITY_MS', ['ingest', 'stabilityMs'], 'number'],
  ['PASSERELLE_WATCH_IN_PLACE', ['ingest', 'watchInPlace'], 'string'],
  ['PASSERELLE_DUPLICATE_CHECKS', ['ingest', 'duplicateChecks'], 'boolean'],
  ['PASSERELLE_QUEUE_PREFIX', ['pipeline', 'queuePrefix'], 'string'],
  ['PASSERELLE_LOCK_DURATION_MS', ['pipeline', 'lockDurationMs'], 'number'],
  ['PASSERELLE_STALLED_INTERVAL_MS', ['pipeline', 'stalledIntervalMs'], 'number'],
  ['PASSERELLE_STOP_TIMEOUT_MS', ['pipeline', 'stopTimeoutMs'], 'number'],
  ['PASSERELLE_PERIODIC_LEASE_MS', ['pipeline', 'periodicLeaseMs'], 'number'],
  ['PASSERELLE_PUSH_ATTEMPTS', ['delivery', 'push', 'attempts'], 'number'],
  ['PASSERELLE_PUSH_BACKOFF_MS', ['delivery', 'push', 'backoffMs'], 'number'],
  ['PASSERELLE_PUSH_MAX_BACKOFF_MS', ['delivery', 'push', 'maxBackoffMs'], 'number'],
  ['PASSERELLE_DURABILITY', ['storage', 'durability'], 'string'],
  ['PASSERELLE_LOG_LEVEL', ['log', 'level'], 'string'],
  ['PASSERELLE_HTTP_ENABLED', ['http', 'enabled'], 'boolean'],
  ['PASSERELLE_HTTP_HOST', ['http', 'host'], 'string'],
  ['PASSERELLE_HTTP_PORT', ['http', 'port'], 'number'],
  ['PASSERELLE_ALERT_WEBHOOK_URL', ['alerts', 'webhook', 'url'], 'string'],
  ['PASSERELLE_ALERT_WEBHOOK_SECRET', ['alerts', 'webhook', 'secret'], 'string'],
];

export interface LoadConfigOptions {
  /** Path of a JSON config file; defaults to $PASSERELLE_CONFIG. */
  readonly file?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  /** Base of relative paths in the file and of defaulted paths. */
  readonly cwd?: string;
  /** Base of relative paths given in the environment (the operator's folder); defaults to `cwd`. */
  readonly envCwd?: string;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function setPath(target: JsonObject, keys: readonly string[], value: unknown): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (isObject(next)) {
      node = next;
    } else {
      const created: JsonObject = {};
      node[key] = created;
      node = created;
    }
  }
  const last = keys[keys.length - 1];
  if (last !== undefined) node[last] = value;
}

function readFileConfig(file: string): JsonObject {
  if (!existsSync(file)) {
    throw new PasserelleError('CONFIG_INVALID', `config file not found: ${file}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PasserelleError('CONFIG_INVALID', `config file ${file} is not valid JSON`, {
      cause: error,
    });
  }
  if (!isObject(parsed)) {
    throw new PasserelleError('CONFIG_INVALID', `config file ${file} must hold a JSON object`);
  }
  return parsed;
}

/** The content of a `*_FILE` variable's file (trailing newline dropped), for secrets. */
function readSecretFile(
  file: string | undefined,
  name: string,
  problems: string[],
): string | undefined {
  if (file === undefined || file === '') return undefined;
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    problems.push(`${name}_FILE: cannot read ${file} (${(error as Error).message})`);
    return undefined;
  }
}

/**
 * Reads the config file (if any) and the environment, validates the result once and returns
 * it with paths made absolute. Every problem is listed in one error.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const envCwd = options.envCwd ?? cwd;
  const file = options.file ?? env.PASSERELLE_CONFIG;
  const raw: JsonObject = file === undefined || file === '' ? {} : readFileConfig(file);
  const problems: string[] = [];
  for (const [name, keys, kind] of ENV_OVERRIDES) {
    const value = env[name] ?? readSecretFile(env[`${name}_FILE`], name, problems);
    if (value === undefined || value === '') continue;
    if (kind === 'number') {
      const number = value.trim() === '' ? Number.NaN : Number(value);
      if (!Number.isFinite(number)) problems.push(`${name}: expected a number, got "${value}"`);
      setPath(raw, keys, number);
    } else if (kind === 'boolean') {
      const flag = { true: true, false: false }[value.trim() as 'true' | 'false'];
      if (flag === undefined) problems.push(`${name}: expected true or false, got "${value}"`);
      setPath(raw, keys, flag ?? value);
    } else if (kind === 'path') {
      setPath(raw, keys, path.resolve(envCwd, value));
    } else {
      setPath(raw, keys, value);
    }
  }
  const result = CONFIG_SCHEMA.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !result.success) {
    throw new PasserelleError(
      'CONFIG_INVALID',
      `invalid configuration${file ? ` (${file})` : ''}:\n  - ${problems.join('\n  - ')}`,
    );
  }
  const config = result.data;
  const dataDir = path.resolve(cwd, config.dataDir);
  return {
    ...config,
    dataDir,
    schemasDir: path.resolve(cwd, config.schemasDir),
    delivery: {
      push: {
        ...config.delivery.push,
        ...(config.delivery.push.keyFile === undefined
          ? {}
          : { keyFile: path.resolve(cwd, config.delivery.push.keyFile) }),
      },
    },
    sftp: {
      ...config.sftp,
      hostKeyFile: path.resolve(
        dataDir,
        config.sftp.hostKeyFile ?? path.join('sftp', 'host_ed25519_key'),
      ),
    },
  };
}
