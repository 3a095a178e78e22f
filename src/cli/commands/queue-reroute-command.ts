/**
 * `passerelle queue reroute <jobId> | --code CODE | --all`: dead-lettered pushes
 * (docs/push-delivery.md) delivered to the entity's SFTP home instead: the invoice and its
 * `.meta.json` in `inbox/` (then MISE_A_DISPOSITION), a status file left in `out/`. Each
 * reroute is recorded in the audit trail (`push_rerouted`) and the dead letter is removed.
 */
import type { Command } from 'commander';
import { AuditStore } from '../../audit/index.js';
import { createLogger } from '../../logging/index.js';
import { failureCodeOf } from '../../ops/index.js';
import type { PushJob } from '../../pipeline/index.js';
import { CliExit, configFor, writeStores, type GlobalOptions } from '../cli-context.js';
import { withQueues } from '../gateway-link.js';
import { writeLine } from '../output.js';

const MAX_JOBS = 10_000;

interface RerouteOptions {
  readonly all?: boolean;
  readonly code?: string;
}

export function registerQueueReroute(queue: Command): void {
  queue
    .command('reroute [jobId]')
    .description(
      "deliver dead-lettered pushes to the entity's SFTP home instead (inbox/, out/): one job, an error code (--code), or all (--all)",
    )
    .option('--all', 'every dead-lettered push')
    .option('--code <code>', 'the dead-lettered pushes with this error code (see queue failed)')
    .action(async (jobId: string | undefined, options: RerouteOptions, command: Command) => {
      const chosen = [jobId !== undefined, options.all === true, options.code !== undefined];
      if (chosen.filter(Boolean).length !== 1)
        throw new CliExit(2, 'give exactly one of: a job id, --code <code>, --all');
      const config = configFor(command.optsWithGlobals<GlobalOptions>());
      // Loaded here only: the pipeline area pulls in BullMQ and the validators.
      const { rerouteInvoice, rerouteStatusFile, writeFeedFiles } =
        await import('../../pipeline/index.js');
      const stores = writeStores(command);
      const audit = new AuditStore(stores.db);
      const deps = { ...stores, logger: createLogger('warn', 2) };
      try {
        const rerouted = await withQueues(config, async (queues) => {
          let count = 0;
          for (const job of await queues.push.getFailed(0, MAX_JOBS - 1)) {
            const code = failureCodeOf(job.failedReason);
            const matches = options.all === true || job.id === jobId || options.code === code;
            if (!matches) continue;
            const data = job.data as PushJob;
            if ('invoiceId' in data) {
              const { result, feed } = await rerouteInvoice(deps, data.invoiceId);
              await writeFeedFiles(deps, feed);
              const invoice = stores.registry.getInvoice(data.invoiceId);
              audit.record({
                event: 'push_rerouted',
                account: invoice?.recipientAccount,
                file: invoice?.deliveredPath,
                result: result === 'rerouted' ? 'ok' : 'no longer owed',
                detail: `invoice ${data.invoiceId}, dead letter ${job.id ?? '?'} (${code})`,
              });
              writeLine(
                `${job.id ?? '?'}\t${code}\tinvoice ${data.invoiceId}\t${result}\t${invoice?.deliveredPath ?? '-'}`,
              );
            } else {
              const result = rerouteStatusFile(deps, data);
              audit.record({
                event: 'push_rerouted',
                account: data.account,
                result: result === 'rerouted' ? 'ok' : 'no longer owed',
                detail: `status file ${data.seq} (${data.format}) kept in out/, dead letter ${job.id ?? '?'} (${code})`,
              });
              writeLine(
                `${job.id ?? '?'}\t${code}\tstatus ${data.account}#${data.seq}\t${result}\tout/`,
              );
            }
            await job.remove();
            count += 1;
          }
          return count;
        });
        writeLine(`rerouted ${rerouted} push(es)`);
        if (rerouted === 0 && jobId !== undefined)
          throw new CliExit(1, `no dead-lettered push ${jobId}`);
      } finally {
        audit.flush();
        stores.db.close();
      }
    });
}
