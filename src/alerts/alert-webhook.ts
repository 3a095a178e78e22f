/**
 * Sends each raised or resolved alert as a JSON POST to the configured webhook, in order,
 * retrying with exponential backoff. Never blocks the checks: `notify` only queues; a webhook
 * that keeps failing is given up after `attempts` (logged), and the next event is sent.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/index.js';
import type { AlertEvent } from './alert-checks.js';

export interface AlertWebhookOptions {
  readonly url: string;
  /** Sent as `headerName: secret` when both are given (a shared secret the receiver checks). */
  readonly headerName?: string | undefined;
  readonly secret?: string | undefined;
  readonly attempts: number;
  readonly backoffMs: number;
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** An installation's name in the payload (`source`). */
  readonly source: string;
}

export interface AlertPayload {
  readonly source: string;
  readonly event: 'raised' | 'resolved';
  readonly kind: string;
  readonly subject: string;
  readonly message: string;
  readonly alertId: number;
  readonly raisedAt: string;
  readonly resolvedAt: string | null;
  readonly sentAt: string;
}

export class AlertWebhook {
  readonly #options: AlertWebhookOptions;
  #chain: Promise<void> = Promise.resolve();
  readonly #stopping = new AbortController();

  constructor(options: AlertWebhookOptions) {
    this.#options = options;
  }

  notify(event: AlertEvent): void {
    this.#chain = this.#chain.then(() => this.#deliver(event));
  }

  /** Resolves once everything queued so far was sent or given up. */
  idle(): Promise<void> {
    return this.#chain;
  }

  /** Stops retrying (at shutdown); what is queued is dropped. */
  stop(): void {
    this.#stopping.abort();
  }

  async #deliver({ event, alert }: AlertEvent): Promise<void> {
    const { url, attempts, backoffMs, timeoutMs, logger } = this.#options;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.#options.headerName && this.#options.secret)
      headers[this.#options.headerName] = this.#options.secret;
    for (let attempt = 1; attempt <= attempts && !this.#stopping.signal.aborted; attempt += 1) {
      const payload: AlertPayload = {
        source: this.#options.source,
        event,
        kind: alert.kind,
        subject: alert.subject,
        message: alert.message,
        alertId: alert.id,
        raisedAt: alert.raisedAt,
        resolvedAt: alert.resolvedAt ?? null,
        sentAt: new Date().toISOString(),
      };
      let problem: string;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(payload),
          signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), this.#stopping.signal]),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) {
          logger.info({ code: alert.kind, alert: alert.id, event, attempt }, 'alert webhook sent');
          return;
        }
        problem = `HTTP ${response.status}`;
      } catch (error) {
        problem = (error as Error).message;
      }
      logger.warn(
        { code: alert.kind, alert: alert.id, event, attempt, problem },
        'alert webhook failed',
      );
      if (attempt < attempts)
        await sleep(backoffMs * 2 ** (attempt - 1), undefined, {
          signal: this.#stopping.signal,
        }).catch(() => undefined);
    }
    logger.error({ code: alert.kind, alert: alert.id, event }, 'alert webhook given up');
  }
}
