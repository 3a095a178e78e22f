/**
 * An owed push replaced by a delivery to the entity's SFTP home: the invoice and its metadata
 * in `inbox/`, as for an entity without push (MISE_A_DISPOSITION then follows); a status file,
 * already in `out/`, is no longer owed. Used by the push stage when the target was removed and
 * by `passerelle queue reroute` for dead letters. Idempotent.
 */
import { recordPlatformStatuses, writeStatusFile } from '../lifecycle/index.js';
import type { FeedKey, StatusFeedRecord } from '../registry/index.js';
import { deliverInvoice } from '../route/index.js';
import { flowOf } from './flow-of.js';
import type { PipelineDeps } from './pipeline-deps.js';

type RerouteDeps = Pick<PipelineDeps, 'registry' | 'accounts' | 'directory' | 'logger'>;

export type RerouteResult = 'rerouted' | 'not-owed';

/** Returns the feed rows of the statuses it recorded (their files are written already, or left to the reconciler). */
export async function rerouteInvoice(
  deps: RerouteDeps,
  invoiceId: string,
): Promise<{ readonly result: RerouteResult; readonly feed: StatusFeedRecord[] }> {
  const invoice = deps.registry.getInvoice(invoiceId);
  if (
    !invoice ||
    invoice.pushState !== 'PENDING' ||
    invoice.recipientAccount === undefined ||
    invoice.recipientSiret === undefined
  )
    return { result: 'not-owed', feed: [] };
  const flow = flowOf(deps, invoice.flowId);
  const inbox = deps.accounts.folderOf(invoice.recipientAccount, 'inbox');
  const deliveredPath = await deliverInvoice(inbox, flow, invoice, invoice.recipientSiret);
  deps.registry.markInvoicePushed(invoice.id, 'REROUTED', deliveredPath);
  deps.logger.info(
    { flowId: flow.id, invoiceId, partner: invoice.recipientAccount, deliveredPath },
    'push rerouted: invoice delivered to the inbox',
  );
  return { result: 'rerouted', feed: recordPlatformStatuses(deps, invoiceId) };
}

/** A status file no longer owed to the server: its copy in `out/` is the delivery. */
export function rerouteStatusFile(deps: RerouteDeps, key: FeedKey): RerouteResult {
  return deps.registry.markFeedPushed(key, 'REROUTED') ? 'rerouted' : 'not-owed';
}

/** Writes the status files of rerouted invoices at once (outside the pipeline: the CLI). */
export async function writeFeedFiles(
  deps: RerouteDeps,
  feed: readonly StatusFeedRecord[],
): Promise<void> {
  for (const row of feed) await writeStatusFile(deps, row);
}
