import type { FlowRecord, InvoiceRecord, InvoiceState } from '../../src/registry/index.js';

/** Registry records of a flow and its invoices, as the ack stage reads them. */
export function flowRecord(overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    id: '20261124-0123456789abcdef',
    account: 'acme',
    fileName: 'batch.zip',
    sha256: 'c'.repeat(64),
    sizeBytes: 4096,
    archivePath: '/data/archive/2026/11/24/20261124-0123456789abcdef',
    receivedAt: '2026-11-24T06:00:00.000Z',
    state: 'PROCESSING',
    syntax: 'archive',
    issues: [],
    ackState: undefined,
    ackAt: undefined,
    updatedAt: '2026-11-24T06:00:01.000Z',
    kind: 'invoices',
    ...overrides,
  };
}

export function invoiceRecord(
  seq: number,
  state: InvoiceState,
  overrides: Partial<InvoiceRecord> = {},
): InvoiceRecord {
  return {
    id: `20261124-0123456789abcdef-${String(seq).padStart(4, '0')}`,
    flowId: '20261124-0123456789abcdef',
    seq,
    syntax: 'ubl-invoice',
    sourceName: `invoice-${seq}.xml`,
    sourcePath: `/data/archive/x/invoice-${seq}.xml`,
    sha256: 'd'.repeat(64),
    status: undefined,
    recycledFrom: undefined,
    keys: {
      number: `F-${seq}`,
      issueDate: '2026-11-20',
      buyerSiret: '11000201100044',
      serviceCode: 'SERV-COMPTA',
      commitmentNumber: undefined,
    },
    state,
    recipientSiret: undefined,
    recipientAccount: undefined,
    deliveredPath: undefined,
    issues: [],
    updatedAt: `2026-11-24T06:0${seq % 10}:00.000Z`,
    ...overrides,
  };
}
