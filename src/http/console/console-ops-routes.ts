/**
 * Console routes for alerts, partners and closing a stuck flow as an incident (operators,
 * CSRF-checked by `guard`, recorded with the operator's name).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ExpectedBatchStore, type AlertStore } from '../../alerts/index.js';
import type { Logger } from '../../logging/index.js';
import {
  closeFlowAsIncident,
  listPartners,
  type OperatorActionStore,
  type OpsStores,
} from '../../ops/index.js';
import { alertsPage, PARTNER_WINDOWS, partnersPage } from './console-ops-pages.js';

const PARTNERS_PAGE = 100;
import type { ConsoleJob, Viewer } from './console-types.js';
import { html, type Html } from './html.js';

export interface OpsRoutesContext {
  readonly stores: OpsStores;
  readonly logger: Logger;
  readonly actions: OperatorActionStore;
  readonly alerts: AlertStore;
  readonly guard: (
    request: FastifyRequest,
    reply: FastifyReply,
    need?: 'viewer' | 'operator',
  ) => Promise<Viewer | undefined>;
  readonly send: (
    reply: FastifyReply,
    title: string,
    viewer: Viewer | undefined,
    body: Html,
    status?: number,
  ) => FastifyReply;
  /** Dead letters by `queue/jobId`. */
  readonly deadLetterJobs: () => Promise<ReadonlyMap<string, ConsoleJob>>;
  readonly enqueueAck: (flowId: string) => Promise<void>;
}

const flowIdOf = (data: unknown): string | undefined =>
  typeof data === 'object' && data !== null && 'flowId' in data && typeof data.flowId === 'string'
    ? data.flowId
    : undefined;

export function registerOpsRoutes(app: FastifyInstance, context: OpsRoutesContext): void {
  const { stores, logger, actions, alerts, guard, send } = context;
  const batches = new ExpectedBatchStore(stores.db);

  app.get('/alerts', async (request, reply) => {
    const viewer = await guard(request, reply);
    if (!viewer) return reply;
    return send(
      reply,
      'Alerts',
      viewer,
      alertsPage(alerts.listActive(), alerts.listRecent(100), batches.list()),
    );
  });

  app.get('/partners', async (request, reply) => {
    const viewer = await guard(request, reply);
    if (!viewer) return reply;
    const query = request.query as Record<string, string | undefined>;
    const asked = Number(query.days ?? '7');
    const days = PARTNER_WINDOWS.find((value) => value === asked) ?? 7;
    const offset = Math.min(Math.max(0, Number.parseInt(query.from ?? '0', 10) || 0), 1_000_000);
    const result = listPartners(stores.db, days, { offset, limit: PARTNERS_PAGE });
    return send(reply, 'Partners', viewer, partnersPage(result, offset, PARTNERS_PAGE));
  });

  app.post('/flows/:id/close', async (request, reply) => {
    const viewer = await guard(request, reply, 'operator');
    if (!viewer) return reply;
    const { id } = request.params as { id: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const reason = typeof body.reason === 'string' ? body.reason : '';
    const result = closeFlowAsIncident(stores.registry, id, reason);
    if (!result.ok)
      return send(reply, 'Not closed', viewer, html`<p class="bad">${result.problem}</p>`, 409);
    // Its dead letters are answered: drop them, then write the acknowledgement.
    for (const job of (await context.deadLetterJobs()).values())
      if (flowIdOf(job.data) === id) await job.remove();
    await context.enqueueAck(id);
    actions.record(
      viewer.operator.name,
      'close-flow',
      id,
      `${result.invoices} invoice(s): ${reason.trim()}`,
    );
    logger.info(
      {
        operator: viewer.operator.name,
        flowId: id,
        invoices: result.invoices,
        reason: reason.trim(),
      },
      'console: flow closed as IN_INCIDENTE',
    );
    return reply.redirect(`/flows/${id}`, 303);
  });
}
