/**
 * The embedded SFTP server: password and public-key authentication against the account
 * store, one jailed session per SFTP channel. No shell, no exec, no port forwarding: those
 * requests are refused with a message and the connection keeps serving SFTP.
 * Sockets are accepted by our own TCP server and handed to ssh2, so that a banned address or
 * one past the connection caps is told why before any key exchange (`refuseSocket`). The
 * defender scores failures and abuse per address; handshake and idle timeouts drop
 * connections that do nothing.
 */
import net, { type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import ssh2, { type AuthContext, type Connection, type ServerChannel, type Session } from 'ssh2';
import type { Account, AccountStore } from '../accounts/index.js';
import type { AuditEvent, AuditSink } from '../audit/index.js';
import type { Logger } from '../logging/index.js';
import { authenticate } from './authenticate.js';
import {
  Defender,
  normalizeAddress,
  type DefenderEvent,
  type DefenderPolicy,
  type LockoutPolicy,
} from './defender.js';
import { hostKeyFingerprint, loadOrCreateHostKey } from './host-key.js';
import { DISCONNECT, refuseSocket } from './refuse-socket.js';
import { MODERN_ALGORITHMS } from './ssh-algorithms.js';
import { SftpSession } from './sftp-session.js';
import { WaitingCounter, type UploadQuota } from './upload-quota.js';

/** Limits of the front door; `config.sftp` has this shape (see config-schema.ts for units). */
export interface SftpPolicy {
  readonly maxAuthAttempts: number;
  readonly authFailureDelayMs: number;
  readonly handshakeTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxConnections: number;
  readonly maxConnectionsPerAddress: number;
  readonly maxSessionsPerAccount: number;
  readonly defender: DefenderPolicy;
  readonly lockout: LockoutPolicy;
  readonly quota: UploadQuota;
}

export interface SftpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly hostKeyFile: string;
  readonly policy: SftpPolicy;
  /** Where the defender keeps its bans (`defender.json`); in memory only when absent. */
  readonly stateDir?: string | undefined;
  readonly maxUploadBytes: number;
  readonly accounts: AccountStore;
  readonly logger: Logger;
  readonly onUpload?: (account: Account, virtualPath: string) => void;
  /** The audit trail (logins, sessions, file operations); flushed when the server closes. */
  readonly audit?: AuditSink | undefined;
}

const ONLY_SFTP = 'passerelle: only the SFTP subsystem is offered on this server';

/** Answers a command channel (exec, shell, other subsystem) with a message and exit status 1. */
function refuseChannel(channel: ServerChannel, message: string): void {
  channel.stderr.write(`${message}\r\n`);
  channel.exit(1);
  channel.end();
}

/** One TCP connection, from accept to close. */
interface Peer {
  readonly address: string;
  readonly port: number;
  readonly socket: Socket;
  client: Connection | undefined;
  account: Account | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Set once the connection is dropped on purpose, so the same end is not scored twice. */
  isEnding: boolean;
  readonly startedAt: number;
}

export class SftpServer {
  readonly #options: SftpServerOptions;
  readonly #policy: SftpPolicy;
  readonly #ssh: ssh2.Server;
  readonly #tcp: net.Server;
  readonly #defender: Defender;
  readonly #peers = new Map<string, Peer>();
  readonly #perAddress = new Map<string, number>();
  readonly #sessions = new Map<string, number>();
  readonly #waiting = new WaitingCounter();
  /** The host key's SHA256 fingerprint, as OpenSSH shows it to a connecting user. */
  readonly fingerprint: string;

  constructor(options: SftpServerOptions) {
    this.#options = options;
    this.#policy = options.policy;
    this.#defender = new Defender({
      policy: options.policy.defender,
      lockout: options.policy.lockout,
      file: options.stateDir ? path.join(options.stateDir, 'defender.json') : undefined,
      logger: options.logger,
    });
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

  get defender(): Defender {
    return this.#defender;
  }

  #onSocket(socket: Socket): void {
    // Without it, Nagle's algorithm holds each small SFTP reply for the peer's delayed ACK.
    socket.setNoDelay(true);
    const { logger } = this.#options;
    const address = normalizeAddress(socket.remoteAddress);
    const port = socket.remotePort ?? 0;
    const bannedUntil = this.#defender.bannedUntil(address);
    const fromAddress = this.#perAddress.get(address) ?? 0;
    let refusal: readonly [number, string] | undefined;
    if (bannedUntil !== undefined) {
      refusal = [
        DISCONNECT.HOST_NOT_ALLOWED_TO_CONNECT,
        `passerelle: address ${address} is banned until ${new Date(bannedUntil).toISOString()} (repeated failed logins or refused requests)`,
      ];
    } else if (this.#peers.size >= this.#policy.maxConnections) {
      refusal = [
        DISCONNECT.TOO_MANY_CONNECTIONS,
        `passerelle: server busy (${this.#policy.maxConnections} connections open); try again later`,
      ];
    } else if (fromAddress >= this.#policy.maxConnectionsPerAddress) {
      refusal = [
        DISCONNECT.TOO_MANY_CONNECTIONS,
        `passerelle: too many connections from ${address} (at most ${this.#policy.maxConnectionsPerAddress}); close some and retry`,
      ];
    }
    if (refusal) {
      logger.warn({ address, port, reason: refusal[1] }, 'sftp connection refused');
      this.#audit({ event: 'connection_refused', address, port, result: refusal[1] });
      refuseSocket(socket, refusal[0], refusal[1]);
      return;
    }
    const peer: Peer = {
      address,
      port,
      socket,
      client: undefined,
      account: undefined,
      timer: undefined,
      isEnding: false,
      startedAt: Date.now(),
    };
    const key = `${address}|${port}`;
    this.#peers.set(key, peer);
    this.#perAddress.set(address, fromAddress + 1);
    peer.timer = setTimeout(() => {
      if (peer.account) return;
      logger.warn({ address, port }, 'sftp connection dropped: not authenticated in time');
      this.#audit({
        event: 'connection_refused',
        address,
        port,
        result: 'not authenticated in time',
      });
      this.#score(peer, 'noAuth');
      this.#drop(peer);
    }, this.#policy.handshakeTimeoutMs);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(peer.timer);
      this.#peers.delete(key);
      const left = (this.#perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.#perAddress.set(address, left);
      else this.#perAddress.delete(address);
    });
    this.#ssh.injectSocket(socket);
  }

  /** Ends a connection on purpose: politely when ssh2 has it, else at the TCP level. */
  #drop(peer: Peer): void {
    if (peer.isEnding) return;
    peer.isEnding = true;
    peer.client?.end();
    setTimeout(() => peer.socket.destroy(), 1000).unref();
  }

  /** Scores an event for the peer's address; a ban it causes ends the connection now. */
  #score(peer: Peer, event: DefenderEvent): boolean {
    const until = this.#defender.record(peer.address, event);
    if (until === undefined) return false;
    // Every open connection of a banned address goes, not only the one that scored.
    for (const other of this.#peers.values()) {
      if (other.address === peer.address) this.#drop(other);
    }
    return true;
  }

  #onClient(client: Connection, info: ssh2.ClientInfo): void {
    const { logger } = this.#options;
    const peer = this.#peers.get(`${normalizeAddress(info.ip)}|${info.port}`);
    if (!peer) {
      client.end();
      return;
    }
    peer.client = client;
    const where = { address: peer.address, port: peer.port };
    let attempts = 0;
    let isUnknownScored = false;
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'password' && ctx.method !== 'publickey') {
        ctx.reject(['password', 'publickey']);
        return;
      }
      void this.#options.accounts.get(ctx.username).then(
        (known) => {
          const fail = (reason: string) => {
            attempts += 1;
            logger.warn(
              { partner: ctx.username, method: ctx.method, reason, ...where },
              'sftp authentication failed',
            );
            this.#audit({
              event: 'login_failed',
              account: ctx.username,
              method: ctx.method,
              result: reason,
              ...where,
            });
            // A key that does not match is no guess (clients offer every key they hold); an
            // unknown login counts once per connection whatever the method.
            let isBanned = false;
            if (ctx.method === 'password' && known) isBanned = this.#score(peer, 'loginFailed');
            else if (!known && !isUnknownScored) {
              isUnknownScored = true;
              isBanned = this.#score(peer, 'unknownUser');
            } else if (!known && ctx.method === 'password') {
              isBanned = this.#score(peer, 'unknownUser');
            }
            if (known && ctx.method === 'password' && reason === 'wrong password') {
              this.#defender.recordAccountFailure(known.login);
            }
            if (isBanned) return;
            if (attempts >= this.#policy.maxAuthAttempts) {
              this.#drop(peer);
              return;
            }
            // The pause applies to passwords only: key-based clients try several keys in a row.
            const delayMs = ctx.method === 'password' ? this.#policy.authFailureDelayMs : 0;
            setTimeout(() => {
              ctx.reject(['password', 'publickey']);
            }, delayMs).unref();
          };
          if (known?.disabled) {
            fail('account disabled');
            return;
          }
          if (ctx.method === 'password' && known && this.#defender.lockedUntil(known.login)) {
            fail('account locked after repeated password failures');
            return;
          }
          this.#authenticate(ctx, known, peer, fail);
        },
        (error: unknown) => {
          // The registry is unavailable: the client may try again; nothing is counted against it.
          logger.error({ err: error, ...where }, 'sftp authentication error');
          ctx.reject();
        },
      );
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        this.#onSession(acceptSession(), peer);
      });
      client.on('tcpip', (_accept, reject) => {
        logger.warn({ partner: peer.account?.login, ...where }, 'sftp port forwarding refused');
        reject();
        this.#score(peer, 'protocolAbuse');
      });
      client.on('openssh.streamlocal', (_accept, reject) => {
        reject();
        this.#score(peer, 'protocolAbuse');
      });
      client.on('request', (accept, reject, name) => {
        // OpenSSH sends this after its first session (a promise to open no other): harmless.
        // ssh2 emits it too, though its type declarations list only the forwarding requests.
        const requestName: string = name;
        if (requestName === 'no-more-sessions@openssh.com') {
          accept?.();
          return;
        }
        logger.warn(
          { partner: peer.account?.login, request: name, ...where },
          'sftp request refused',
        );
        reject?.();
        this.#score(peer, 'protocolAbuse');
      });
    });
    client.on('error', (error) => {
      logger.debug({ err: error, ...where }, 'sftp client error');
    });
    client.on('close', () => {
      if (!peer.account) return;
      const seconds = Math.round((Date.now() - peer.startedAt) / 1000);
      logger.info({ partner: peer.account.login, seconds, ...where }, 'sftp logout');
      this.#audit({
        event: 'logout',
        account: peer.account.login,
        detail: `connected ${seconds} s`,
        ...where,
      });
    });
  }

  #authenticate(
    ctx: AuthContext,
    known: Account | undefined,
    peer: Peer,
    fail: (reason: string) => void,
  ): void {
    const { logger } = this.#options;
    authenticate(ctx, () => known)
      .then((outcome) => {
        if (outcome.isKeyQuery) {
          ctx.accept();
          return;
        }
        if (!outcome.account) {
          fail(
            known ? (ctx.method === 'password' ? 'wrong password' : 'unknown key') : 'unknown user',
          );
          return;
        }
        const account = outcome.account;
        peer.account = account;
        this.#defender.recordAccountSuccess(account.login);
        logger.info(
          { partner: account.login, method: ctx.method, address: peer.address, port: peer.port },
          'sftp login',
        );
        this.#audit({
          event: 'login',
          account: account.login,
          method: ctx.method,
          result: 'ok',
          address: peer.address,
          port: peer.port,
        });
        ctx.accept();
        // From now on the timer watches for idleness; each SFTP request pushes it back.
        clearTimeout(peer.timer);
        peer.timer = setTimeout(() => {
          logger.info(
            { partner: account.login, address: peer.address, port: peer.port },
            'sftp connection dropped: idle',
          );
          this.#drop(peer);
        }, this.#policy.idleTimeoutMs);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'sftp authentication error');
        ctx.reject();
      });
  }

  #onSession(session: Session, peer: Peer): void {
    const { logger, accounts } = this.#options;
    const where = { address: peer.address, port: peer.port };
    session.on('sftp', (acceptSftp, rejectSftp) => {
      const account = peer.account;
      if (!account) {
        rejectSftp();
        return;
      }
      const open = this.#sessions.get(account.login) ?? 0;
      if (open >= this.#policy.maxSessionsPerAccount) {
        logger.warn(
          { partner: account.login, sessions: open, ...where },
          'sftp session refused: too many sessions for the account',
        );
        rejectSftp();
        return;
      }
      this.#sessions.set(account.login, open + 1);
      accounts.ensureHome(account.login, account.role);
      const sftp = acceptSftp();
      const served = new SftpSession(sftp, {
        account,
        home: accounts.homeOf(account.login),
        maxUploadBytes: this.#options.maxUploadBytes,
        quota: {
          minFreeBytes: this.#policy.quota.minFreeBytes,
          maxFilesWaiting: account.quota?.maxFilesWaiting ?? this.#policy.quota.maxFilesWaiting,
          maxBytesWaiting: account.quota?.maxBytesWaiting ?? this.#policy.quota.maxBytesWaiting,
        },
        waiting: this.#waiting,
        logger,
        onActivity: () => peer.timer?.refresh(),
        audit: (event) => {
          this.#audit({ ...event, account: account.login, ...where });
        },
        ...(this.#options.onUpload ? { onUpload: this.#options.onUpload } : {}),
      });
      let isClosed = false;
      const close = () => {
        if (isClosed) return;
        isClosed = true;
        const left = (this.#sessions.get(account.login) ?? 1) - 1;
        if (left > 0) this.#sessions.set(account.login, left);
        else this.#sessions.delete(account.login);
        void served.dispose();
      };
      // The client sends EOF (OpenSSH `bye`, end of a batch) and waits for the server to
      // close the channel: ssh2 leaves that to us.
      sftp.on('end', () => {
        close();
        sftp.end();
      });
      sftp.on('close', close);
    });
    const refuse = (what: string) => (accept: () => ServerChannel) => {
      logger.warn(
        { partner: peer.account?.login, request: what, ...where },
        'sftp request refused',
      );
      refuseChannel(accept(), `${ONLY_SFTP} (${what} refused)`);
      this.#score(peer, 'protocolAbuse');
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

  #audit(event: AuditEvent): void {
    try {
      this.#options.audit?.record(event);
    } catch (error) {
      this.#options.logger.error({ err: error }, 'sftp audit event not recorded');
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
    const peers = [...this.#peers.values()];
    for (const peer of peers) peer.client?.end();
    // Connections still in their handshake have no ssh2 client to end.
    setImmediate(() => {
      for (const peer of peers) peer.socket.destroy();
    });
    return new Promise<void>((resolve) => {
      // Called once every connection has closed: their logouts are in the buffer.
      this.#tcp.close(() => {
        resolve();
      });
    }).then(() => this.#options.audit?.flush());
  }
}
