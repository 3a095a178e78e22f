/**
 * The statuses the gateway sets itself once an invoice is settled at deposit:
 * DELIVERED → DEPOSEE then MISE_A_DISPOSITION (for a push delivery, once the push is
 * confirmed: docs/push-delivery.md); REJECTED → REJETEE (reform code 213). A
 * delivered recycle goes A_RECYCLER → DEPOSEE (in the supplier's name) → MISE_A_DISPOSITION.
 * Idempotent: it moves the invoice only as far as its recorded status still needs, so the
 * route and ack stages may both call it (a crash between settling and the statuses is then
 * caught up by the ack job the reconciler re-creates).
 */
import { isFatal } from '../errors/index.js';
import type { InvoiceRecord, StatusFeedRecord } from '../registry/index.js';
import { changeStatus } from './change-status.js';
import type { LifecycleDeps } from './lifecycle-deps.js';
import { isNotifiable } from './notification-of.js';

const MAX_REASON_CODES = 20;

/** The reason of a rejection at deposit: the fatal codes of the deposit acknowledgement. */
function rejectionReason(invoice: InvoiceRecord): string {
  const codes = [...new Set(invoice.issues.filter(isFatal).map((issue) => issue.code))];
  const listed = codes.slice(0, MAX_REASON_CODES).join(', ');
  return `Rejected at deposit: ${listed === '' ? 'see the acknowledgement' : listed}.`;
}

/** Returns the feed rows it created (their files are still to write). */
export function recordPlatformStatuses(
  deps: LifecycleDeps,
  invoiceId: string,
  now: () => string = () => new Date().toISOString(),
): StatusFeedRecord[] {
  const feed: StatusFeedRecord[] = [];
  for (;;) {
    const invoice = deps.registry.getInvoice(invoiceId);
    if (!invoice) return feed;
    const next = nextPlatformStatus(deps, invoice);
    if (next === undefined) return feed;
    const result = changeStatus(deps, {
      invoiceId,
      to: next,
      // Redepositing a recycled invoice is the supplier's move (docs/lifecycle.md).
      actor: invoice.status === 'A_RECYCLER' ? 'supplier' : 'platform',
      reason: next === 'REJETEE' ? rejectionReason(invoice) : undefined,
      changedAt: now(),
    });
    if (!result.ok) return feed;
    feed.push(...result.recorded.feed);
  }
}

function nextPlatformStatus(
  deps: LifecycleDeps,
  invoice: InvoiceRecord,
): 'DEPOSEE' | 'MISE_A_DISPOSITION' | 'REJETEE' | undefined {
  if (invoice.state === 'DELIVERED') {
    if (invoice.status === undefined || invoice.status === 'A_RECYCLER') return 'DEPOSEE';
    // Pushed to the entity's own server: made available once the push is confirmed.
    if (invoice.status === 'DEPOSEE')
      return invoice.pushState === 'PENDING' ? undefined : 'MISE_A_DISPOSITION';
    return undefined;
  }
  if (invoice.state === 'REJECTED' && invoice.status === undefined && isNotifiable(deps, invoice)) {
    return 'REJETEE';
  }
  return undefined;
}
