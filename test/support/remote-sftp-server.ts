/**
 * An entity's own SFTP server for push delivery tests: another instance of Passerelle's SFTP
 * server, alone (no pipeline, nothing picks the files up), with one account that accepts the
 * gateway's key, uploads landing in its `in/`. It can be stopped and started again on the same
 * port with the same host key, and keeps an audit trail of every upload and rename.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { AccountStore } from '../../src/accounts/index.js';
import { AuditStore } from '../../src/audit/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logging/index.js';
import {
  generateEd25519KeyPair,
  hostKeyFingerprint,
  loadOrCreateHostKey,
  SftpServer,
} from '../../src/sftp/index.js';
import { openDatabase, type SqliteDatabase } from '../../src/store/index.js';
import { freePort } from './free-port.js';

export const REMOTE_LOGIN = 'receiver';

export class RemoteSftpServer {
  readonly port: number;
  readonly fingerprint: string;
  /** The gateway's private key (its public half is authorized for REMOTE_LOGIN). */
  readonly clientKey: string;
  readonly #root: string;
  readonly #db: SqliteDatabase;
  readonly #accounts: AccountStore;
  readonly #audit: AuditStore;
  #server: SftpServer | undefined;

  private constructor(root: string, port: number) {
    this.#root = root;
    this.port = port;
    mkdirSync(root, { recursive: true });
    this.#db = openDatabase(path.join(root, 'remote.db'));
    // A stand-in's records: no fsync, which would block this (the test's) event loop.
    this.#db.pragma('synchronous = OFF');
    this.#accounts = new AccountStore(this.#db, path.join(root, 'homes'));
    this.#audit = new AuditStore(this.#db);
    const keys = generateEd25519KeyPair();
    this.clientKey = keys.private;
    this.#accounts.add({
      login: REMOTE_LOGIN,
      role: 'entity',
      siret: '99999999999999',
      publicKeys: [keys.public],
    });
    this.fingerprint = hostKeyFingerprint(loadOrCreateHostKey(this.#hostKeyFile));
  }

  get #hostKeyFile(): string {
    return path.join(this.#root, 'host_ed25519_key');
  }

  /** The folder the pushes land in (`/in` of the remote account). */
  get inDir(): string {
    return this.#accounts.folderOf(REMOTE_LOGIN, 'in');
  }

  static async create(root: string): Promise<RemoteSftpServer> {
    const remote = new RemoteSftpServer(root, await freePort());
    await remote.start();
    return remote;
  }

  async start(): Promise<void> {
    const config = loadConfig({ env: {}, cwd: this.#root });
    this.#server = new SftpServer({
      host: '127.0.0.1',
      port: this.port,
      hostKeyFile: this.#hostKeyFile,
      policy: { ...config.sftp, defender: { ...config.sftp.defender, enabled: false } },
      maxUploadBytes: 64 * 1024 * 1024,
      accounts: this.#accounts,
      audit: this.#audit,
      logger: createLogger('silent'),
    });
    await this.#server.listen();
  }

  /** Closes every connection and stops listening: the server is down. */
  async stop(): Promise<void> {
    await this.#server?.close();
    this.#server = undefined;
  }

  /** The names in the landing folder, temporary ones included. */
  files(): string[] {
    return readdirSync(this.inDir).sort();
  }

  /** How many times each final name was published (upload or rename onto it). */
  publications(): Map<string, number> {
    this.#audit.flush();
    const rows = this.#db
      .prepare(
        `SELECT file, COUNT(*) AS n FROM sftp_audit
         WHERE event IN ('upload', 'rename') AND file NOT LIKE '%.part' GROUP BY file`,
      )
      .all() as { file: string; n: number }[];
    return new Map(rows.map((row) => [path.posix.basename(row.file), row.n]));
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.#audit.flush();
    this.#db.close();
  }
}
