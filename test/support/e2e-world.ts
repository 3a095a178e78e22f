import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateEd25519KeyPair } from '../../src/sftp/index.js';
import { freePort } from './free-port.js';
import { GatewayProcess, runCli, type GatewayEnv } from './gateway-process.js';
import { REPO_ROOT } from './paths.js';
import { RedisProcess } from './redis-process.js';
import { SftpPartner } from './sftp-partner.js';

export const SUPPLIER = {
  login: 'acme',
  siret: '12345678901234',
  password: 'acme-secret-1',
} as const;
export const ENTITIES = [
  { login: 'ministere', siret: '11000201100044', password: 'ministere-secret-1' },
  { login: 'mairie', siret: '21750001600019', password: 'mairie-secret-1' },
  { login: 'hopital', siret: '26750045200011', password: 'hopital-secret-1' },
  { login: 'etabpub', siret: '13002526500013', password: 'etabpub-secret-1' },
] as const;
export const KEY_SUPPLIER = { login: 'globex', siret: '98765432109876' } as const;

export interface WorldOptions {
  /** Use an external redis-server started by the test (REDIS_URL); otherwise the gateway's embedded one. */
  readonly externalRedis: boolean;
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** A JSON config file written in the world and named by PASSERELLE_CONFIG. */
  readonly config?: Readonly<Record<string, unknown>>;
  readonly nodeArgs?: readonly string[];
}

/**
 * One isolated installation: a temp folder, the directory and accounts created with the real
 * CLI, a redis-server, and the real gateway process.
 */
export class E2eWorld {
  readonly root: string;
  readonly env: GatewayEnv;
  readonly gateway: GatewayProcess;
  readonly redis: RedisProcess | undefined;
  readonly globexKey: string;

  private constructor(
    root: string,
    env: GatewayEnv,
    redis: RedisProcess | undefined,
    globexKey: string,
  ) {
    this.root = root;
    this.env = env;
    this.redis = redis;
    this.gateway = new GatewayProcess(env);
    this.globexKey = globexKey;
  }

  static async create(options: WorldOptions): Promise<E2eWorld> {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pl-e2e-'));
    const redis = options.externalRedis
      ? await RedisProcess.start(path.join(root, 'redis'))
      : undefined;
    const configFile = path.join(root, 'config.json');
    if (options.config) writeFileSync(configFile, JSON.stringify(options.config));
    const extra = {
      ...options.extraEnv,
      ...(options.config ? { PASSERELLE_CONFIG: configFile } : {}),
    };
    const env: GatewayEnv = {
      dataDir: path.join(root, 'data'),
      sftpPort: await freePort(),
      ...(redis ? { redisUrl: redis.url } : {}),
      queuePrefix: `pl-${path.basename(root)}`,
      ...(Object.keys(extra).length > 0 ? { extra } : {}),
      ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
    };
    mkdirSync(env.dataDir, { recursive: true });
    const keys = generateEd25519KeyPair();
    const keyFile = path.join(root, 'globex.pub');
    writeFileSync(keyFile, `${keys.public}\n`);
    const check = (result: ReturnType<typeof runCli>) => {
      if (result.status !== 0) throw new Error(`CLI failed: ${result.stderr}${result.stdout}`);
    };
    check(
      runCli(env, ['directory', 'import', path.join(REPO_ROOT, 'config', 'directory.example.csv')]),
    );
    check(
      runCli(
        env,
        [
          'account',
          'add',
          SUPPLIER.login,
          '--role',
          'supplier',
          '--siret',
          SUPPLIER.siret,
          '--password-stdin',
        ],
        `${SUPPLIER.password}\n`,
      ),
    );
    check(
      runCli(env, [
        'account',
        'add',
        KEY_SUPPLIER.login,
        '--role',
        'supplier',
        '--siret',
        KEY_SUPPLIER.siret,
        '--public-key',
        keyFile,
      ]),
    );
    for (const entity of ENTITIES) {
      check(
        runCli(
          env,
          [
            'account',
            'add',
            entity.login,
            '--role',
            'entity',
            '--siret',
            entity.siret,
            '--password-stdin',
          ],
          entity.password,
        ),
      );
    }
    return new E2eWorld(root, env, redis, keys.private);
  }

  homeOf(login: string): string {
    return path.join(this.env.dataDir, 'homes', login);
  }

  supplier(): Promise<SftpPartner> {
    return SftpPartner.connect(this.env.sftpPort, SUPPLIER.login, { password: SUPPLIER.password });
  }

  entity(login: (typeof ENTITIES)[number]['login']): Promise<SftpPartner> {
    const entity = ENTITIES.find((candidate) => candidate.login === login);
    if (!entity) throw new Error(`no entity ${login}`);
    return SftpPartner.connect(this.env.sftpPort, entity.login, { password: entity.password });
  }

  globex(): Promise<SftpPartner> {
    return SftpPartner.connect(this.env.sftpPort, KEY_SUPPLIER.login, {
      privateKey: this.globexKey,
    });
  }

  async dispose(): Promise<void> {
    await this.gateway.stop();
    await this.redis?.stop();
    rmSync(this.root, { recursive: true, force: true });
  }
}
