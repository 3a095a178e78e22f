/**
 * Stage: write the status files of one feed entry.
 * Input: an account and a sequence number of its feed. Output: `STATUS_<seq>_<invoiceId>.xml`
 * (or `.cdar.xml`) in the account's `out/`, written atomically under a fixed name from the
 * registry alone, then marked written. Rewriting gives the same bytes, so a retried job or a
 * replay is harmless.
 */
import path from 'node:path';
import { writeFileDurable } from '../files/index.js';
import type { StatusFeedRecord } from '../registry/index.js';
import { renderStatusCdar, renderStatusXml } from '../status/index.js';
import type { LifecycleDeps } from './lifecycle-deps.js';
import { notificationOf } from './notification-of.js';

/** Writes one feed row's file; returns its path, or undefined when the registry cannot describe it. */
export async function writeStatusFile(
  deps: LifecycleDeps,
  feed: StatusFeedRecord,
): Promise<string | undefined> {
  const notification = await notificationOf(deps, feed);
  if (!notification) return undefined;
  const content =
    feed.format === 'cdar' ? renderStatusCdar(notification) : renderStatusXml(notification);
  const file = path.join(deps.accounts.homeOf(feed.account), 'out', feed.fileName);
  await writeFileDurable(file, content);
  await deps.registry.markFeedWritten(feed.account, feed.seq, feed.format);
  return file;
}

/** Writes every file of `account`'s feed entry `seq` still unwritten (all of them with `force`). */
export async function writeStatusFeedEntry(
  deps: LifecycleDeps,
  account: string,
  seq: number,
  force = false,
): Promise<string[]> {
  const rows = (await deps.registry.getStatusFeedEntry(account, seq)).filter(
    (row) => force || !row.isWritten,
  );
  const written: string[] = [];
  for (const row of rows) {
    const file = await writeStatusFile(deps, row);
    if (file !== undefined) written.push(file);
  }
  return written;
}
