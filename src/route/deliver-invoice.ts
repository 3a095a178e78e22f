/**
 * Stage: deliver one routed invoice.
 * Input: the invoice record and its recipient account home. Output: in `<home>/inbox/`, the
 * original bytes as `<invoiceId>.<ext>` and then `<invoiceId>.meta.json`. Both are published
 * atomically and durably under fixed names, so a retried delivery rewrites the same files; the metadata
 * file appears last and so tells the entity the pair is complete. The same two files are what a
 * push delivery sends to an entity's own server (docs/push-delivery.md).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { publishFilesDurable } from '../files/index.js';
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

/** `<invoiceId>.xml` or `<invoiceId>.pdf`: the delivered invoice's name, in `inbox/` or pushed. */
export function deliveredNameOf(invoice: InvoiceRecord): string {
  return `${invoice.id}.${extensionOf(invoice.syntax)}`;
}

/** The `<invoiceId>.meta.json` text delivered beside the invoice. */
export function deliveryMetadataOf(
  flow: FlowRecord,
  invoice: InvoiceRecord,
  buyerSiret: string,
): string {
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
  return `${JSON.stringify(metadata, null, 2)}\n`;
}

/** The two files of a delivery, as pushed to an entity's server: the invoice, then its metadata. */
export async function deliveryFilesOf(
  flow: FlowRecord,
  invoice: InvoiceRecord,
  buyerSiret: string,
): Promise<{ readonly name: string; readonly data: Buffer }[]> {
  return [
    { name: deliveredNameOf(invoice), data: await readFile(invoice.sourcePath) },
    {
      name: `${invoice.id}.meta.json`,
      data: Buffer.from(deliveryMetadataOf(flow, invoice, buyerSiret)),
    },
  ];
}

export async function deliverInvoice(
  inboxDir: string,
  flow: FlowRecord,
  invoice: InvoiceRecord,
  buyerSiret: string,
): Promise<string> {
  const invoicePath = path.join(inboxDir, deliveredNameOf(invoice));
  // A single-invoice file is its archived original, already durable: a hard link delivers it
  // without writing its bytes again. A batch entry was extracted without fsync: written anew.
  await publishFilesDurable(inboxDir, [
    invoice.sourcePath === flow.archivePath
      ? { file: invoicePath, linkFrom: flow.archivePath }
      : { file: invoicePath, data: await readFile(invoice.sourcePath) },
    {
      file: path.join(inboxDir, `${invoice.id}.meta.json`),
      data: deliveryMetadataOf(flow, invoice, buyerSiret),
    },
  ]);
  return invoicePath;
}
