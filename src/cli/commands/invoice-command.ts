/** `passerelle invoice show`: where an invoice is, who received it, what happened to it. */
import type { Command } from 'commander';
import { describeInvoice, findInvoiceIds, type InvoiceView } from '../../ops/index.js';
import { CliExit, readStores } from '../cli-context.js';
import { siretOption, writeJson, writeLine } from '../output.js';

function printView(view: InvoiceView): void {
  const { invoice, flow } = view;
  const keys = invoice.keys;
  writeLine(`invoice ${invoice.id}`);
  writeLine(`  number      ${keys.number ?? '-'}  issued ${keys.issueDate ?? '-'}`);
  writeLine(
    `  supplier    ${flow?.account ?? '-'} (SIRET ${view.supplierSiret ?? '-'})  seller ${keys.sellerName ?? '-'}`,
  );
  writeLine(
    `  buyer       SIRET ${keys.buyerSiret ?? '-'}  service ${keys.serviceCode ?? '-'}  commitment ${keys.commitmentNumber ?? '-'}`,
  );
  writeLine(`  state       ${invoice.state}  lifecycle ${invoice.status ?? '-'}`);
  writeLine(
    `  recipient   ${invoice.recipientAccount ?? '-'} (SIRET ${invoice.recipientSiret ?? '-'}${view.recipientName === undefined ? '' : `, ${view.recipientName}`})`,
  );
  if (flow)
    writeLine(
      `  flow        ${flow.id}  ${flow.fileName}  received ${flow.receivedAt}  ${flow.state}  ack ${flow.ackState ?? '-'}${flow.ackAt === undefined ? '' : ` at ${flow.ackAt}`}`,
    );
  writeLine(`  source      ${invoice.sourceName} (sha256 ${invoice.sha256})`);
  const push = {
    PENDING: ' (push owed: see passerelle queue retrying|failed)',
    PUSHED: ' (pushed)',
    REROUTED: ' (push rerouted to inbox/)',
  } as const;
  writeLine(
    `  delivered   ${invoice.deliveredPath ?? '-'}${invoice.pushState === undefined ? '' : push[invoice.pushState]}`,
  );
  if (invoice.recycledFrom !== undefined) writeLine(`  recycles    ${invoice.recycledFrom}`);
  for (const issue of invoice.issues)
    writeLine(
      `  issue       ${issue.severity} ${issue.code}: ${issue.message}${issue.xpath === undefined ? '' : ` [${issue.xpath}]`}`,
    );
  writeLine('  history');
  if (view.history.length === 0) writeLine('    (no status yet)');
  for (const entry of view.history)
    writeLine(
      `    ${entry.changedAt}\t${entry.previous ?? '-'} -> ${entry.status}\t${entry.reformCode}\t${entry.actor}${entry.actorAccount === undefined ? '' : `:${entry.actorAccount}`}\t${entry.reason ?? ''}`,
    );
  writeLine('  status files');
  if (view.statusFiles.length === 0) writeLine('    (none)');
  for (const file of view.statusFiles)
    writeLine(
      `    ${file.account}\tseq ${file.seq}\t${file.format}\t${file.fileName}\t${file.isWritten ? 'written' : 'pending'}`,
    );
  if (view.downloads !== undefined) {
    writeLine('  downloads');
    if (view.downloads.length === 0) writeLine('    (not downloaded yet)');
    for (const download of view.downloads)
      writeLine(`    ${download.at}\t${download.account}\t${download.path}`);
  }
}

export function registerInvoiceCommand(program: Command): void {
  const invoice = program.command('invoice').description('look up invoices');
  invoice
    .command('show <reference>')
    .description('an invoice by id or by number: flow, recipient, status history, deliveries')
    .option('--supplier <siret>', 'only invoices of the supplier with this SIRET', siretOption)
    .option('--json', 'print JSON')
    .action(
      (reference: string, options: { supplier?: string; json?: boolean }, command: Command) => {
        const stores = readStores(command);
        try {
          const views = findInvoiceIds(stores, reference, options.supplier)
            .map((id) => describeInvoice(stores, id))
            .filter((view): view is InvoiceView => view !== undefined);
          if (options.json) {
            writeJson(views);
          } else {
            views.forEach((view, index) => {
              if (index > 0) writeLine();
              printView(view);
            });
          }
          if (views.length === 0)
            throw new CliExit(
              1,
              `no invoice with id or number ${reference}${options.supplier === undefined ? '' : ` from supplier ${options.supplier}`}`,
            );
        } finally {
          stores.db.close();
        }
      },
    );
}
