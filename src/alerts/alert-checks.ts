/**
 * One round of alert checks: late expected batches, dead letters, flows not acknowledged in
 * time, low disk. A plain function of its sources and the time, run by `AlertScheduler` (or
 * by whatever makes sure only one process runs it). Each raised or resolved alert is logged
 * and handed to `notify` (the webhook), which must not block.
 */
import type { Logger } from '../logging/index.js';
import type { AlertKind } from './alert-kinds.js';
import type { Alert, AlertStore } from './alert-store.js';
import { lateBatchOf } from './batch-schedule.js';
import type { ExpectedBatch } from './expected-batch-store.js';

export interface AlertEvent {
  readonly event: 'raised' | 'resolved';
  readonly alert: Alert;
}

export interface AlertCheckDeps {
  readonly alerts: AlertStore;
  readonly expectedBatches: () => readonly ExpectedBatch[];
  /** Did `account` drop a flow at or after `since`? */
  readonly hasFlowSince: (account: string, since: Date) => boolean;
  /** Open flows received before `before`: how many (bounded) and the oldest. */
  readonly unacknowledgedBefore: (before: Date) => {
    readonly count: number;
    readonly oldestId: string | undefined;
  };
  readonly deadLetters: () => Promise<number>;
  /** Free bytes of the data folder's file system; undefined when unknown. */
  readonly freeDiskBytes: () => number | undefined;
  readonly unacknowledgedAfterMinutes: number;
  readonly minFreeDiskBytes: number;
  readonly logger: Logger;
  readonly notify?: ((event: AlertEvent) => void) | undefined;
}

export interface AlertCheckResult {
  readonly raised: readonly Alert[];
  readonly resolved: readonly Alert[];
}

const MB = 1024 * 1024;

export async function runAlertChecks(deps: AlertCheckDeps, now: Date): Promise<AlertCheckResult> {
  const raised: Alert[] = [];
  const resolved: Alert[] = [];
  const { alerts, logger } = deps;
  const set = (kind: AlertKind, subject: string, message: string | undefined) => {
    if (message === undefined) {
      const done = alerts.resolve(kind, subject, now);
      if (done) resolved.push(done);
    } else {
      const made = alerts.raise(kind, subject, message, now);
      if (made) raised.push(made);
    }
  };
  const guarded = async (kind: AlertKind, check: () => void | Promise<void>) => {
    try {
      await check();
    } catch (error) {
      logger.error({ err: error, alert: kind }, 'alert check failed');
    }
  };

  await guarded('BATCH_LATE', () => {
    const late = new Set<string>();
    for (const expected of deps.expectedBatches()) {
      const subject = `${expected.account}#${expected.id}`;
      const missed = lateBatchOf(expected, now, (since) =>
        deps.hasFlowSince(expected.account, since),
      );
      if (missed) {
        late.add(subject);
        set(
          'BATCH_LATE',
          subject,
          `no batch from ${expected.account} before ${missed.deadline.toISOString()} (due ${expected.days.join(',')} before ${expected.before} ${expected.timeZone})`,
        );
      }
    }
    // Late ones that are no longer late (a batch came, or the expectation was removed).
    resolved.push(...alerts.resolveAllBut('BATCH_LATE', late, now));
  });
  await guarded('DEAD_LETTERS', async () => {
    const count = await deps.deadLetters();
    set(
      'DEAD_LETTERS',
      'queues',
      count > 0
        ? `${count} dead letter${count === 1 ? ' waits' : 's wait'} for an operator`
        : undefined,
    );
  });
  await guarded('FLOW_NOT_ACKNOWLEDGED', () => {
    const before = new Date(now.getTime() - deps.unacknowledgedAfterMinutes * 60_000);
    const open = deps.unacknowledgedBefore(before);
    set(
      'FLOW_NOT_ACKNOWLEDGED',
      'flows',
      open.count > 0
        ? `${open.count} flow(s) received more than ${deps.unacknowledgedAfterMinutes} min ago not acknowledged; oldest ${open.oldestId ?? '?'}`
        : undefined,
    );
  });
  await guarded('DISK_LOW', () => {
    const free = deps.freeDiskBytes();
    if (free === undefined) return;
    set(
      'DISK_LOW',
      'data',
      free < deps.minFreeDiskBytes
        ? `${Math.floor(free / MB)} MiB free in the data folder, below ${Math.floor(deps.minFreeDiskBytes / MB)} MiB`
        : undefined,
    );
  });

  for (const alert of raised) {
    logger.warn(
      { code: alert.kind, alert: alert.id, subject: alert.subject },
      `alert raised: ${alert.message}`,
    );
    deps.notify?.({ event: 'raised', alert });
  }
  for (const alert of resolved) {
    logger.info(
      { code: alert.kind, alert: alert.id, subject: alert.subject },
      `alert resolved: ${alert.message}`,
    );
    deps.notify?.({ event: 'resolved', alert });
  }
  return { raised, resolved };
}
