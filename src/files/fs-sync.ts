/**
 * Group commit for a whole file system: `syncfs(2)` makes every write, rename and link done
 * on it before the call durable at once, where per-file fsyncs would cost one journal commit
 * each (about six per delivered invoice). Node has no binding for syncfs, so a long-lived
 * shell runs coreutils' `sync --file-system` on request; callers that arrive while one runs
 * share the next. When the shell or `sync -f` is missing, `isAvailable` turns false and
 * callers go back to per-file fsyncs.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { stat } from 'node:fs/promises';
import type { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { createInterface } from 'node:readline';

type ShellProcess = ChildProcessByStdio<Writable, Readable, null>;

interface Shell {
  readonly child: ShellProcess;
  readonly waiting: ((ok: boolean) => void)[];
}

function quote(dir: string): string {
  return `'${dir.replaceAll("'", "'\\''")}'`;
}

/** Streams of a child keep the event loop alive only while a request is pending. */
function setRef(shell: Shell, isRef: boolean): void {
  for (const stream of [shell.child.stdin, shell.child.stdout]) {
    const socket = stream as unknown as Partial<Socket>;
    if (isRef) socket.ref?.();
    else socket.unref?.();
  }
}

interface DeviceState {
  running: Promise<boolean> | undefined;
  queued: Promise<boolean> | undefined;
}

const MAX_CACHED_FOLDERS = 10_000;

export class FsSync {
  #shell: Shell | undefined;
  /** Coalescing is per file system (device): a sync of one says nothing of another. */
  readonly #devices = new Map<number, DeviceState>();
  readonly #deviceOf = new Map<string, number>();
  #isAvailable = true;
  #syncs = 0;

  get isAvailable(): boolean {
    return this.#isAvailable;
  }

  get syncCount(): number {
    return this.#syncs;
  }

  /**
   * Resolves true once a syncfs of `dir`'s file system that started after this call has
   * completed; false when syncfs cannot be had (the caller then fsyncs what it wrote).
   */
  async sync(dir: string): Promise<boolean> {
    if (!this.#isAvailable) return false;
    const device = await this.#device(dir);
    let state = this.#devices.get(device);
    if (state === undefined) {
      state = { running: undefined, queued: undefined };
      this.#devices.set(device, state);
    }
    if (state.queued !== undefined) return state.queued;
    if (state.running === undefined) return this.#start(dir, state);
    const current = state;
    const queued = state.running.then(() => this.#start(dir, current));
    state.queued = queued;
    return queued;
  }

  async #device(dir: string): Promise<number> {
    const known = this.#deviceOf.get(dir);
    if (known !== undefined) return known;
    const { dev } = await stat(dir);
    if (this.#deviceOf.size >= MAX_CACHED_FOLDERS) this.#deviceOf.clear();
    this.#deviceOf.set(dir, dev);
    return dev;
  }

  #start(dir: string, state: DeviceState): Promise<boolean> {
    state.queued = undefined;
    this.#syncs += 1;
    const running = this.#request(dir).then((ok) => {
      if (!ok) this.#isAvailable = false;
      if (state.running === running) state.running = undefined;
      return ok;
    });
    state.running = running;
    return running;
  }

  #request(dir: string): Promise<boolean> {
    const shell = this.#shellOf();
    if (shell === undefined) return Promise.resolve(false);
    return new Promise((resolve) => {
      shell.waiting.push(resolve);
      setRef(shell, true);
      shell.child.stdin.write(`sync -f -- ${quote(dir)} 2>/dev/null && echo ok || echo failed\n`);
    });
  }

  #shellOf(): Shell | undefined {
    if (this.#shell) return this.#shell;
    let child: ShellProcess;
    try {
      // No stderr pipe: an idle helper must hold no referenced handle, or a CLI command that
      // wrote a file would never exit.
      child = spawn('/bin/sh', [], { stdio: ['pipe', 'pipe', 'ignore'] });
    } catch {
      return undefined;
    }
    const shell: Shell = { child, waiting: [] };
    const failAll = () => {
      this.#shell = undefined;
      this.#isAvailable = false;
      for (const resolve of shell.waiting.splice(0)) resolve(false);
    };
    child.on('error', failAll);
    child.on('exit', failAll);
    child.stdin.on('error', failAll);
    createInterface({ input: child.stdout }).on('line', (line) => {
      shell.waiting.shift()?.(line === 'ok');
      if (shell.waiting.length === 0) setRef(shell, false);
    });
    child.unref();
    setRef(shell, false);
    this.#shell = shell;
    return shell;
  }

  /** Ends the shell (at shutdown); a later call starts another. */
  close(): void {
    const shell = this.#shell;
    this.#shell = undefined;
    shell?.child.stdin.end();
  }
}
