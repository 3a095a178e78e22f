/**
 * Stage: claim a complete file dropped by a partner.
 * Input: a path in `<home>/in/`. Output: the file moved (never copied, never modified) into
 * the archive and a RECEIVED flow in the registry, exactly once.
 * A claim journal entry is written before the move and removed after the registry write, so
 * a crash at any point is finished by `recoverClaims` at the next start.
 */
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { DataLayout } from '../config/index.js';
import type { FlowRecord, Registry } from '../registry/index.js';
import { makeReadOnly, moveFile, writeFileAtomic } from './durable-fs.js';
import { newFlowId } from './flow-id.js';
import { hashFile } from './hash-file.js';

interface ClaimEntry {
  readonly flowId: string;
  readonly account: string;
  readonly fileName: string;
  readonly archivePath: string;
  readonly receivedAt: string;
}

export interface ClaimContext {
  readonly layout: DataLayout;
  readonly registry: Registry;
}

function archivePathOf(layout: DataLayout, flowId: string, now: Date): string {
  const iso = now.toISOString();
  return path.join(layout.archive, iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10), flowId);
}

async function register(context: ClaimContext, entry: ClaimEntry): Promise<FlowRecord | undefined> {
  const { sha256, sizeBytes } = await hashFile(entry.archivePath);
  await makeReadOnly(entry.archivePath);
  context.registry.createFlow({
    id: entry.flowId,
    account: entry.account,
    fileName: entry.fileName,
    sha256,
    sizeBytes,
    archivePath: entry.archivePath,
    receivedAt: entry.receivedAt,
  });
  return context.registry.getFlow(entry.flowId);
}

/** Claims one file; resolves to undefined when it was gone (claimed by someone else, or removed). */
export async function claimFile(
  context: ClaimContext,
  account: string,
  file: string,
): Promise<FlowRecord | undefined> {
  const now = new Date();
  const flowId = newFlowId(now);
  const entry: ClaimEntry = {
    flowId,
    account,
    fileName: path.basename(file),
    archivePath: archivePathOf(context.layout, flowId, now),
    receivedAt: now.toISOString(),
  };
  const journal = path.join(context.layout.claims, `${flowId}.json`);
  await writeFileAtomic(journal, JSON.stringify(entry));
  try {
    await moveFile(file, entry.archivePath);
  } catch (error) {
    await unlink(journal).catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const flow = await register(context, entry);
  await unlink(journal);
  return flow;
}

async function readJournal(file: string): Promise<ClaimEntry | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ClaimEntry;
  } catch {
    return undefined;
  }
}

/** Finishes the claims a crash interrupted. Returns the flows it registered. */
export async function recoverClaims(context: ClaimContext): Promise<FlowRecord[]> {
  const recovered: FlowRecord[] = [];
  const names = await readdir(context.layout.claims).catch(() => [] as string[]);
  for (const name of names) {
    const journal = path.join(context.layout.claims, name);
    const entry = name.endsWith('.json') ? await readJournal(journal) : undefined;
    if (!entry) {
      // A temporary or torn journal: written before the move, so the file is still in in/.
      await unlink(journal);
      continue;
    }
    if (!context.registry.getFlow(entry.flowId)) {
      const isArchived = await stat(entry.archivePath).then(
        () => true,
        () => false,
      );
      if (isArchived) {
        const flow = await register(context, entry);
        if (flow) recovered.push(flow);
      }
    }
    await unlink(journal);
  }
  return recovered;
}
