/**
 * `passerelle flow close <id> --reason R`: closes a stuck flow as an incident (IN_INCIDENTE,
 * docs/operations.md). The registry is changed here; the flow's dead letters are removed and its
 * acknowledgement queued when the gateway runs, else its reconciler writes it at start.
 */
import type { Command } from 'commander';
import { closeFlowAsIncident, OperatorActionStore } from '../../ops/index.js';
import { CliExit, configFor, writeStores, type GlobalOptions } from '../cli-context.js';
import { withQueues } from '../gateway-link.js';
import { operatorName } from '../operator-name.js';
import { writeLine } from '../output.js';

const MAX_JOBS = 10_000;

export function registerFlowCommand(program: Command): void {
  const flow = program.command('flow').description('act on one flow');
  flow
    .command('close <flowId>')
    .description(
      'close a flow whose invoices are stuck (dead letters) as IN_INCIDENTE: its pending invoices end PROCESSING_INCIDENT with the reason',
    )
    .requiredOption('--reason <text>', 'why (written in the acknowledgement the supplier reads)')
    .option('--operator <name>', "name recorded with the action (default: the system user's)")
    .action(
      async (flowId: string, options: { reason: string; operator?: string }, command: Command) => {
        const config = configFor(command.optsWithGlobals<GlobalOptions>());
        const stores = writeStores(command);
        const name = options.operator ?? operatorName();
        try {
          const result = closeFlowAsIncident(stores.registry, flowId, options.reason);
          if (!result.ok) throw new CliExit(1, result.problem);
          new OperatorActionStore(stores.db).record(
            name,
            'close-flow',
            flowId,
            `${result.invoices} invoice(s): ${options.reason.trim()}`,
          );
          writeLine(`flow ${flowId} closed: ${result.invoices} invoice(s) set INCIDENT`);
        } finally {
          stores.db.close();
        }
        try {
          await withQueues(config, async (queues) => {
            for (const queue of Object.values(queues))
              for (const job of await queue.getFailed(0, MAX_JOBS - 1))
                if ((job.data as { flowId?: unknown }).flowId === flowId) await job.remove();
            await queues.ack.add(
              'ack',
              { flowId },
              {
                jobId: flowId,
                attempts: config.pipeline.attempts,
                backoff: { type: 'exponential', delay: config.pipeline.backoffMs },
                removeOnComplete: true,
                removeOnFail: false,
              },
            );
          });
          writeLine('its dead letters were removed and its acknowledgement (IN_INCIDENTE) queued');
        } catch (error) {
          if (!(error instanceof CliExit)) throw error;
          writeLine(
            `${error.message}\nthe acknowledgement will be written by the gateway's reconciler once it runs`,
          );
        }
      },
    );
}
