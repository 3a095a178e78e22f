/**
 * Open push connections: up to `perTarget` to each target, handed out in turn so that pushes to
 * one server run side by side (each connection runs one operation at a time), closed after
 * `idleCloseMs` without use. A lost or failed connection is dropped and the next push opens a
 * new one: the retry of a push after its server came back needs nothing else.
 */
import { PushConnection, type PushEndpoint } from './push-connection.js';

interface Target {
  readonly slots: (Promise<PushConnection> | undefined)[];
  next: number;
}

export class PushConnections {
  readonly #idleCloseMs: number;
  readonly #perTarget: number;
  readonly #targets = new Map<string, Target>();
  #timer: NodeJS.Timeout | undefined;

  constructor(idleCloseMs: number, perTarget = 1) {
    this.#idleCloseMs = idleCloseMs;
    this.#perTarget = Math.max(1, perTarget);
  }

  /** A connection to the target `key` names, opened when its turn's slot has none alive. */
  async get(key: string, endpoint: () => PushEndpoint): Promise<PushConnection> {
    let target = this.#targets.get(key);
    if (!target) {
      target = { slots: new Array<undefined>(this.#perTarget).fill(undefined), next: 0 };
      this.#targets.set(key, target);
    }
    const index = target.next;
    target.next = (target.next + 1) % this.#perTarget;
    const existing = target.slots[index];
    if (existing) {
      const connection = await existing.catch(() => undefined);
      if (connection && !connection.isClosed) return connection;
      if (target.slots[index] === existing) target.slots[index] = undefined;
    }
    const opening = (async () => PushConnection.open(endpoint()))();
    target.slots[index] = opening;
    const slots = target.slots;
    opening.catch(() => {
      if (slots[index] === opening) slots[index] = undefined;
    });
    this.#startSweeping();
    return opening;
  }

  /** Closes a connection after a failure, so that the next attempt starts afresh. */
  async drop(key: string, connection: PushConnection): Promise<void> {
    const target = this.#targets.get(key);
    if (target) {
      for (const [index, slot] of target.slots.entries()) {
        if ((await slot?.catch(() => undefined)) === connection) target.slots[index] = undefined;
      }
    }
    await connection.close();
  }

  async closeAll(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    const all = [...this.#targets.values()].flatMap((target) => target.slots);
    this.#targets.clear();
    await Promise.all(
      all.map(async (slot) => {
        await (await slot?.catch(() => undefined))?.close();
      }),
    );
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
    for (const target of this.#targets.values()) {
      for (const [index, slot] of target.slots.entries()) {
        const connection = await slot?.catch(() => undefined);
        if (
          !slot ||
          (connection &&
            !connection.isClosed &&
            (connection.isBusy || now - connection.lastUsedAt < this.#idleCloseMs))
        )
          continue;
        if (target.slots[index] === slot) target.slots[index] = undefined;
        await connection?.close();
      }
    }
  }
}
