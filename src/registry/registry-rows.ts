import type { PushState } from './push-records.js';
/** Rows of the flows and invoices tables, and the records they map to. */
import type { ValidationIssue } from '../errors/index.js';
import type { InvoiceStatus } from '../status/index.js';
import type {
  AckState,
  FlowKind,
  FlowRecord,
  FlowState,
  InvoiceRecord,
  InvoiceState,
} from './records.js';

export interface FlowRow {
  id: string;
  account: string;
  file_name: string;
  sha256: string;
  size_bytes: number;
  archive_path: string;
  received_at: string;
  state: FlowState;
  syntax: string | null;
  issues: string;
  ack_state: AckState | null;
  ack_at: string | null;
  updated_at: string;
  kind: FlowKind | null;
}

export interface InvoiceRow {
  id: string;
  flow_id: string;
  seq: number;
  syntax: string | null;
  source_name: string;
  source_path: string;
  sha256: string;
  number: string | null;
  issue_date: string | null;
  buyer_siret: string | null;
  service_code: string | null;
  commitment_number: string | null;
  seller_id: string | null;
  seller_name: string | null;
  state: InvoiceState;
  recipient_siret: string | null;
  recipient_account: string | null;
  delivered_path: string | null;
  status: InvoiceStatus | null;
  recycled_from: string | null;
  push_state: PushState | null;
  issues: string;
  updated_at: string;
}

const orUndefined = <T>(value: T | null): T | undefined => value ?? undefined;

export function toFlow(row: FlowRow): FlowRecord {
  return {
    id: row.id,
    account: row.account,
    fileName: row.file_name,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    archivePath: row.archive_path,
    receivedAt: row.received_at,
    state: row.state,
    syntax: orUndefined(row.syntax),
    issues: JSON.parse(row.issues) as ValidationIssue[],
    ackState: orUndefined(row.ack_state),
    ackAt: orUndefined(row.ack_at),
    updatedAt: row.updated_at,
    kind: orUndefined(row.kind),
  };
}

export function toInvoice(row: InvoiceRow): InvoiceRecord {
  return {
    id: row.id,
    flowId: row.flow_id,
    seq: row.seq,
    syntax: orUndefined(row.syntax),
    sourceName: row.source_name,
    sourcePath: row.source_path,
    sha256: row.sha256,
    keys: {
      number: orUndefined(row.number),
      issueDate: orUndefined(row.issue_date),
      buyerSiret: orUndefined(row.buyer_siret),
      serviceCode: orUndefined(row.service_code),
      commitmentNumber: orUndefined(row.commitment_number),
      sellerId: orUndefined(row.seller_id),
      sellerName: orUndefined(row.seller_name),
    },
    state: row.state,
    recipientSiret: orUndefined(row.recipient_siret),
    recipientAccount: orUndefined(row.recipient_account),
    deliveredPath: orUndefined(row.delivered_path),
    status: orUndefined(row.status),
    recycledFrom: orUndefined(row.recycled_from),
    pushState: orUndefined(row.push_state),
    issues: JSON.parse(row.issues) as ValidationIssue[],
    updatedAt: row.updated_at,
  };
}
