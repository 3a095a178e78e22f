import type { Command } from 'commander';
import { openStores } from '../../state/index.js';
import { AuditStore, type AuditRecord } from '../../audit/index.js';
import { CliExit, configFor, type GlobalOptions } from '../cli-context.js';

interface AuditOptions {
  readonly account?: string;
  readonly since?: string;
  readonly limit: string;
  readonly json?: boolean;
}

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `2026-12-04`, `2026-12-04T10:00:00Z`, or a age such as `30m`, `24h`, `7d`, as ISO 8601. */
export function sinceOf(text: string, now = Date.now()): string {
  const relative = /^(\d+)([mhd])$/.exec(text);
  if (relative) {
    return new Date(now - Number(relative[1]) * (UNIT_MS[relative[2] ?? 'm'] ?? 0)).toISOString();
  }
  const time = Date.parse(text);
  if (Number.isNaN(time)) {
    throw new CliExit(2, `--since: expected a date (2026-12-04T10:00Z) or an age (30m, 24h, 7d)`);
  }
  return new Date(time).toISOString();
}

function lineOf(record: AuditRecord): string {
  const where = record.address === undefined ? '' : `${record.address}:${record.port ?? ''}`;
  return [
    record.at,
    record.event,
    record.account ?? '-',
    where || '-',
    record.method ?? '',
    record.file ?? '',
    record.bytes === undefined ? '' : `${record.bytes} B`,
    record.result ?? '',
    record.detail ?? '',
  ]
    .join('\t')
    .replace(/\t+$/, '');
}

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description(
      'the SFTP audit trail: logins (address, port, method, result), logouts, uploads, downloads, deletes, renames',
    )
    .option('--account <login>', 'only this account (or login tried)')
    .option('--since <time>', 'from this date or age (30m, 24h, 7d)')
    .option('--limit <n>', 'at most this many events, the newest', '1000')
    .option('--json', 'one JSON object per line')
    .action(async (options: AuditOptions, command: Command) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new CliExit(2, '--limit: a positive integer');
      const stores = await openStores(configFor(command.optsWithGlobals<GlobalOptions>()));
      try {
        const records = await new AuditStore(stores.db).query({
          account: options.account,
          since: options.since === undefined ? undefined : sinceOf(options.since),
          limit,
        });
        for (const record of records) {
          process.stdout.write(`${options.json ? JSON.stringify(record) : lineOf(record)}\n`);
        }
      } finally {
        await stores.db.close();
      }
    });
}
