import { randomBytes } from 'node:crypto';

/** Sortable, unique, safe in file names and job ids: `20261124-5f0c2a9b31d4e7a8`. */
export function newFlowId(now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `${day}-${randomBytes(8).toString('hex')}`;
}

export function invoiceIdOf(flowId: string, seq: number): string {
  return `${flowId}-${String(seq).padStart(4, '0')}`;
}
