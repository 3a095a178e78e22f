/**
 * Stage push (docs/push-delivery.md). Input: an invoice owed to its entity's own server, or one
 * status file of such an entity's feed. Output: the files on the entity's server (written as
 * `<name>.part`, renamed to `<name>`; the invoice, then its `.meta.json`), the push recorded,
 * then for an invoice MISE_A_DISPOSITION and its status files. Idempotent: a re-run finds what
 * an earlier attempt put there (push-files.ts) and what the registry recorded.
 * Codes: PUSH_UNREACHABLE and PUSH_REMOTE_ERROR (retried with backoff), PUSH_AUTH_FAILED,
 * PUSH_HOST_KEY_MISMATCH and PUSH_KEY_UNAVAILABLE (dead letters at once).
 */
import { pushTargetUrl, type PushTarget } from '../accounts/index.js';
import { PasserelleError } from '../errors/index.js';
import { recordPlatformStatuses, renderStatusFile } from '../lifecycle/index.js';
import type { FeedKey } from '../registry/index.js';
import { deliveredNameOf, deliveryFilesOf } from '../route/index.js';
import { pushFiles, type PushedFile, type PushFile } from '../sftp/index.js';
import { writeFeedNow } from './feed-writer.js';
import { flowOf } from './flow-of.js';
import type { Enqueuer } from './flow-step.js';
import type { PushJob } from './job-types.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { rerouteInvoice, rerouteStatusFile } from './reroute-push.js';

async function pushTo(
  deps: PipelineDeps,
  login: string,
  target: PushTarget,
  files: readonly PushFile[],
): Promise<PushedFile[]> {
  const push = deps.push;
  if (!push) throw new PasserelleError('INTERNAL', 'push delivery is not set up in this process');
  const key = `${login}\n${JSON.stringify(target)}`;
  const connection = await push.connections.get(key, () => ({
    host: target.host,
    port: target.port,
    user: target.user,
    hostKeySha256: target.hostKeySha256,
    privateKey: push.privateKeyOf(target),
    connectTimeoutMs: push.connectTimeoutMs,
  }));
  try {
    return await pushFiles(connection, target.remoteDir, files);
  } catch (error) {
    await push.connections.drop(key, connection);
    throw error;
  }
}

async function pushInvoice(deps: PipelineDeps, enqueue: Enqueuer, invoiceId: string) {
  const invoice = deps.registry.getInvoice(invoiceId);
  if (!invoice || invoice.pushState === undefined) return;
  const log = { flowId: invoice.flowId, invoiceId, partner: invoice.recipientAccount };
  if (invoice.pushState === 'PENDING') {
    const account =
      invoice.recipientAccount === undefined
        ? undefined
        : deps.accounts.get(invoice.recipientAccount);
    if (account?.push === undefined || invoice.recipientSiret === undefined) {
      deps.logger.warn(log, 'push target removed since routing: delivering to the inbox');
      await rerouteInvoice(deps, invoiceId);
      deps.observer?.pushSettled?.('invoice', 'rerouted');
    } else {
      const flow = flowOf(deps, invoice.flowId);
      const files = await deliveryFilesOf(flow, invoice, invoice.recipientSiret);
      const pushed = await pushTo(deps, account.login, account.push, files);
      deps.registry.markInvoicePushed(
        invoiceId,
        'PUSHED',
        pushTargetUrl(account.push, deliveredNameOf(invoice)),
      );
      deps.observer?.pushSettled?.('invoice', 'pushed');
      deps.logger.info(
        { ...log, target: pushTargetUrl(account.push), wasThere: pushed.some((f) => f.wasThere) },
        'invoice pushed',
      );
    }
  }
  // Also after a crash between the record and the statuses: they are caught up here.
  await writeFeedNow(deps, enqueue, recordPlatformStatuses(deps, invoiceId));
}

async function pushStatusFile(deps: PipelineDeps, key: FeedKey) {
  const row = deps.registry
    .getStatusFeedEntry(key.account, key.seq)
    .find((candidate) => candidate.format === key.format);
  if (!row || row.pushState !== 'PENDING') return;
  const log = { partner: key.account, seq: key.seq, format: key.format, file: row.fileName };
  const account = deps.accounts.get(key.account);
  const content = renderStatusFile(deps, row);
  if (account?.push === undefined || content === undefined) {
    rerouteStatusFile(deps, key);
    deps.logger.warn(log, 'status file not pushed (no target, or nothing to render); kept in out/');
    return;
  }
  await pushTo(deps, account.login, account.push, [
    { name: row.fileName, data: Buffer.from(content) },
  ]);
  deps.registry.markFeedPushed(key, 'PUSHED');
  deps.observer?.pushSettled?.('status', 'pushed');
  deps.logger.info(log, 'status file pushed');
}

export async function processPush(
  deps: PipelineDeps,
  enqueue: Enqueuer,
  job: PushJob,
): Promise<void> {
  if ('invoiceId' in job) await pushInvoice(deps, enqueue, job.invoiceId);
  else await pushStatusFile(deps, job);
}

/** The job id of a push: one job per invoice, one per status file (never queued twice). */
export function pushJobIdOf(job: PushJob): string {
  return 'invoiceId' in job
    ? `push-invoice-${job.invoiceId}`
    : `push-status-${job.account}-${job.seq}-${job.format}`;
}
