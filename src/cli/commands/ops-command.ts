/**
 * `passerelle flows` and `passerelle queue status|failed|retrying|retry|reroute`: what is in the
 * registry and in the running gateway's queues. Queue commands fail fast when the gateway is
 * down (see gateway-link.ts).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  cursorText,
  failureCodeOf,
  parseCursor,
  groupDeadLetters,
  searchFlows,
  toDeadLetter,
  type DeadLetter,
  type FlowCursor,
} from '../../ops/index.js';
import type { FlowState } from '../../registry/index.js';
import { CliExit, configFor, readStores, type GlobalOptions } from '../cli-context.js';
import { withQueues } from '../gateway-link.js';
import { registerQueueReroute } from './queue-reroute-command.js';
import { wholeNumber, writeJson, writeLine, writeRows } from '../output.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
const MAX_JOBS = 10_000;

interface JsonOption {
  readonly json?: boolean;
}

function configOf(command: Command) {
  return configFor(command.optsWithGlobals<GlobalOptions>());
}

export function registerOpsCommands(program: Command): void {
  program
    .command('flows')
    .description('recent flows with their state and acknowledgement, newest first')
    .option('--account <login>', 'only this supplier')
    .addOption(
      new Option('--state <state>', 'only flows in this state').choices([
        'RECEIVED',
        'PROCESSING',
        'ACKED',
      ]),
    )
    .option('--search <text>', 'an invoice number, a SIRET (supplier or buyer) or a flow id')
    .option('--limit <n>', 'how many (1-1000)', wholeNumber(1, 1000), 20)
    .option(
      '--after <cursor>',
      'the next page: the cursor printed after the previous one',
      (value) => {
        const cursor = parseCursor(value);
        if (!cursor)
          throw new InvalidArgumentError('expected a cursor printed by passerelle flows.');
        return cursor;
      },
    )
    .option('--json', 'print JSON')
    .action(
      (
        options: JsonOption & {
          account?: string;
          state?: FlowState;
          search?: string;
          limit: number;
          after?: FlowCursor;
        },
        command: Command,
      ) => {
        const stores = readStores(command);
        try {
          const counts = stores.registry.countFlows();
          const { flows, next } = searchFlows(stores.db, {
            q: options.search,
            state: options.state,
            account: options.account,
            limit: options.limit,
            after: options.after,
          });
          if (options.json) {
            writeJson({
              counts,
              flows: flows.map((flow) => ({ ...flow, ackState: flow.ackState ?? null })),
              next: next === undefined ? null : cursorText(next),
            });
            return;
          }
          writeLine(
            `flows: ${counts.received} received, ${counts.processing} processing, ${counts.acked} acknowledged`,
          );
          writeRows(
            flows.map((flow) => [
              flow.id,
              flow.account,
              flow.state,
              flow.ackState,
              flow.receivedAt,
              flow.fileName,
            ]),
          );
          if (next) writeLine(`more: --after ${cursorText(next)}`);
        } finally {
          stores.db.close();
        }
      },
    );

  const queue = program
    .command('queue')
    .description('pipeline queues of the running gateway: counts, retries, dead letters');
  queue
    .command('status')
    .description('job counts per queue')
    .option('--json', 'print JSON')
    .action(async (options: JsonOption, command: Command) => {
      const counts = await withQueues(configOf(command), async (queues) =>
        Object.fromEntries(
          await Promise.all(
            Object.entries(queues).map(
              async ([name, item]) => [name, await item.getJobCounts(...JOB_STATES)] as const,
            ),
          ),
        ),
      );
      if (options.json) {
        writeJson(counts);
        return;
      }
      for (const [name, byState] of Object.entries(counts))
        writeLine(
          `${name}\t${JOB_STATES.map((state) => `${state}=${byState[state] ?? 0}`).join(' ')}`,
        );
    });
  queue
    .command('retrying')
    .description('jobs waiting to be retried, with the error of their last attempt')
    .option('--json', 'print JSON')
    .action(async (options: JsonOption, command: Command) => {
      const letters = await withQueues(configOf(command), async (queues) => {
        const found: DeadLetter[] = [];
        for (const [name, item] of Object.entries(queues)) {
          for (const job of await item.getDelayed(0, MAX_JOBS - 1)) {
            if (job.attemptsMade === 0) continue;
            found.push(toDeadLetter(name, job));
          }
        }
        return found;
      });
      if (options.json) {
        writeJson(letters);
        return;
      }
      if (letters.length === 0) {
        writeLine('no job waiting to be retried');
        return;
      }
      writeRows(
        letters.map((letter) => [
          letter.queue,
          letter.jobId,
          `attempts=${letter.attempts}`,
          failureCodeOf(letter.reason),
          letter.reason,
        ]),
      );
    });
  queue
    .command('failed')
    .description('dead letters (failed after their last attempt, or not retryable), by error code')
    .option('--code <code>', 'only this error code')
    .option('--json', 'print JSON')
    .action(async (options: JsonOption & { code?: string }, command: Command) => {
      const letters = await withQueues(configOf(command), async (queues) => {
        const found: DeadLetter[] = [];
        for (const [name, item] of Object.entries(queues))
          for (const job of await item.getFailed(0, MAX_JOBS - 1))
            found.push(toDeadLetter(name, job));
        return found;
      });
      const groups = groupDeadLetters(letters).filter(
        (group) => options.code === undefined || group.code === options.code,
      );
      if (options.json) {
        writeJson(groups);
        return;
      }
      if (groups.length === 0) {
        writeLine(
          options.code === undefined
            ? 'no dead letters'
            : `no dead letters with code ${options.code}`,
        );
        return;
      }
      for (const group of groups) {
        writeLine(`${group.code}\t${group.count} job(s)`);
        for (const letter of group.letters)
          writeLine(
            `  ${letter.queue}\t${letter.jobId}\tattempts=${letter.attempts}\t${letter.failedAt ?? '-'}\t${letter.reason}`,
          );
      }
    });
  queue
    .command('retry [jobId]')
    .description('requeue one dead letter, those of an error code (--code), or all (--all)')
    .option('--all', 'every dead letter of every queue')
    .option('--code <code>', 'the dead letters with this error code (see queue failed)')
    .action(
      async (
        jobId: string | undefined,
        options: { all?: boolean; code?: string },
        command: Command,
      ) => {
        const chosen = [jobId !== undefined, options.all === true, options.code !== undefined];
        if (chosen.filter(Boolean).length !== 1)
          throw new CliExit(2, 'give exactly one of: a job id, --code <code>, --all');
        const retried = await withQueues(configOf(command), async (queues) => {
          let count = 0;
          for (const item of Object.values(queues)) {
            for (const job of await item.getFailed(0, MAX_JOBS - 1)) {
              const matches =
                options.all === true ||
                job.id === jobId ||
                (options.code !== undefined && failureCodeOf(job.failedReason) === options.code);
              if (!matches) continue;
              await job.retry('failed');
              count += 1;
            }
          }
          return count;
        });
        writeLine(`requeued ${retried} job(s)`);
        if (retried === 0 && jobId !== undefined) throw new CliExit(1, `no failed job ${jobId}`);
      },
    );
  registerQueueReroute(queue);
}
