/**
 * The gateway's alerts: the checks' sources (registry, queues, data folder), the webhook when
 * configured, and the timer that runs them (docs/operations.md, "Alerts").
 */
import { statfsSync } from 'node:fs';
import { hostname } from 'node:os';
import {
  AlertScheduler,
  AlertStore,
  AlertWebhook,
  ExpectedBatchStore,
  type AlertCheckDeps,
} from '../alerts/index.js';
import type { Config } from '../config/index.js';
import type { Logger } from '../logging/index.js';
import { countOpenFlowsBefore, hasFlowSince } from '../ops/index.js';
import type { SqliteDatabase } from '../store/index.js';

export interface FailedCountSource {
  getJobCounts(...states: string[]): Promise<Record<string, number | undefined>>;
}

export interface GatewayAlerts {
  readonly scheduler: AlertScheduler;
  readonly webhook: AlertWebhook | undefined;
}

export function makeAlerts(
  config: Config,
  db: SqliteDatabase,
  queues: Readonly<Record<string, FailedCountSource>>,
  dataDir: string,
  logger: Logger,
): GatewayAlerts {
  const settings = config.alerts;
  const webhook =
    settings.webhook.url === undefined
      ? undefined
      : new AlertWebhook({
          url: settings.webhook.url,
          headerName: settings.webhook.headerName,
          secret: settings.webhook.secret,
          attempts: settings.webhook.attempts,
          backoffMs: settings.webhook.backoffMs,
          timeoutMs: settings.webhook.timeoutMs,
          logger,
          source: `passerelle@${hostname()}`,
        });
  const batches = new ExpectedBatchStore(db);
  const deps: AlertCheckDeps = {
    alerts: new AlertStore(db),
    expectedBatches: () => batches.list(),
    hasFlowSince: (account, since) => hasFlowSince(db, account, since.toISOString()),
    unacknowledgedBefore: (before) => countOpenFlowsBefore(db, before.toISOString()),
    deadLetters: async () => {
      let total = 0;
      for (const queue of Object.values(queues))
        total += (await queue.getJobCounts('failed')).failed ?? 0;
      return total;
    },
    freeDiskBytes: () => {
      const stats = statfsSync(dataDir);
      return stats.bavail * stats.bsize;
    },
    unacknowledgedAfterMinutes: settings.unacknowledgedAfterMinutes,
    minFreeDiskBytes: settings.minFreeDiskBytes,
    logger,
    notify: webhook
      ? (event) => {
          webhook.notify(event);
        }
      : undefined,
  };
  return { scheduler: new AlertScheduler(deps, logger), webhook };
}
