/**
 * Open push connections, one per target, shared by the pushes to it and closed after
 * `idleCloseMs` without use. A lost or failed connection is dropped, and the next push opens
 * a new one: the retry of a push after its server came back needs nothing else.
 */
import { PushConnection, type PushEndpoint } from './push-connection.js';

export class PushConnections {
  readonly #idleCloseMs: number;
  readonly #open = new Map<string, Promise<PushConnection>>();
  #timer: NodeJS.Timeout | undefined;

  constructor(idleCloseMs: number) {
    this.#idleCloseMs = idleCloseMs;
  }

  /** The connection for `key` (a target's identity), opened when there is none alive. */
  async get(key: string, endpoint: () => PushEndpoint): Promise<PushConnection> {
    const existing = this.#open.get(key);
    if (existing) {
      const connection = await existing.catch(() => undefined);
      if (connection && !connection.isClosed) return connection;
      if (this.#open.get(key) === existing) this.#open.delete(key);
    }
    const opening = PushConnection.open(endpoint());
    this.#open.set(key, opening);
    opening.catch(() => {
      if (this.#open.get(key) === opening) this.#open.delete(key);
    });
    this.#startSweeping();
    return opening;
  }

  /** Closes a connection after a failure, so that the next attempt starts afresh. */
  async drop(key: string): Promise<void> {
    const existing = this.#open.get(key);
    this.#open.delete(key);
    const connection = await existing?.catch(() => undefined);
    await connection?.close();
  }

  async closeAll(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    const all = [...this.#open.keys()];
    await Promise.all(all.map((key) => this.drop(key)));
  }

  #startSweeping(): void {
    if (this.#timer) return;
    this.#timer = setInterval(
      () => {
        void this.#sweep();
      },
      Math.max(1000, this.#idleCloseMs),
    );
    this.#timer.unref();
  }

  async #sweep(): Promise<void> {
    const now = Date.now();
    for (const [key, opening] of [...this.#open.entries()]) {
      const connection = await opening.catch(() => undefined);
      if (!connection || connection.isClosed || now - connection.lastUsedAt >= this.#idleCloseMs) {
        if (this.#open.get(key) === opening) this.#open.delete(key);
        await connection?.close();
      }
    }
  }
}
