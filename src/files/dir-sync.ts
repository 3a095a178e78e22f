/**
 * Group commit for directory fsyncs. Making a rename or a new file durable needs an fsync of
 * its directory; when many writers publish files in the same folder at once, one fsync that
 * starts after all their renames serves them all. A caller joins the sync queued next for its
 * folder (it has not started, so it will cover the caller's rename); a sync already running
 * may have started before the caller's rename, so it never counts for it.
 */
import { open } from 'node:fs/promises';

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

interface DirState {
  running: Promise<void> | undefined;
  queued: Promise<void> | undefined;
}

export class DirSync {
  readonly #states = new Map<string, DirState>();
  #syncs = 0;

  /** Directory fsyncs actually issued (for the bench and metrics). */
  get syncCount(): number {
    return this.#syncs;
  }

  /** Resolves once an fsync of `dir` that started after this call has completed. */
  sync(dir: string): Promise<void> {
    let state = this.#states.get(dir);
    if (state === undefined) {
      state = { running: undefined, queued: undefined };
      this.#states.set(dir, state);
    }
    if (state.queued !== undefined) return state.queued;
    if (state.running === undefined) return this.#start(dir, state);
    const queued = state.running.then(
      () => this.#start(dir, state),
      () => this.#start(dir, state),
    );
    state.queued = queued;
    return queued;
  }

  #start(dir: string, state: DirState): Promise<void> {
    state.queued = undefined;
    this.#syncs += 1;
    const running = fsyncDir(dir).finally(() => {
      if (state.running === running) state.running = undefined;
      if (state.running === undefined && state.queued === undefined) this.#states.delete(dir);
    });
    state.running = running;
    return running;
  }
}
