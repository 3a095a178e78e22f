/**
 * Stage: write the status files of one feed entry.
 * Input: an account and a sequence number of its feed. Output: `STATUS_<seq>_<invoiceId>.xml`
 * (`.cdar.xml`, `.cppstatut.xml`; `STATUS_<seq>_FLUX_<flowId>.cppstatut.xml` for the CPP Statut
 * flow status of a deposited file) in the account's `out/`, written atomically under a fixed name from the
 * registry alone, then marked written. Rewriting gives the same bytes, so a retried job or a
 * replay is harmless.
 */
import path from 'node:path';
import { writeFileDurable } from '../files/index.js';
import type { StatusFeedRecord } from '../registry/index.js';
import {
  renderCppFlowStatus,
  renderCppInvoiceStatus,
  renderStatusCdar,
  renderStatusXml,
} from '../status/index.js';
import { flowStatusOf } from './flow-status-of.js';
import type { LifecycleDeps } from './lifecycle-deps.js';
import { notificationOf } from './notification-of.js';

/** The bytes of one feed row's file, from the registry alone; undefined when it cannot describe it. */
export function renderStatusFile(deps: LifecycleDeps, feed: StatusFeedRecord): string | undefined {
  if (feed.flowId !== undefined) {
    const status = flowStatusOf(deps, feed);
    return status === undefined ? undefined : renderCppFlowStatus(status);
  }
  const notification = notificationOf(deps, feed);
  if (!notification) return undefined;
  if (feed.format === 'cdar') return renderStatusCdar(notification);
  if (feed.format === 'cppstatut') return renderCppInvoiceStatus(notification);
  return renderStatusXml(notification);
}

/**
 * Writes one feed row's file; returns its path, or undefined when the registry cannot describe
 * it. For an account that receives by push, the file is then owed to its server too.
 */
export async function writeStatusFile(
  deps: LifecycleDeps,
  feed: StatusFeedRecord,
): Promise<string | undefined> {
  const content = renderStatusFile(deps, feed);
  if (content === undefined) return undefined;
  const file = path.join(deps.accounts.homeOf(feed.account), 'out', feed.fileName);
  await writeFileDurable(file, content);
  const isPushOwed = deps.accounts.get(feed.account)?.push !== undefined;
  deps.registry.markFeedWritten(feed.account, feed.seq, feed.format, isPushOwed);
  return file;
}

/** Writes every file of `account`'s feed entry `seq` still unwritten (all of them with `force`). */
export async function writeStatusFeedEntry(
  deps: LifecycleDeps,
  account: string,
  seq: number,
  force = false,
): Promise<string[]> {
  const rows = deps.registry
    .getStatusFeedEntry(account, seq)
    .filter((row) => force || !row.isWritten);
  const written: string[] = [];
  for (const row of rows) {
    const file = await writeStatusFile(deps, row);
    if (file !== undefined) written.push(file);
  }
  return written;
}
