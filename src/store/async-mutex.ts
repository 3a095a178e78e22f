/**
 * A first-come lock for the single SQLite connection: a transaction holds it across its
 * awaits, so that no other statement runs inside it. Taking a free lock costs no tick.
 */
export class AsyncMutex {
  #isLocked = false;
  readonly #waiters: (() => void)[] = [];

  get isLocked(): boolean {
    return this.#isLocked;
  }

  /** Undefined when the lock was free and is now held; else a promise of holding it. */
  tryAcquire(): Promise<void> | undefined {
    if (!this.#isLocked) {
      this.#isLocked = true;
      return undefined;
    }
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
    });
  }

  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#isLocked = false;
  }
}
