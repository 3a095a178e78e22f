/**
 * `passerelle status set|history|feed`: the operator's view on the invoice lifecycle. Changes
 * go through the same checks and registry transaction as the gateway's; the status files are
 * written here at once (the gateway's reconciler would write any the command failed to).
 */
import type { Command } from 'commander';
import { openStores } from '../../app/index.js';
import { dataLayoutOf } from '../../config/index.js';
import { changeStatus, writeStatusFeedEntry } from '../../lifecycle/index.js';
import { CliExit, configFor, type GlobalOptions } from '../cli-context.js';

function storesFor(command: Command) {
  return openStores(dataLayoutOf(configFor(command.optsWithGlobals<GlobalOptions>())));
}

export function registerStatusCommand(program: Command): void {
  const status = program
    .command('status')
    .description('invoice lifecycle: set a status, show the history, replay status files');
  status
    .command('set <invoiceId> <status>')
    .description('set a status as operator (docs/lifecycle.md lists what an operator may set)')
    .option('--reason <text>', 'why (mandatory for SUSPENDUE, REJETEE, A_RECYCLER)')
    .option('--reason-code <code>', 'a reason code, A-Z 0-9 _')
    .action(
      async (
        invoiceId: string,
        next: string,
        options: { reason?: string; reasonCode?: string },
        command: Command,
      ) => {
        const stores = storesFor(command);
        try {
          const result = changeStatus(stores, {
            invoiceId,
            to: next,
            actor: 'operator',
            reason: options.reason,
            reasonCode: options.reasonCode,
            changedAt: new Date().toISOString(),
          });
          if (!result.ok) throw new CliExit(1, `${result.issue.code}: ${result.issue.message}`);
          const { history, feed } = result.recorded;
          process.stdout.write(
            `${invoiceId}\t${history.previous ?? '-'} -> ${history.status}\t${history.reformCode}\n`,
          );
          for (const entry of new Map(
            feed.map((row) => [`${row.account}-${row.seq}`, row]),
          ).values())
            for (const file of await writeStatusFeedEntry(stores, entry.account, entry.seq))
              process.stdout.write(`${file}\n`);
        } finally {
          stores.db.close();
        }
      },
    );
  status
    .command('history <invoiceId>')
    .description('every status of an invoice, oldest first')
    .action((invoiceId: string, _options: unknown, command: Command) => {
      const stores = storesFor(command);
      try {
        const invoice = stores.registry.getInvoice(invoiceId);
        if (!invoice) throw new CliExit(1, `no invoice ${invoiceId}`);
        // A recycle continues the lifecycle of the invoice it replaces: show it from the start.
        const chain = [invoice.id];
        for (
          let from = invoice.recycledFrom;
          from !== undefined && !chain.includes(from);
          from = stores.registry.getInvoice(from)?.recycledFrom
        )
          chain.unshift(from);
        const entries = chain.flatMap((id) => stores.registry.getStatusHistory(id));
        for (const entry of entries) {
          process.stdout.write(
            `${entry.changedAt}\t${entry.invoiceId}\t${entry.previous ?? '-'}\t${entry.status}\t${entry.reformCode}\t${entry.actor}${entry.actorAccount === undefined ? '' : `:${entry.actorAccount}`}\t${entry.reason ?? ''}\n`,
          );
        }
      } finally {
        stores.db.close();
      }
    });
  status
    .command('feed <account>')
    .description(
      "rewrite the account's status files after a sequence number into its out/, and list them",
    )
    .option('--since <seq>', 'sequence number already received (0: all)', '0')
    .action(async (account: string, options: { since: string }, command: Command) => {
      const since = Number(options.since);
      if (!Number.isSafeInteger(since) || since < 0)
        throw new CliExit(2, '--since must be a whole number ≥ 0');
      const stores = storesFor(command);
      try {
        if (!stores.accounts.get(account)) throw new CliExit(1, `no account ${account}`);
        const seqs = [
          ...new Set(stores.registry.listStatusFeed(account, since).map((row) => row.seq)),
        ];
        for (const seq of seqs) {
          for (const file of await writeStatusFeedEntry(stores, account, seq, true))
            process.stdout.write(`${seq}\t${file}\n`);
        }
      } finally {
        stores.db.close();
      }
    });
}
