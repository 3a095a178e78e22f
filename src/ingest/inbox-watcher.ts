/**
 * Watches every partner's `in/` folder and hands each complete file to `onFile` once.
 * Complete means: published by the embedded server (it links the file in only after the
 * upload is closed), or, for external SFTP servers writing in place, size and mtime unchanged
 * for `stabilityMs` (chokidar's awaitWriteFinish; only with `watchInPlace`, since chokidar
 * lstats every entry of a folder on each change, which costs more than the claims themselves
 * when a backlog waits). A periodic rescan catches anything an event missed, including files
 * that were waiting at start-up.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../logging/index.js';
import { isTransientName } from '../sftp/index.js';

export interface InboxWatcherOptions {
  readonly homesDir: string;
  readonly folder: string;
  readonly stabilityMs: number;
  readonly pollIntervalMs: number;
  readonly usePolling: boolean;
  /** Run chokidar (external servers writing in place); without it, only offers and rescans. */
  readonly watchInPlace: boolean;
  readonly rescanIntervalMs: number;
  readonly concurrency: number;
  readonly logger: Logger;
  readonly onFile: (login: string, file: string) => Promise<void>;
}

export class InboxWatcher {
  readonly #options: InboxWatcherOptions;
  readonly #inFlight = new Set<string>();
  readonly #waiting: (readonly [string, string])[] = [];
  #running = 0;
  #watcher: FSWatcher | undefined;
  #rescanTimer: NodeJS.Timeout | undefined;
  #isClosed = false;

  constructor(options: InboxWatcherOptions) {
    this.#options = options;
  }

  /** `<homes>/<login>/<folder>/<name>` → [login, name], anything else → undefined. */
  #parse(file: string): readonly [string, string] | undefined {
    const relative = path.relative(this.#options.homesDir, file);
    const parts = relative.split(path.sep);
    if (parts.length !== 3 || parts[1] !== this.#options.folder) return undefined;
    const [login, , name] = parts;
    if (!login || !name || isTransientName(name)) return undefined;
    return [login, name];
  }

  #isIgnored(file: string): boolean {
    const relative = path.relative(this.#options.homesDir, file);
    if (relative === '') return false;
    const parts = relative.split(path.sep);
    if (parts.length === 1) return false;
    if (parts[1] !== this.#options.folder) return true;
    if (parts.length === 2) return false;
    return parts.length > 3 || isTransientName(parts[2] ?? '');
  }

  async start(): Promise<void> {
    if (this.#options.watchInPlace) await this.#startChokidar();
    else await this.rescan();
    this.#rescanTimer = setInterval(() => {
      this.rescan().catch((error: unknown) => {
        this.#options.logger.error({ err: error }, 'inbox rescan failed');
      });
    }, this.#options.rescanIntervalMs);
    this.#rescanTimer.unref();
  }

  async #startChokidar(): Promise<void> {
    const { homesDir, stabilityMs, pollIntervalMs, usePolling, logger } = this.#options;
    const watcher = watch(homesDir, {
      ignored: (file) => this.#isIgnored(file),
      ignoreInitial: false,
      depth: 2,
      usePolling,
      interval: pollIntervalMs,
      awaitWriteFinish:
        stabilityMs > 0 ? { stabilityThreshold: stabilityMs, pollInterval: pollIntervalMs } : false,
    });
    watcher.on('add', (file) => {
      this.offer(file);
    });
    watcher.on('error', (error) => {
      logger.error({ err: error }, 'inbox watcher error');
    });
    this.#watcher = watcher;
    await new Promise<void>((resolve) =>
      watcher.once('ready', () => {
        resolve();
      }),
    );
  }

  /** Offers a file for claiming; the embedded server calls this when an upload is published. */
  offer(file: string): void {
    const parsed = this.#parse(file);
    if (!parsed || this.#inFlight.has(file) || this.#isClosed) return;
    this.#inFlight.add(file);
    this.#waiting.push([parsed[0], file]);
    this.#drain();
  }

  #drain(): void {
    while (this.#running < this.#options.concurrency) {
      const next = this.#waiting.shift();
      if (!next) return;
      const [login, file] = next;
      this.#running += 1;
      this.#options
        .onFile(login, file)
        .catch((error: unknown) => {
          this.#options.logger.error(
            { err: error, partner: login, file: path.basename(file) },
            'claim failed; retried at next rescan',
          );
        })
        .finally(() => {
          this.#running -= 1;
          this.#inFlight.delete(file);
          this.#drain();
        });
    }
  }

  /** Offers every file of every `in/` folder that has been still for twice the stability time. */
  async rescan(): Promise<void> {
    const { homesDir, folder, stabilityMs } = this.#options;
    const logins = await readdir(homesDir).catch(() => [] as string[]);
    for (const login of logins) {
      const dir = path.join(homesDir, login, folder);
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        const file = path.join(dir, name);
        const stats = await stat(file).catch(() => undefined);
        if (stats?.isFile() && Date.now() - stats.mtimeMs > 2 * stabilityMs) this.offer(file);
      }
    }
  }

  async close(): Promise<void> {
    this.#isClosed = true;
    if (this.#rescanTimer) clearInterval(this.#rescanTimer);
    await this.#watcher?.close();
    while (this.#running > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
