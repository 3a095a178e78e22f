/**
 * Stage: claim complete files dropped by partners, in batches (group commit).
 * Input: paths in `<home>/in/`. Output: each file moved (never copied, never modified) into
 * the archive and a RECEIVED flow in the registry, exactly once.
 * One claim journal for the whole batch is written before the moves and removed after the
 * registry write, so a crash at any point is finished by `recoverClaims` at the next start.
 * Durability costs a few fsyncs per batch (the journal, each archive folder, one registry
 * commit) instead of five per file.
 */
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { DataLayout } from '../config/index.js';
import { makeReadOnly, moveFileUnsynced, syncDir, writeFileDurable } from '../files/index.js';
import type { FlowKind, FlowRecord, NewFlow, Registry } from '../registry/index.js';
import { newFlowId } from './flow-id.js';
import { hashFile } from './hash-file.js';

const CLAIM_ENTRY = z.object({
  flowId: z.string().min(1),
  account: z.string().min(1),
  fileName: z.string().min(1),
  archivePath: z.string().min(1),
  receivedAt: z.string().min(1),
});
type ClaimEntry = z.infer<typeof CLAIM_ENTRY>;

/** A journal holds a batch of entries, or one entry (journals of older releases). */
const CLAIM_JOURNAL = z.union([
  z.object({ entries: z.array(CLAIM_ENTRY) }).transform((journal) => journal.entries),
  CLAIM_ENTRY.transform((entry) => [entry]),
]);

/** Tells what a file is from its first bytes and its account (decided once, here). */
export type FlowKindOf = (account: string, head: Uint8Array) => Promise<FlowKind>;

export interface ClaimContext {
  readonly layout: DataLayout;
  readonly registry: Registry;
  readonly kindOf: FlowKindOf;
}

export interface ClaimRequest {
  readonly account: string;
  readonly file: string;
}

function archivePathOf(layout: DataLayout, flowId: string, now: Date): string {
  const iso = now.toISOString();
  return path.join(layout.archive, iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10), flowId);
}

/** Hashes and seals archived files, then records their flows in one registry commit. */
async function register(context: ClaimContext, entries: readonly ClaimEntry[]): Promise<void> {
  const flows: NewFlow[] = [];
  for (const entry of entries) {
    const { sha256, sizeBytes, head } = await hashFile(entry.archivePath);
    await makeReadOnly(entry.archivePath);
    flows.push({
      id: entry.flowId,
      account: entry.account,
      fileName: entry.fileName,
      sha256,
      sizeBytes,
      archivePath: entry.archivePath,
      receivedAt: entry.receivedAt,
      kind: await context.kindOf(entry.account, head),
    });
  }
  await context.registry.createFlows(flows);
}

/**
 * Claims a batch of files; resolves to one flow per request, undefined where the file was
 * gone (claimed by someone else, or removed).
 */
export async function claimFiles(
  context: ClaimContext,
  requests: readonly ClaimRequest[],
): Promise<(FlowRecord | undefined)[]> {
  if (requests.length === 0) return [];
  const now = new Date();
  const entries: ClaimEntry[] = requests.map((request) => {
    const flowId = newFlowId(now);
    return {
      flowId,
      account: request.account,
      fileName: path.basename(request.file),
      archivePath: archivePathOf(context.layout, flowId, now),
      receivedAt: now.toISOString(),
    };
  });
  const journal = path.join(context.layout.claims, `${entries[0]?.flowId ?? 'batch'}.json`);
  await writeFileDurable(journal, JSON.stringify({ entries }));
  const moved: ClaimEntry[] = [];
  const outcomes = await Promise.allSettled(
    entries.map(async (entry, index) => {
      await moveFileUnsynced(requests[index]?.file ?? '', entry.archivePath);
      return entry;
    }),
  );
  let failure: Error | undefined;
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') moved.push(outcome.value);
    else if ((outcome.reason as NodeJS.ErrnoException).code !== 'ENOENT')
      failure ??= outcome.reason;
  }
  const folders = new Set(moved.map((entry) => path.dirname(entry.archivePath)));
  await Promise.all([...folders].map((folder) => syncDir(folder)));
  // Files already moved are registered even when another move failed: the journal is kept
  // only while something is left to finish.
  await register(context, moved);
  await unlink(journal);
  if (failure !== undefined) throw failure;
  const flowIds = new Set(moved.map((entry) => entry.flowId));
  return Promise.all(
    entries.map(async (entry) =>
      flowIds.has(entry.flowId) ? context.registry.getFlow(entry.flowId) : undefined,
    ),
  );
}

/** Claims one file; resolves to undefined when it was gone. */
export async function claimFile(
  context: ClaimContext,
  account: string,
  file: string,
): Promise<FlowRecord | undefined> {
  const [flow] = await claimFiles(context, [{ account, file }]);
  return flow;
}

async function readJournal(file: string): Promise<ClaimEntry[] | undefined> {
  try {
    const parsed = CLAIM_JOURNAL.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
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
    const entries = name.endsWith('.json') ? await readJournal(journal) : undefined;
    if (!entries) {
      // A temporary or torn journal: written before the moves, so the files are still in in/.
      await unlink(journal);
      continue;
    }
    const archived: ClaimEntry[] = [];
    for (const entry of entries) {
      if (await context.registry.getFlow(entry.flowId)) continue;
      const isArchived = await stat(entry.archivePath).then(
        () => true,
        () => false,
      );
      if (isArchived) archived.push(entry);
    }
    await register(context, archived);
    for (const entry of archived) {
      const flow = await context.registry.getFlow(entry.flowId);
      if (flow) recovered.push(flow);
    }
    await unlink(journal);
  }
  return recovered;
}
