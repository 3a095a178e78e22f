/**
 * The operator's HTTP server (fastify), on loopback by default: /metrics (Prometheus),
 * /healthz (the process answers) and /readyz (it can take work), and the web console when
 * one is given. Input: the metrics and the readiness probe; output: JSON and text only.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from '../logging/index.js';
import type { Metrics } from './metrics.js';
import type { Readiness } from './readiness.js';

export interface OpsServerOptions {
  readonly host: string;
  readonly port: number;
  readonly metrics: Metrics;
  readonly readiness: () => Promise<Readiness>;
  readonly logger: Logger;
  /** Registers more routes (the console) on the same server. */
  readonly extend?: (app: FastifyInstance) => Promise<void>;
}

export class OpsServer {
  readonly #options: OpsServerOptions;
  readonly #app: FastifyInstance;
  readonly #startedAt = Date.now();

  constructor(options: OpsServerOptions) {
    this.#options = options;
    this.#app = Fastify({ logger: false });
    this.#routes();
  }

  #routes(): void {
    const app = this.#app;
    const { metrics, readiness, logger } = this.#options;
    app.setErrorHandler((error, request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 500) logger.error({ err: error, url: request.url }, 'http request failed');
      void reply
        .status(status)
        .send({ error: status >= 500 ? 'internal error' : (error as Error).message });
    });
    app.get('/healthz', (_request, reply) => {
      void reply.send({
        status: 'ok',
        uptimeSeconds: Math.round((Date.now() - this.#startedAt) / 1000),
      });
    });
    app.get('/readyz', async (_request, reply) => {
      const result = await readiness();
      return reply
        .status(result.ready ? 200 : 503)
        .send({ status: result.ready ? 'ready' : 'not ready', checks: result.checks });
    });
    app.get('/metrics', async (_request, reply) => {
      const { contentType, body } = await metrics.render();
      return reply.type(contentType).send(body);
    });
  }

  /** Listens; resolves with the bound port (useful with port 0). */
  async listen(): Promise<number> {
    if (this.#options.extend) await this.#options.extend(this.#app);
    await this.#app.listen({ host: this.#options.host, port: this.#options.port });
    const address = this.#app.server.address();
    return typeof address === 'object' && address !== null ? address.port : this.#options.port;
  }

  async close(): Promise<void> {
    await this.#app.close();
  }
}
