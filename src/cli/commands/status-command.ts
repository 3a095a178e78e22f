/**
 * `passerelle status set|history|feed`: the operator's view on the invoice lifecycle. Changes
 * go through the same checks and registry transaction as the gateway's; the status files are
 * written here at once (the gateway's reconciler would write any the command failed to).
 */
import type { Command } from 'commander';
import { changeStatus, writeStatusFeedEntry } from '../../lifecycle/index.js';
import { describeInvoice, findInvoiceIds } from '../../ops/index.js';
import { CliExit, readStores } from '../cli-context.js';
import { operatorName } from '../operator-name.js';
import { wholeNumber, writeJson, writeLine } from '../output.js';

const storesFor = readStores;

export function registerStatusCommand(program: Command): void {
  const status = program
    .command('status')
    .description('invoice lifecycle: set a status, show the history, replay status files');
  status
    .command('set <invoiceId> <status>')
    .description('set a status as operator (docs/lifecycle.md lists what an operator may set)')
    .option('--reason <text>', 'why (mandatory for SUSPENDUE, REJETEE, A_RECYCLER)')
    .option('--reason-code <code>', 'a reason code, A-Z 0-9 _')
    .option('--operator <name>', "name recorded with the change (default: the system user's)")
    .action(
      async (
        invoiceId: string,
        next: string,
        options: { reason?: string; reasonCode?: string; operator?: string },
        command: Command,
      ) => {
        const stores = storesFor(command);
        try {
          const result = changeStatus(stores, {
            invoiceId,
            to: next,
            actor: 'operator',
            actorAccount: options.operator ?? operatorName(),
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
    .command('history <reference>')
    .description('every status of an invoice (by id or number), oldest first')
    .option('--json', 'print JSON')
    .action((reference: string, options: { json?: boolean }, command: Command) => {
      const stores = storesFor(command);
      try {
        const ids = findInvoiceIds(stores, reference);
        if (ids.length > 1)
          throw new CliExit(
            1,
            `${ids.length} invoices carry number ${reference}: use passerelle invoice show ${reference} (--supplier SIRET) to pick one by id`,
          );
        const view = ids[0] === undefined ? undefined : describeInvoice(stores, ids[0]);
        if (!view) throw new CliExit(1, `no invoice with id or number ${reference}`);
        if (options.json) {
          writeJson(view.history);
          return;
        }
        for (const entry of view.history)
          writeLine(
            `${entry.changedAt}\t${entry.invoiceId}\t${entry.previous ?? '-'}\t${entry.status}\t${entry.reformCode}\t${entry.actor}${entry.actorAccount === undefined ? '' : `:${entry.actorAccount}`}\t${entry.reason ?? ''}`,
          );
      } finally {
        stores.db.close();
      }
    });
  status
    .command('feed <account>')
    .description(
      "rewrite the account's status files after a sequence number into its out/, and list them",
    )
    .option(
      '--since <seq>',
      'sequence number already received (0: all)',
      wholeNumber(0, Number.MAX_SAFE_INTEGER),
      0,
    )
    .action(async (account: string, options: { since: number }, command: Command) => {
      const since = options.since;
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
