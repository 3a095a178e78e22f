/**
 * The embedded SFTP server: password and public-key authentication against the account
 * store, one jailed session per SFTP channel. No shell, no exec, no port forwarding: those
 * requests are refused with a message and the connection keeps serving SFTP.
 * Sockets are accepted by our own TCP server and handed to ssh2, so that a refused client
 * can be told why before any key exchange (`refuseSocket`).
 */
import net, { type AddressInfo, type Socket } from 'node:net';
import ssh2, { type Connection, type ServerChannel, type Session } from 'ssh2';
import type { Account, AccountStore } from '../accounts/index.js';
import type { Logger } from '../logging/index.js';
import { authenticate } from './authenticate.js';
import { hostKeyFingerprint, loadOrCreateHostKey } from './host-key.js';
import { MODERN_ALGORITHMS } from './ssh-algorithms.js';
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

const ONLY_SFTP = 'passerelle: only the SFTP subsystem is offered on this server';

/** Answers a command channel (exec, shell, other subsystem) with a message and exit status 1. */
function refuseChannel(channel: ServerChannel, what: string): void {
  channel.stderr.write(`${ONLY_SFTP} (${what} refused)\r\n`);
  channel.exit(1);
  channel.end();
}

export class SftpServer {
  readonly #options: SftpServerOptions;
  readonly #ssh: ssh2.Server;
  readonly #tcp: net.Server;
  readonly #clients = new Set<Connection>();
  readonly #sockets = new Set<Socket>();
  /** The host key's SHA256 fingerprint, as OpenSSH shows it to a connecting user. */
  readonly fingerprint: string;

  constructor(options: SftpServerOptions) {
    this.#options = options;
    const hostKey = loadOrCreateHostKey(options.hostKeyFile);
    this.fingerprint = hostKeyFingerprint(hostKey);
    this.#ssh = new ssh2.Server(
      {
        hostKeys: [hostKey],
        algorithms: {
          kex: [...MODERN_ALGORITHMS.kex],
          cipher: [...MODERN_ALGORITHMS.cipher],
          hmac: [...MODERN_ALGORITHMS.hmac],
          compress: [...MODERN_ALGORITHMS.compress],
        },
      },
      (client, info) => {
        this.#onClient(client, info);
      },
    );
    this.#tcp = net.createServer((socket) => {
      this.#onSocket(socket);
    });
  }

  #onSocket(socket: Socket): void {
    // Without it, Nagle's algorithm holds each small SFTP reply for the peer's delayed ACK.
    socket.setNoDelay(true);
    this.#sockets.add(socket);
    socket.once('close', () => {
      this.#sockets.delete(socket);
    });
    this.#ssh.injectSocket(socket);
  }

  #onClient(client: Connection, info: ssh2.ClientInfo): void {
    const { logger, accounts } = this.#options;
    this.#clients.add(client);
    const peer = { address: info.ip, port: info.port };
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
            logger.info({ partner: account.login, method: ctx.method, ...peer }, 'sftp login');
            ctx.accept();
            return;
          }
          attempts += 1;
          logger.warn(
            { partner: ctx.username, method: ctx.method, ...peer },
            'sftp authentication failed',
          );
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
        this.#onSession(acceptSession(), () => account, peer);
      });
      client.on('tcpip', (_accept, reject) => {
        logger.warn({ partner: account?.login, ...peer }, 'sftp port forwarding refused');
        reject();
      });
      client.on('openssh.streamlocal', (_accept, reject) => {
        reject();
      });
      client.on('request', (_accept, reject, name) => {
        logger.warn({ partner: account?.login, request: name, ...peer }, 'sftp request refused');
        reject?.();
      });
    });
    client.on('error', (error) => {
      logger.debug({ err: error, ...peer }, 'sftp client error');
    });
    client.on('close', () => {
      this.#clients.delete(client);
      if (account) logger.info({ partner: account.login, ...peer }, 'sftp logout');
    });
  }

  #onSession(
    session: Session,
    accountOf: () => Account | undefined,
    peer: { readonly address: string; readonly port: number },
  ): void {
    const { logger, accounts } = this.#options;
    session.on('sftp', (acceptSftp, rejectSftp) => {
      const account = accountOf();
      if (!account) {
        rejectSftp();
        return;
      }
      accounts.ensureHome(account.login, account.role);
      const sftp = acceptSftp();
      const served = new SftpSession(sftp, {
        account,
        home: accounts.homeOf(account.login),
        maxUploadBytes: this.#options.maxUploadBytes,
        logger,
        ...(this.#options.onUpload ? { onUpload: this.#options.onUpload } : {}),
      });
      // The client sends EOF (OpenSSH `bye`, end of a batch) and waits for the server to
      // close the channel: ssh2 leaves that to us.
      sftp.on('end', () => {
        void served.dispose();
        sftp.end();
      });
    });
    const refuse = (what: string) => (accept: () => ServerChannel) => {
      logger.warn({ partner: accountOf()?.login, request: what, ...peer }, 'sftp request refused');
      refuseChannel(accept(), what);
    };
    session.on('exec', refuse('exec'));
    session.on('shell', refuse('shell'));
    session.on('subsystem', (accept, _reject, info) => {
      refuse(`subsystem ${info.name}`)(accept);
    });
    for (const request of ['pty', 'x11', 'auth-agent', 'env', 'signal'] as const) {
      session.on(request as 'pty', (_accept, reject) => {
        reject?.();
      });
    }
  }

  /** Listens; resolves with the bound port (useful with port 0). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#tcp.once('error', reject);
      this.#tcp.listen(this.#options.port, this.#options.host, () => {
        this.#tcp.off('error', reject);
        this.#options.logger.info(
          { fingerprint: this.fingerprint, file: this.#options.hostKeyFile },
          'sftp host key',
        );
        resolve((this.#tcp.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    for (const client of this.#clients) client.end();
    // Connections still in their handshake have no ssh2 client to end.
    setImmediate(() => {
      for (const socket of this.#sockets) socket.destroy();
    });
    return new Promise((resolve) => {
      this.#tcp.close(() => {
        resolve();
      });
    });
  }
}
