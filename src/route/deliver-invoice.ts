/**
 * Stage: deliver one routed invoice.
 * Input: the invoice record and its recipient account home. Output: in `<home>/inbox/`, the
 * original bytes as `<invoiceId>.<ext>` and then `<invoiceId>.meta.json`. Both are written
 * atomically under fixed names, so a retried delivery rewrites the same files; the metadata
 * file appears last and so tells the entity the pair is complete.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../ingest/index.js';
import type { FlowRecord, InvoiceRecord } from '../registry/index.js';

export interface DeliveryMetadata {
  readonly invoiceId: string;
  readonly flowId: string;
  readonly supplierAccount: string;
  readonly sourceName: string;
  readonly syntax: string | undefined;
  readonly sha256: string;
  readonly invoiceNumber: string | undefined;
  readonly issueDate: string | undefined;
  readonly buyerSiret: string;
  readonly serviceCode: string | undefined;
  readonly commitmentNumber: string | undefined;
  readonly sellerId: string | undefined;
  readonly sellerName: string | undefined;
  readonly receivedAt: string;
}

function extensionOf(syntax: string | undefined): string {
  return syntax === 'factur-x' ? 'pdf' : 'xml';
}

export async function deliverInvoice(
  inboxDir: string,
  flow: FlowRecord,
  invoice: InvoiceRecord,
  buyerSiret: string,
): Promise<string> {
  const invoicePath = path.join(inboxDir, `${invoice.id}.${extensionOf(invoice.syntax)}`);
  await writeFileAtomic(invoicePath, await readFile(invoice.sourcePath));
  const metadata: DeliveryMetadata = {
    invoiceId: invoice.id,
    flowId: flow.id,
    supplierAccount: flow.account,
    sourceName: invoice.sourceName,
    syntax: invoice.syntax,
    sha256: invoice.sha256,
    invoiceNumber: invoice.keys.number,
    issueDate: invoice.keys.issueDate,
    buyerSiret,
    serviceCode: invoice.keys.serviceCode,
    commitmentNumber: invoice.keys.commitmentNumber,
    sellerId: invoice.keys.sellerId,
    sellerName: invoice.keys.sellerName,
    receivedAt: flow.receivedAt,
  };
  await writeFileAtomic(
    path.join(inboxDir, `${invoice.id}.meta.json`),
    `${JSON.stringify(metadata, null, 2)}\n`,
  );
  return invoicePath;
}
