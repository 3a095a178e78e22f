/**
 * The three stage processors. Each is idempotent: it reads the registry first and does only
 * what the recorded state still needs, so a job run twice (retry, stalled job, reconciler)
 * has the effect of one.
 *   intake: RECEIVED flow → invoices (PENDING or REJECTED) → route jobs, or the ack job
 *   route:  PENDING invoice → delivered to the entity's inbox or REJECTED → ack job when the flow is settled
 *   ack:    settled flow → acknowledgement in the supplier's out/ → ACKED
 */
import path from 'node:path';
import { buildAcknowledgement, writeAck } from '../ack/index.js';
import { PasserelleError } from '../errors/index.js';
import { decideRecipient, deliverInvoice } from '../route/index.js';
import { intakeFlow } from './intake-flow.js';
import type { FlowJob, InvoiceJob } from './job-types.js';
import type { PipelineDeps } from './pipeline-deps.js';

export interface Enqueuer {
  route(job: InvoiceJob): Promise<void>;
  ack(job: FlowJob): Promise<void>;
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
  if (flow.state === 'RECEIVED') {
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
  if (invoice.state === 'PENDING' || invoice.state === 'INCIDENT') {
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
  const isSettled = deps.registry
    .listInvoices(invoice.flowId)
    .every((candidate) => candidate.state !== 'PENDING');
  if (isSettled) await enqueue.ack({ flowId: invoice.flowId });
}

/** Writes the acknowledgement of a settled PROCESSING flow; returns its state, or undefined when there was nothing to do. */
export async function acknowledgeFlow(
  deps: Pick<PipelineDeps, 'registry' | 'accounts'>,
  flowId: string,
): Promise<string | undefined> {
  const flow = deps.registry.getFlow(flowId);
  if (flow?.state !== 'PROCESSING') return undefined;
  const ack = buildAcknowledgement(flow, deps.registry.listInvoices(flow.id));
  if (!ack) return undefined;
  await writeAck(path.join(deps.accounts.homeOf(flow.account), 'out'), ack);
  deps.registry.markAcked(flow.id, ack.state, ack.acknowledgedAt);
  return ack.state;
}

export async function processAck(deps: PipelineDeps, job: FlowJob): Promise<void> {
  const flow = flowOf(deps, job.flowId);
  const state = await acknowledgeFlow(deps, flow.id);
  if (state !== undefined) {
    deps.logger.info({ flowId: flow.id, partner: flow.account, state }, 'flow acknowledged');
  }
}
