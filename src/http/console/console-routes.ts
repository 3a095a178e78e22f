/**
 * The web console: server-rendered pages on the operator's HTTP server. Every page needs a
 * session; every POST needs the session's CSRF token; retries and downloads need the operator
 * role. Actions are logged with the operator's name.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AlertStore } from '../../alerts/index.js';
import type { Logger } from '../../logging/index.js';
import {
  countFlowsByState,
  describeInvoice,
  failureCodeOf,
  FLOW_ID_PATTERN,
  groupDeadLetters,
  listEntities,
  oldestOpenFlow,
  OperatorActionStore,
  OperatorStore,
  parseCursor,
  readOverview,
  searchFlows,
  toDeadLetter,
  type DeadLetter,
  type OpsStores,
} from '../../ops/index.js';
import type { FlowState } from '../../registry/index.js';
import { html, page, type Html } from './html.js';
import {
  deadLettersPage,
  directoryPage,
  flowPage,
  flowsPage,
  invoicePage,
  loginPage,
  overviewPage,
} from './console-pages.js';
import { registerOpsRoutes } from './console-ops-routes.js';
import type { ConsoleJob, ConsoleQueue, Viewer } from './console-types.js';
import { isSameToken, LoginThrottle, randomToken, SessionStore } from './console-sessions.js';

const SESSION_COOKIE = 'pl_session';
const LOGIN_COOKIE = 'pl_login';
const PAGE_SIZE = 50;
const MAX_JOBS = 10_000;

export interface ConsoleOptions {
  readonly stores: OpsStores;
  readonly queues: Readonly<Record<string, ConsoleQueue>>;
  readonly logger: Logger;
  /** Mark cookies Secure (when served over HTTPS through a proxy). */
  readonly secureCookies: boolean;
  /** Queues a flow's acknowledgement (after it was closed as an incident). */
  readonly enqueueAck: (flowId: string) => Promise<void>;
}

type Query = Record<string, string | undefined>;

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

export async function registerConsole(
  app: FastifyInstance,
  options: ConsoleOptions,
): Promise<void> {
  const { stores, queues, logger } = options;
  const operators = new OperatorStore(stores.db);
  const actions = new OperatorActionStore(stores.db);
  const alerts = new AlertStore(stores.db);
  const sessions = new SessionStore();
  const throttle = new LoginThrottle();
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: options.secureCookies,
    path: '/',
  };
  const send = (
    reply: FastifyReply,
    title: string,
    viewer: Viewer | undefined,
    body: Html,
    status = 200,
  ) =>
    reply
      .status(status)
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      )
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(page(title, viewer?.user, body));

  const viewerOf = (request: FastifyRequest): Viewer | undefined => {
    const session = sessions.get(request.cookies[SESSION_COOKIE]);
    if (!session) return undefined;
    // Read at each request: a removed operator or a changed role applies at once.
    const operator = operators.get(session.operator);
    if (!operator) {
      sessions.delete(session.id);
      return undefined;
    }
    return {
      operator,
      sessionId: session.id,
      user: { name: operator.name, role: operator.role, csrf: session.csrf },
    };
  };

  /** The viewer of a page, or a redirect to the login page (GET) / 401 (POST). */
  const guard = async (
    request: FastifyRequest,
    reply: FastifyReply,
    need: 'viewer' | 'operator' = 'viewer',
  ): Promise<Viewer | undefined> => {
    const viewer = viewerOf(request);
    if (!viewer) {
      if (request.method === 'GET') await reply.redirect('/login', 303);
      else await reply.status(401).type('text/plain').send('not logged in');
      return undefined;
    }
    if (request.method === 'POST') {
      const body = (request.body ?? {}) as Query;
      if (!isSameToken(textOf(body._csrf), viewer.user.csrf)) {
        logger.warn(
          { operator: viewer.operator.name, url: request.url },
          'console: POST refused, bad CSRF token',
        );
        await reply.status(403).type('text/plain').send('CSRF token missing or wrong');
        return undefined;
      }
    }
    if (need === 'operator' && viewer.operator.role !== 'operator') {
      await send(
        reply,
        'Forbidden',
        viewer,
        html`<p class="bad">This needs the operator role.</p>`,
        403,
      );
      return undefined;
    }
    return viewer;
  };

  const showLogin = (reply: FastifyReply, message?: string, status = 200) => {
    const token = randomToken();
    void reply.setCookie(LOGIN_COOKIE, token, { ...cookieOptions, path: '/login', maxAge: 1800 });
    return send(reply, 'Log in', undefined, loginPage(token, message), status);
  };

  app.get('/login', (_request, reply) => showLogin(reply));
  app.post('/login', async (request, reply) => {
    const body = (request.body ?? {}) as Query;
    if (!isSameToken(textOf(body._csrf), request.cookies[LOGIN_COOKIE]))
      return reply.status(403).type('text/plain').send('CSRF token missing or wrong');
    const name = textOf(body.name)?.trim() ?? '';
    const password = textOf(body.password) ?? '';
    if (throttle.isBlocked(name, request.ip)) {
      logger.warn({ operator: name, address: request.ip }, 'console: login throttled');
      return showLogin(reply, 'Too many failed logins: wait 15 minutes.', 429);
    }
    const operator = await operators.authenticate(name, password);
    if (!operator) {
      throttle.recordFailure(name, request.ip);
      logger.warn({ operator: name, address: request.ip }, 'console: login failed');
      return showLogin(reply, 'Wrong name or password.', 401);
    }
    throttle.recordSuccess(name);
    const session = sessions.create(operator.name);
    logger.info({ operator: operator.name, address: request.ip }, 'console: login');
    void reply.clearCookie(LOGIN_COOKIE, { path: '/login' });
    void reply.setCookie(SESSION_COOKIE, session.id, cookieOptions);
    return reply.redirect('/', 303);
  });
  app.post('/logout', async (request, reply) => {
    const viewer = await guard(request, reply);
    if (!viewer) return reply;
    sessions.delete(viewer.sessionId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });

  const countsOf = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(queues).map(
          async ([name, queue]) =>
            [name, await queue.getJobCounts('waiting', 'active', 'delayed', 'failed')] as const,
        ),
      ),
    );

  app.get('/', async (request, reply) => {
    const viewer = await guard(request, reply);
    if (!viewer) return reply;
    const counts = await countsOf();
    return send(
      reply,
      'Overview',
      viewer,
      overviewPage({
        overview: readOverview(stores.db),
        queues: counts,
        deadLetters: Object.values(counts).reduce((sum, item) => sum + (item.failed ?? 0), 0),
        oldestOpen: oldestOpenFlow(stores.db),
        totals: countFlowsByState(stores.db),
        alerts: alerts.listActive(),
      }),
    );
  });

  app.get('/flows', async (request, reply) => {
    const viewer = await guard(request, reply);
    if (!viewer) return reply;
    const query = request.query as Query;
    const q = query.q?.trim();
    if (q && FLOW_ID_PATTERN.test(q) && stores.registry.getFlow(q))
      return reply.redirect(`/flows/${q}`, 303);
    const state = ['RECEIVED', 'PROCESSING', 'ACKED'].includes(query.state ?? '')
      ? (query.state as FlowState)
      : undefined;
    const day = (value: string | undefined) =>
      value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
    const search = {
      q: q || undefined,
      state,
      account: query.account?.trim() || undefined,
      from: day(query.from),
      to: day(query.to),
      fileName: query.file?.trim() || undefined,
      limit: PAGE_SIZE,
      after: parseCursor(query.after),
    };
    return send(reply, 'Flows', viewer, flowsPage(search, searchFlows(stores.db, search)));
  });

  app.get('/flows/:id', async (request, reply) => {
    const viewer = await guard(request, reply);
    if (!viewer) return reply;
    const { id } = request.params as { id: string };
    const flow = stores.registry.getFlow(id);
    if (!flow) return send(reply, 'Not found', viewer, html`<p>No flow ${id}.</p>`, 404);
    return send(
      reply,
      `Flow ${flow.fileName}`,
      viewer,
      flowPage(flow, stores.registry.listInvoices(id), viewer.user),
    );
  });

  app.get('/flows/:id/original', async (request, reply) => {
    const viewer = await guard(request, reply, 'operator');
    if (!viewer) return reply;
    const { id } = request.params as { id: string };
    const flow = stores.registry.getFlow(id);
    if (!flow) return send(reply, 'Not found', viewer, html`<p>No flow ${id}.</p>`, 404);
    logger.info(
      { operator: viewer.operator.name, flowId: flow.id },
      'console: original downloaded',
    );
    actions.record(viewer.operator.name, 'download', flow.id, 'console');
    const safeName = path.basename(flow.fileName).replace(/[^A-Za-z0-9._-]/g, '_');
    return reply
      .header('content-disposition', `attachment; filename="${safeName}"`)
      .header('x-content-type-options', 'nosniff')
      .type('application/octet-stream')
      .send(createReadStream(flow.archivePath));
  });

  app.get('/invoices/:id', async (request, reply) => {
    const viewer = await guard(request, reply);
    if (!viewer) return reply;
    const { id } = request.params as { id: string };
    const view = describeInvoice(stores, id);
    if (!view) return send(reply, 'Not found', viewer, html`<p>No invoice ${id}.</p>`, 404);
    return send(reply, `Invoice ${view.invoice.keys.number ?? id}`, viewer, invoicePage(view));
  });

  const deadLetters = async (): Promise<{
    letters: DeadLetter[];
    jobs: Map<string, ConsoleJob>;
  }> => {
    const letters: DeadLetter[] = [];
    const jobs = new Map<string, ConsoleJob>();
    for (const [name, queue] of Object.entries(queues))
      for (const job of await queue.getFailed(0, MAX_JOBS - 1)) {
        const letter = toDeadLetter(name, job);
        letters.push(letter);
        jobs.set(`${name}/${letter.jobId}`, job);
      }
    return { letters, jobs };
  };

  app.get('/dead-letters', async (request, reply) => {
    const viewer = await guard(request, reply);
    if (!viewer) return reply;
    const { letters } = await deadLetters();
    return send(
      reply,
      'Dead letters',
      viewer,
      deadLettersPage(groupDeadLetters(letters), viewer.user),
    );
  });

  app.post('/dead-letters/retry', async (request, reply) => {
    const viewer = await guard(request, reply, 'operator');
    if (!viewer) return reply;
    const body = (request.body ?? {}) as Query;
    const code = textOf(body.code);
    const target =
      body.queue !== undefined && body.jobId !== undefined
        ? `${body.queue}/${body.jobId}`
        : undefined;
    if (code === undefined && target === undefined)
      return reply.status(400).type('text/plain').send('give a code or a queue and a job id');
    const { jobs } = await deadLetters();
    let retried = 0;
    for (const [key, job] of jobs) {
      if (key === target || (code !== undefined && failureCodeOf(job.failedReason) === code)) {
        await job.retry('failed');
        retried += 1;
      }
    }
    logger.info(
      { operator: viewer.operator.name, code, job: target, retried },
      'console: dead letters retried',
    );
    actions.record(
      viewer.operator.name,
      'retry',
      target ?? `code ${code ?? ''}`,
      `console, ${retried} job(s)`,
    );
    return reply.redirect('/dead-letters', 303);
  });

  registerOpsRoutes(app, {
    stores,
    logger,
    actions,
    alerts,
    guard,
    send,
    deadLetterJobs: async () => (await deadLetters()).jobs,
    enqueueAck: options.enqueueAck,
  });

  app.get('/directory', async (request, reply) => {
    const viewer = await guard(request, reply);
    if (!viewer) return reply;
    const q = (request.query as Query).q?.trim() ?? '';
    return send(
      reply,
      'Directory',
      viewer,
      directoryPage(q, listEntities(stores, { search: q, limit: 200 })),
    );
  });
}
