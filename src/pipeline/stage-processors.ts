/**
 * The three stage processors. Each is idempotent: it reads the registry first and does only
 * what the recorded state still needs, so a job run twice (retry, stalled job, reconciler)
 * has the effect of one.
 *   intake: RECEIVED flow → invoices (PENDING or REJECTED) → route jobs, or the ack job
 *   route:  PENDING invoice → delivered to the entity's inbox or REJECTED → ack job when the flow is settled
 *   ack:    settled flow → platform statuses → acknowledgement in the supplier's out/ → ACKED
 *   status: feed entry → status files in the account's out/ → written
 * A flow of an entity account is a status update file: intake (or ack, on a re-drive) settles
 * it whole through the lifecycle (src/lifecycle/).
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { buildAcknowledgement, writeAck } from '../ack/index.js';
import { issueOf, PasserelleError } from '../errors/index.js';
import {
  checkInvoiceNumber,
  isStatusUpdateFile,
  recordPlatformStatuses,
  settleStatusFlow,
  writeStatusFeedEntry,
} from '../lifecycle/index.js';
import type { FlowRecord, StatusFeedRecord } from '../registry/index.js';
import {
  duplicateAcknowledgement,
  isDuplicateFlow,
  originalOf,
  waitingResendsOf,
} from './duplicate-flow.js';
import { decideRecipient, deliverInvoice } from '../route/index.js';
import { FILE_NAME_PATTERN, intakeFlow } from './intake-flow.js';
import type { FlowJob, InvoiceJob, StatusJob } from './job-types.js';
import type { PipelineDeps } from './pipeline-deps.js';

export interface Enqueuer {
  route(job: InvoiceJob): Promise<void>;
  ack(job: FlowJob): Promise<void>;
  status(job: StatusJob): Promise<void>;
}

/** One job per feed entry (an entry in format `both` has two rows, one job). */
async function enqueueFeed(enqueue: Enqueuer, feed: readonly StatusFeedRecord[]): Promise<void> {
  const entries = new Map(feed.map((row) => [`${row.account}-${row.seq}`, row]));
  for (const row of entries.values()) await enqueue.status({ account: row.account, seq: row.seq });
}

const HEAD_BYTES = 4096;

async function headOf(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Who a flow's status update file speaks for, or undefined for an invoice flow. Everything an
 * entity drops is a status file; a supplier's file is one when its content says so (once
 * read, the flow's syntax records it).
 */
async function statusActorOf(
  deps: PipelineDeps,
  flow: FlowRecord,
): Promise<'entity' | 'supplier' | undefined> {
  if (deps.accounts.get(flow.account)?.role === 'entity') return 'entity';
  if (flow.state === 'RECEIVED') {
    return isStatusUpdateFile(await headOf(flow.archivePath)) ? 'supplier' : undefined;
  }
  return flow.syntax?.startsWith('status-') ? 'supplier' : undefined;
}

async function settleStatusUpdates(
  deps: PipelineDeps,
  enqueue: Enqueuer,
  flow: FlowRecord,
  actor: 'entity' | 'supplier',
): Promise<void> {
  const settled = await settleStatusFlow(deps, flow, actor);
  if (!settled) return;
  deps.logger.info(
    {
      flowId: flow.id,
      partner: flow.account,
      state: settled.state,
      lines: settled.lines,
      accepted: settled.accepted,
    },
    'status file applied',
  );
  await enqueueFeed(enqueue, settled.feed);
}

/** Settles the flow when it is a status update file; false for an invoice flow. */
async function settleIfStatusFile(
  deps: PipelineDeps,
  enqueue: Enqueuer,
  flow: FlowRecord,
): Promise<boolean> {
  const actor = await statusActorOf(deps, flow);
  if (actor === undefined) return false;
  await settleStatusUpdates(deps, enqueue, flow, actor);
  return true;
}

function flowOf(deps: PipelineDeps, flowId: string) {
  const flow = deps.registry.getFlow(flowId);
  if (!flow) throw new PasserelleError('FLOW_NOT_FOUND', `flow ${flowId} is not in the registry`);
  return flow;
}

async function enqueueNext(deps: PipelineDeps, enqueue: Enqueuer, flowId: string): Promise<void> {
  const invoices = deps.registry.listInvoices(flowId);
  const pending = invoices.filter((invoice) => invoice.state === 'PENDING');
  if (pending.length === 0) {
    await enqueue.ack({ flowId });
    return;
  }
  for (const invoice of pending) await enqueue.route({ flowId, invoiceId: invoice.id });
}

export async function processIntake(
  deps: PipelineDeps,
  enqueue: Enqueuer,
  job: FlowJob,
): Promise<void> {
  const flow = flowOf(deps, job.flowId);
  if (flow.state === 'ACKED') return;
  if (await settleIfStatusFile(deps, enqueue, flow)) return;
  // A badly named file is refused for its name first, whatever its content.
  const original =
    deps.duplicateChecks && flow.state === 'RECEIVED' && FILE_NAME_PATTERN.test(flow.fileName)
      ? originalOf(deps.registry, flow)
      : undefined;
  if (original) {
    deps.registry.recordIntake(flow.id, {
      syntax: original.syntax,
      issues: [
        issueOf('FLOW_DUPLICATE', {
          message: `The file is identical to flow ${original.id}; it was not processed again.`,
        }),
      ],
      invoices: [],
    });
    deps.logger.info(
      { flowId: flow.id, partner: flow.account, duplicateOf: original.id, code: 'FLOW_DUPLICATE' },
      'flow is an exact resend',
    );
  } else if (flow.state === 'RECEIVED') {
    const outcome = await intakeFlow(flow, deps);
    deps.registry.recordIntake(flow.id, outcome);
    deps.logger.info(
      {
        flowId: flow.id,
        partner: flow.account,
        syntax: outcome.syntax,
        invoices: outcome.invoices.length,
        codes: outcome.issues.map((issue) => issue.code),
      },
      'flow read',
    );
  }
  await enqueueNext(deps, enqueue, flow.id);
}

export async function processRoute(
  deps: PipelineDeps,
  enqueue: Enqueuer,
  job: InvoiceJob,
): Promise<void> {
  const invoice = deps.registry.getInvoice(job.invoiceId);
  if (!invoice)
    throw new PasserelleError(
      'INVOICE_NOT_FOUND',
      `invoice ${job.invoiceId} is not in the registry`,
    );
  const flow = flowOf(deps, invoice.flowId);
  if (flow.state === 'ACKED') return;
  const numberCheck =
    invoice.state === 'PENDING' || invoice.state === 'INCIDENT'
      ? checkInvoiceNumber(deps.registry, flow.account, invoice)
      : undefined;
  if (numberCheck?.kind === 'duplicate' && deps.duplicateChecks) {
    deps.registry.settleInvoice(invoice.id, {
      state: 'REJECTED',
      recipientSiret: invoice.keys.buyerSiret,
      issues: [...invoice.issues, numberCheck.issue],
    });
    deps.logger.info(
      {
        flowId: flow.id,
        invoiceId: invoice.id,
        partner: flow.account,
        code: numberCheck.issue.code,
      },
      'invoice rejected: number already used',
    );
  } else if (numberCheck !== undefined) {
    if (numberCheck.kind === 'recycle')
      deps.registry.markRecycle(invoice.id, numberCheck.originalId);
    const decision = decideRecipient(invoice.keys, invoice.syntax, {
      findEntity: (siret) => deps.directory.findEntity(siret),
      findService: (siret, code) => deps.directory.findService(siret, code),
      findEntityAccount: (siret) => deps.accounts.findEntityAccount(siret),
    });
    if (decision.ok) {
      const inbox = path.join(deps.accounts.homeOf(decision.account.login), 'inbox');
      const deliveredPath = await deliverInvoice(inbox, flow, invoice, decision.entity.siret);
      deps.registry.settleInvoice(invoice.id, {
        state: 'DELIVERED',
        recipientSiret: decision.entity.siret,
        recipientAccount: decision.account.login,
        deliveredPath,
        issues: invoice.issues,
      });
      deps.logger.info(
        {
          flowId: flow.id,
          invoiceId: invoice.id,
          partner: flow.account,
          recipient: decision.account.login,
        },
        'invoice delivered',
      );
    } else {
      deps.registry.settleInvoice(invoice.id, {
        state: 'REJECTED',
        recipientSiret: decision.recipientSiret,
        issues: [...invoice.issues, ...decision.issues],
      });
      deps.logger.info(
        {
          flowId: flow.id,
          invoiceId: invoice.id,
          partner: flow.account,
          codes: decision.issues.map((issue) => issue.code),
        },
        'invoice rejected at routing',
      );
    }
  }
  await enqueueFeed(enqueue, recordPlatformStatuses(deps, invoice.id));
  const isSettled = deps.registry
    .listInvoices(invoice.flowId)
    .every((candidate) => candidate.state !== 'PENDING');
  if (isSettled) await enqueue.ack({ flowId: invoice.flowId });
}

/**
 * Writes the acknowledgement of a settled PROCESSING flow, after recording the platform
 * statuses of its invoices (caught up here too, should the route stage have died between
 * settling and recording them); returns its state and the feed rows to write, or undefined
 * when there was nothing to do.
 */
export async function acknowledgeFlow(
  deps: Pick<PipelineDeps, 'registry' | 'accounts' | 'directory'>,
  flowId: string,
): Promise<{ state: string; feed: StatusFeedRecord[] } | undefined> {
  const flow = deps.registry.getFlow(flowId);
  if (flow?.state !== 'PROCESSING') return undefined;
  const invoices = deps.registry.listInvoices(flow.id);
  const ack = isDuplicateFlow(flow)
    ? duplicateAcknowledgement(deps.registry, flow)
    : buildAcknowledgement(flow, invoices);
  if (!ack) return undefined;
  const feed = invoices.flatMap((invoice) => recordPlatformStatuses(deps, invoice.id));
  await writeAck(path.join(deps.accounts.homeOf(flow.account), 'out'), ack);
  deps.registry.markAcked(flow.id, ack.state, ack.acknowledgedAt);
  return { state: ack.state, feed };
}

export async function processAck(
  deps: PipelineDeps,
  enqueue: Enqueuer,
  job: FlowJob,
): Promise<void> {
  const flow = flowOf(deps, job.flowId);
  if (flow.state === 'ACKED') return;
  if (await settleIfStatusFile(deps, enqueue, flow)) return;
  const acknowledged = await acknowledgeFlow(deps, flow.id);
  if (acknowledged === undefined) return;
  await enqueueFeed(enqueue, acknowledged.feed);
  const state = acknowledged.state;
  deps.logger.info({ flowId: flow.id, partner: flow.account, state }, 'flow acknowledged');
  // Exact resends of this file waited for its acknowledgement to repeat it.
  for (const resend of waitingResendsOf(deps.registry, flow))
    await enqueue.ack({ flowId: resend.id });
}

export async function processStatus(deps: PipelineDeps, job: StatusJob): Promise<void> {
  const written = await writeStatusFeedEntry(deps, job.account, job.seq);
  if (written.length > 0) {
    deps.logger.info(
      { partner: job.account, seq: job.seq, files: written.length },
      'status file written',
    );
  }
}
