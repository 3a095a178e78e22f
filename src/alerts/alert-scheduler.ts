/**
 * Runs the alert checks every `intervalMs` (one round at a time). Kept apart from the checks
 * so that a cluster-wide lease can decide which process runs them.
 */
import type { Logger } from '../logging/index.js';
import { runAlertChecks, type AlertCheckDeps, type AlertCheckResult } from './alert-checks.js';

export class AlertScheduler {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<AlertCheckResult | undefined> | undefined;

  constructor(
    private readonly deps: AlertCheckDeps,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(intervalMs: number): void {
    this.#timer = setInterval(() => {
      void this.runOnce();
    }, intervalMs);
    this.#timer.unref();
  }

  /** One round now (skipped when one is running); undefined when it failed or was skipped. */
  async runOnce(): Promise<AlertCheckResult | undefined> {
    if (this.#running) return undefined;
    this.#running = runAlertChecks(this.deps, this.clock()).catch((error: unknown) => {
      this.logger.error({ err: error }, 'alert checks failed');
      return undefined;
    });
    try {
      return await this.#running;
    } finally {
      this.#running = undefined;
    }
  }

  /** Stops the timer and waits for a round in progress. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#running;
  }
}
