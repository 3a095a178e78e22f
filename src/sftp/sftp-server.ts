/**
 * The embedded SFTP server: password and public-key authentication against the account
 * store, one jailed session per SFTP channel. No shell, no exec, no port forwarding.
 */
import type { AddressInfo } from 'node:net';
import ssh2, { type Connection } from 'ssh2';
import type { Account, AccountStore } from '../accounts/index.js';
import type { Logger } from '../logging/index.js';
import { authenticate } from './authenticate.js';
import { loadOrCreateHostKey } from './host-key.js';
import { setNoDelay } from './no-delay.js';
import { SftpSession } from './sftp-session.js';

export interface SftpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly hostKeyFile: string;
  readonly maxAuthAttempts: number;
  readonly maxUploadBytes: number;
  readonly accounts: AccountStore;
  readonly logger: Logger;
  readonly onUpload?: (account: Account, virtualPath: string) => void;
}

export class SftpServer {
  readonly #options: SftpServerOptions;
  readonly #server: ssh2.Server;
  readonly #clients = new Set<Connection>();

  constructor(options: SftpServerOptions) {
    this.#options = options;
    this.#server = new ssh2.Server(
      { hostKeys: [loadOrCreateHostKey(options.hostKeyFile)] },
      (client) => {
        this.#onClient(client);
      },
    );
  }

  #onClient(client: Connection): void {
    const { logger, accounts } = this.#options;
    this.#clients.add(client);
    setNoDelay(client);
    let account: Account | undefined;
    let attempts = 0;
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'password' && ctx.method !== 'publickey') {
        ctx.reject(['password', 'publickey']);
        return;
      }
      authenticate(ctx, (login) => accounts.get(login))
        .then((outcome) => {
          if (outcome.isKeyQuery) {
            ctx.accept();
            return;
          }
          if (outcome.account) {
            account = outcome.account;
            logger.info({ partner: account.login, method: ctx.method }, 'sftp login');
            ctx.accept();
            return;
          }
          attempts += 1;
          logger.warn({ partner: ctx.username, method: ctx.method }, 'sftp authentication failed');
          if (attempts >= this.#options.maxAuthAttempts) client.end();
          else ctx.reject(['password', 'publickey']);
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'sftp authentication error');
          ctx.reject();
        });
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => {
          if (!account) return;
          accounts.ensureHome(account.login, account.role);
          new SftpSession(acceptSftp(), {
            account,
            home: accounts.homeOf(account.login),
            maxUploadBytes: this.#options.maxUploadBytes,
            logger,
            ...(this.#options.onUpload ? { onUpload: this.#options.onUpload } : {}),
          });
        });
        for (const refused of ['exec', 'shell', 'pty', 'subsystem'] as const) {
          session.on(refused as 'exec', (_accept, reject) => {
            if (reject) reject();
          });
        }
      });
      client.on('tcpip', (_accept, reject) => {
        reject();
      });
    });
    client.on('error', (error) => {
      logger.debug({ err: error }, 'sftp client error');
    });
    client.on('close', () => {
      this.#clients.delete(client);
    });
  }

  /** Listens; resolves with the bound port (useful with port 0). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#options.port, this.#options.host, () => {
        this.#server.off('error', reject);
        resolve((this.#server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    for (const client of this.#clients) client.end();
    return new Promise((resolve) => {
      this.#server.close(() => {
        resolve();
      });
    });
  }
}
