/**
 * One SFTP client connection to an entity's server, for push delivery (ssh2-sftp-client).
 * The server's host key must match the pinned SHA-256 fingerprint, else the connection is
 * refused before authentication (PUSH_HOST_KEY_MISMATCH, never retried). Foreign errors are
 * wrapped once here, into PUSH_UNREACHABLE, PUSH_AUTH_FAILED or PUSH_REMOTE_ERROR.
 * Operations are run one at a time: ssh2-sftp-client is not meant for concurrent calls.
 */
import { createHash } from 'node:crypto';
import SftpClient from 'ssh2-sftp-client';
import { PasserelleError } from '../errors/index.js';
import { MODERN_ALGORITHMS } from './ssh-algorithms.js';

export interface PushEndpoint {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly privateKey: string;
  readonly hostKeySha256: string;
  readonly connectTimeoutMs: number;
}

/** The fingerprint of a public key blob, as OpenSSH prints it. */
export function fingerprintOfBlob(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ERR_NOT_CONNECTED',
]);
const NETWORK_MESSAGE =
  /connect|connection|timed out|handshake|no response|socket|closed|end of file|not connected/i;

export class PushConnection {
  readonly #client: SftpClient;
  readonly #where: string;
  readonly #pinned: string;
  #queue: Promise<unknown> = Promise.resolve();
  #isClosed = false;
  #seenFingerprint: string | undefined;
  #pending = 0;
  lastUsedAt = Date.now();

  private constructor(client: SftpClient, where: string, pinned: string) {
    this.#client = client;
    this.#where = where;
    this.#pinned = pinned;
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  /** Operations queued or running: a busy connection is never closed as idle. */
  get isBusy(): boolean {
    return this.#pending > 0;
  }

  /** Connects and checks the host key; rejects with a coded PasserelleError. */
  static async open(endpoint: PushEndpoint): Promise<PushConnection> {
    const where = `${endpoint.user}@${endpoint.host}:${endpoint.port}`;
    const holder: { connection?: PushConnection } = {};
    const markClosed = () => {
      if (holder.connection) holder.connection.#isClosed = true;
    };
    // The library's default listeners print to the console; a lost connection is noted instead.
    const client = new SftpClient('push', {
      error: markClosed,
      end: markClosed,
      close: markClosed,
    });
    const opened = new PushConnection(client, where, endpoint.hostKeySha256);
    holder.connection = opened;
    try {
      await client.connect({
        host: endpoint.host,
        port: endpoint.port,
        username: endpoint.user,
        privateKey: endpoint.privateKey,
        readyTimeout: endpoint.connectTimeoutMs,
        algorithms: MODERN_ALGORITHMS,
        hostVerifier: (key: Buffer) => {
          opened.#seenFingerprint = fingerprintOfBlob(key);
          return opened.#seenFingerprint === opened.#pinned;
        },
      });
    } catch (error) {
      opened.#isClosed = true;
      await client.end().catch(() => undefined);
      throw opened.#wrap(error, 'connect');
    }
    // Without TCP_NODELAY each small request waits for the server's delayed ACK (about 40 ms).
    (
      client as unknown as { client?: { setNoDelay?: (noDelay: boolean) => unknown } }
    ).client?.setNoDelay?.(true);
    return opened;
  }

  /** Runs one operation after the previous ones; failures are wrapped with their code. */
  run<T>(what: string, operation: (client: SftpClient) => Promise<T>): Promise<T> {
    this.#pending += 1;
    const result = this.#queue.then(async () => {
      if (this.#isClosed)
        throw new PasserelleError('PUSH_UNREACHABLE', `${this.#where}: the connection was lost`);
      try {
        return await operation(this.#client);
      } catch (error) {
        throw this.#wrap(error, what);
      } finally {
        this.lastUsedAt = Date.now();
        this.#pending -= 1;
      }
    });
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#isClosed = true;
    await this.#queue;
    await this.#client.end().catch(() => undefined);
  }

  #wrap(error: unknown, what: string): PasserelleError {
    if (error instanceof PasserelleError) return error;
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown } | undefined)?.code;
    const text = `${this.#where}: ${what}: ${message}`;
    if (/verification failed|host denied/i.test(message) || this.#hostKeyMismatched()) {
      return new PasserelleError(
        'PUSH_HOST_KEY_MISMATCH',
        `${this.#where}: the server's host key is ${this.#seenFingerprint ?? 'unknown'}, not the pinned one; nothing was sent (check with the entity, then passerelle account push set … --host-key)`,
        { cause: error },
      );
    }
    if (/authentication methods failed|ERR_BAD_AUTH/i.test(`${message} ${String(code)}`)) {
      return new PasserelleError(
        'PUSH_AUTH_FAILED',
        `${text} (is the platform's public key authorized for this user?)`,
        { cause: error },
      );
    }
    if (
      this.#isClosed ||
      (typeof code === 'string' && NETWORK_CODES.has(code)) ||
      (typeof code !== 'number' && NETWORK_MESSAGE.test(message))
    ) {
      this.#isClosed = true;
      return new PasserelleError('PUSH_UNREACHABLE', text, { cause: error });
    }
    return new PasserelleError('PUSH_REMOTE_ERROR', text, { cause: error });
  }

  #hostKeyMismatched(): boolean {
    return this.#seenFingerprint !== undefined && this.#seenFingerprint !== this.#pinned;
  }
}
