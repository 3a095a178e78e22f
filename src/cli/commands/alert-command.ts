/**
 * `passerelle alert list|expect|expected|unexpect`: the alerts the gateway raised, and the
 * batches operators expect from suppliers (docs/operations.md, "Alerts").
 */
import type { Command } from 'commander';
import {
  AlertStore,
  ExpectedBatchStore,
  isTimeOfDay,
  isTimeZone,
  parseDays,
} from '../../alerts/index.js';
import { OperatorActionStore } from '../../ops/index.js';
import { CliExit, readStores, writeStores } from '../cli-context.js';
import { operatorName } from '../operator-name.js';
import { wholeNumber, writeJson, writeLine, writeRows } from '../output.js';

export function registerAlertCommand(program: Command): void {
  const alert = program
    .command('alert')
    .description(
      'alerts (late batches, dead letters, unacknowledged flows, low disk) and expected batches',
    );
  alert
    .command('list')
    .description('active alerts; with --all the latest ones, resolved included')
    .option('--all', 'resolved alerts too (the latest 100)')
    .option('--json', 'print JSON')
    .action((options: { all?: boolean; json?: boolean }, command: Command) => {
      const stores = readStores(command);
      try {
        const store = new AlertStore(stores.db);
        const alerts = options.all ? store.listRecent(100) : store.listActive();
        if (options.json)
          writeJson(alerts.map((item) => ({ ...item, resolvedAt: item.resolvedAt ?? null })));
        else if (alerts.length === 0) writeLine(options.all ? 'no alerts' : 'no active alerts');
        else
          writeRows(
            alerts.map((item) => [
              item.kind,
              item.raisedAt,
              item.resolvedAt ?? 'active',
              item.subject,
              item.message,
            ]),
          );
      } finally {
        stores.db.close();
      }
    });
  alert
    .command('expect <account>')
    .description("declare when an account's batch is due; a missing batch raises BATCH_LATE")
    .requiredOption('--days <days>', 'mon-fri, sat,sun, daily...')
    .requiredOption('--before <HH:MM>', 'the deadline, local time')
    .option('--tz <zone>', 'IANA time zone of the deadline', 'Europe/Paris')
    .action(
      (
        account: string,
        options: { days: string; before: string; tz: string },
        command: Command,
      ) => {
        const days = parseDays(options.days);
        if (!days)
          throw new CliExit(
            2,
            `--days: expected days like mon-fri or sat,sun, got "${options.days}"`,
          );
        if (!isTimeOfDay(options.before))
          throw new CliExit(2, `--before: expected HH:MM, got "${options.before}"`);
        if (!isTimeZone(options.tz))
          throw new CliExit(2, `--tz: unknown time zone "${options.tz}"`);
        const stores = writeStores(command);
        try {
          if (stores.accounts.get(account) === undefined)
            throw new CliExit(1, `no account ${account}`);
          const name = operatorName();
          const expected = new ExpectedBatchStore(stores.db).add(
            account,
            { days, before: options.before, timeZone: options.tz },
            name,
          );
          new OperatorActionStore(stores.db).record(
            name,
            'expect-batch',
            account,
            `${expected.days.join(',')} before ${expected.before} ${expected.timeZone}`,
          );
          writeLine(
            `expected batch ${expected.id}: ${account} on ${expected.days.join(',')} before ${expected.before} (${expected.timeZone})`,
          );
        } finally {
          stores.db.close();
        }
      },
    );
  alert
    .command('expected')
    .description('the expected batches')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }, command: Command) => {
      const stores = readStores(command);
      try {
        const list = new ExpectedBatchStore(stores.db).list();
        if (options.json) writeJson(list);
        else if (list.length === 0) writeLine('no expected batches');
        else
          writeRows(
            list.map((item) => [
              String(item.id),
              item.account,
              item.days.join(','),
              `before ${item.before}`,
              item.timeZone,
              item.createdBy,
            ]),
          );
      } finally {
        stores.db.close();
      }
    });
  alert
    .command('unexpect')
    .description('remove an expected batch (its BATCH_LATE alert resolves at the next check)')
    .argument('<id>', 'the number shown by alert expected', wholeNumber(1, Number.MAX_SAFE_INTEGER))
    .action((number: number, _options: unknown, command: Command) => {
      const stores = writeStores(command);
      try {
        if (!new ExpectedBatchStore(stores.db).remove(number))
          throw new CliExit(1, `no expected batch ${number}`);
        new OperatorActionStore(stores.db).record(operatorName(), 'unexpect-batch', String(number));
        writeLine(`expected batch ${number} removed`);
      } finally {
        stores.db.close();
      }
    });
}
