/**
 * What a dropped file is, decided once when it is claimed and recorded on the flow: everything
 * an entity drops is a status update file; a supplier's file is one when its content says so
 * (COMPLETEE), otherwise it carries invoices.
 */
import { open } from 'node:fs/promises';
import type { AccountRole } from '../accounts/index.js';
import { isStatusUpdateFile } from '../lifecycle/index.js';
import type { FlowKind, FlowRecord } from '../registry/index.js';

export function flowKindOf(role: AccountRole | undefined, head: Uint8Array): FlowKind {
  return role === 'entity' || isStatusUpdateFile(head) ? 'status-update' : 'invoices';
}

const HEAD_BYTES = 4096;

async function headOf(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The recorded kind; flows recorded before kinds were kept are told from their file. */
export async function kindOfFlow(
  flow: FlowRecord,
  roleOf: (login: string) => Promise<AccountRole | undefined>,
): Promise<FlowKind> {
  if (flow.kind !== undefined) return flow.kind;
  if (flow.state === 'RECEIVED')
    return flowKindOf(await roleOf(flow.account), await headOf(flow.archivePath));
  if ((await roleOf(flow.account)) === 'entity') return 'status-update';
  return flow.syntax?.startsWith('status-') ? 'status-update' : 'invoices';
}
