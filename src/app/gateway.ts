/**
 * One gateway process in its role (`config.role`): `all` runs everything (store, Redis
 * external or embedded, pipeline workers, periodic work, claims, SFTP server); `sftp` the
 * front (claims and the SFTP server, which only enqueues); `worker` the pipeline's workers.
 * Parts start in that order, so that nothing is accepted before it can be recorded, and stop
 * in the reverse order. Periodic work (the reconciler) runs in whichever process of the
 * cluster holds its Redis lease.
 */
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dataLayoutOf, type Config, type DataLayout, type GatewayRole } from '../config/index.js';
import { PasserelleError } from '../errors/index.js';
import { closeDurableWrites, configureDurability } from '../files/index.js';
import { DEFAULT_ARCHIVE_LIMITS } from '../ingest/archive/index.js';
import { checkReadiness, Metrics, OpsServer, registerConsole } from '../http/index.js';
import { InboxWatcher } from '../ingest/index.js';
import type { Logger } from '../logging/index.js';
import { Pipeline, pushKeyOf, Reconciler } from '../pipeline/index.js';
import { externalRedisOf, type RedisTarget } from '../queues/index.js';
import { ClusterLease, EmbeddedRedis, checkRedisBinary, PeriodicWork } from '../redis/index.js';
import { PushConnections, type SftpServer } from '../sftp/index.js';
import { findMissingSchemas, SchemaCatalog } from '../validate/index.js';
import { makeAlerts, type GatewayAlerts } from './alert-wiring.js';
import {
  conflictingProcess,
  openStores,
  removeRuntimeInfo,
  writeRuntimeInfo,
  type Stores,
} from '../state/index.js';
import { breakDeadLocalHolder, leaseTokenOf } from './periodic-lease.js';
import { recoverInterruptedClaims, startIngest, type IngestContext } from './start-ingest.js';

export interface GatewayStatus {
  readonly role: GatewayRole;
  readonly layout: DataLayout;
  readonly redis: RedisTarget;
  readonly sftpPort: number | undefined;
  readonly httpPort: number | undefined;
}

export interface GatewayOptions {
  /** The metrics the gateway and its pipeline report to (one is made when absent). */
  readonly metrics?: Metrics;
}

/** The runtime file's view of a Redis target: no password in a file others may read. */
function publicTarget(target: RedisTarget): RedisTarget {
  return 'sentinels' in target ? { sentinels: target.sentinels, name: target.name } : target;
}

export class Gateway {
  readonly #config: Config;
  readonly #logger: Logger;
  readonly layout: DataLayout;
  #stores: Stores | undefined;
  #redis: EmbeddedRedis | undefined;
  #pipeline: Pipeline | undefined;
  #periodic: PeriodicWork | undefined;
  #lease: ClusterLease | undefined;
  #alerts: GatewayAlerts | undefined;
  #pushConnections: PushConnections | undefined;
  #stoppingStep: string | undefined;
  #watcher: InboxWatcher | undefined;
  #sftp: SftpServer | undefined;
  #schemas: SchemaCatalog | undefined;
  #http: OpsServer | undefined;
  #runtimeFile: string | undefined;
  readonly metrics: Metrics;

  constructor(config: Config, logger: Logger, options: GatewayOptions = {}) {
    this.#config = config;
    this.#logger = logger;
    this.layout = dataLayoutOf(config);
    this.metrics = options.metrics ?? new Metrics();
  }

  async #startRedis(): Promise<RedisTarget> {
    const { redis, role } = this.#config;
    const external = externalRedisOf(redis);
    if (external !== undefined) return external;
    if (role !== 'all') {
      throw new PasserelleError(
        'CONFIG_INVALID',
        `--role ${role} needs a Redis shared by every process: set REDIS_URL (or redis.url, or redis.sentinels and redis.name); only --role all may run a private one`,
      );
    }
    const problem = checkRedisBinary(redis.binary);
    if (problem) throw new PasserelleError('REDIS_UNAVAILABLE', problem);
    this.#redis = new EmbeddedRedis({
      dir: this.layout.redis,
      binary: redis.binary,
      logger: this.#logger,
    });
    await this.#redis.start();
    return { socketPath: this.#redis.socketPath };
  }

  /** Refuses what cannot run beside the processes already on this data directory. */
  #checkAlone(role: GatewayRole): void {
    const running = conflictingProcess(this.layout, role);
    if (running === undefined) return;
    throw new PasserelleError(
      'CONFIG_INVALID',
      `a gateway (pid ${String(running.info.pid)}, role ${running.info.role ?? 'all'}) is already running on ${this.layout.root}; only one process per data directory may claim uploads (roles all and sftp): stop it first, give this one another dataDir, or start it with --role worker`,
    );
  }

  #checkSchemas(): void {
    const { schemasDir } = this.#config;
    const missing = findMissingSchemas(schemasDir);
    if (missing.length === 0) return;
    throw new PasserelleError(
      'SCHEMAS_MISSING',
      `official schemas not found in ${schemasDir} (missing: ${missing.join(', ')}). Install them: see README, "Installing the schemas", or set PASSERELLE_SCHEMAS_DIR.`,
    );
  }

  #startWorkers(pipeline: Pipeline, stores: Stores): void {
    const config = this.#config;
    const schemas = new SchemaCatalog(config.schemasDir);
    schemas.preload();
    this.#schemas = schemas;
    const push = config.delivery.push;
    const pushConnections = new PushConnections(push.idleCloseMs, push.connectionsPerTarget);
    this.#pushConnections = pushConnections;
    pipeline.start({
      push: {
        connections: pushConnections,
        connectTimeoutMs: push.connectTimeoutMs,
        privateKeyOf: (target) => pushKeyOf(target, push.keyFile),
      },
      ...stores,
      observer: this.metrics,
      schemas,
      maxFileBytes: config.limits.maxFileBytes,
      facturx: config.facturx,
      frRules: config.validation.fr.rules,
      duplicateChecks: config.ingest.duplicateChecks,
      archiveLimits: {
        ...DEFAULT_ARCHIVE_LIMITS,
        maxEntries: config.archive.maxEntries,
        maxEntryBytes: config.limits.maxFileBytes,
        maxTotalBytes: config.archive.maxTotalBytes,
        maxCompressionRatio: config.archive.maxCompressionRatio,
      },
      logger: this.#logger,
    });
  }

  /** The periodic work of the cluster; other tasks (alert checks) register on it the same way. */
  #periodicWork(pipeline: Pipeline, stores: Stores): PeriodicWork {
    const { pipeline: options } = this.#config;
    const lease = new ClusterLease(
      pipeline.connection,
      `${options.queuePrefix}:lease:periodic`,
      options.periodicLeaseMs,
      leaseTokenOf(process.pid),
    );
    this.#lease = lease;
    const periodic = new PeriodicWork(lease, this.#logger);
    const reconciler = new Reconciler(
      stores.registry,
      pipeline.enqueue,
      options.reconcileGraceMs,
      this.#logger,
    );
    periodic.register({
      name: 'reconciler',
      intervalMs: options.reconcileIntervalMs,
      // On taking over (start-up, or the previous holder died) every open flow is re-driven.
      run: ({ isTakeover }) => reconciler.runOnce(isTakeover ? 0 : options.reconcileGraceMs),
    });
    // Alert checks run once across the cluster too (from the first interval on, as before).
    const alerts = makeAlerts(
      this.#config,
      stores.db,
      pipeline.queues,
      this.layout.root,
      this.#logger,
    );
    this.#alerts = alerts;
    periodic.register({
      name: 'alerts',
      intervalMs: this.#config.alerts.checkIntervalMs,
      run: async ({ isTakeover }) => {
        if (!isTakeover) await alerts.scheduler.runOnce();
      },
    });
    return periodic;
  }

  async start(): Promise<GatewayStatus> {
    const config = this.#config;
    const role = config.role;
    const runsWorkers = role !== 'sftp';
    const runsFront = role !== 'worker';
    this.#checkAlone(role);
    // Written at once (and again when started) so that a second claimer started meanwhile is
    // refused too; removed by stop(), also when this start fails.
    const startedAt = new Date().toISOString();
    this.#runtimeFile = await writeRuntimeInfo(this.layout, {
      pid: process.pid,
      host: hostname(),
      role,
      startedAt,
      redis: undefined,
      sftp: undefined,
    });
    if (runsWorkers) this.#checkSchemas();
    configureDurability(config.storage.durability);
    for (const dir of [this.layout.homes, this.layout.archive, this.layout.claims])
      mkdirSync(dir, { recursive: true });
    const stores = await openStores(this.#config, (error) => {
      this.#logger.warn({ err: error }, 'registry connection lost (it is replaced on next use)');
    });
    this.#stores = stores;
    for (const account of await stores.accounts.list())
      stores.accounts.ensureHome(account.login, account.role);

    const redis = await this.#startRedis();
    const pipeline = new Pipeline({
      redis,
      prefix: config.pipeline.queuePrefix,
      attempts: config.pipeline.attempts,
      backoffMs: config.pipeline.backoffMs,
      lockDurationMs: config.pipeline.lockDurationMs,
      stalledIntervalMs: config.pipeline.stalledIntervalMs,
      maxStalledCount: config.pipeline.maxStalledCount,
      concurrency: {
        intake: config.pipeline.intakeConcurrency,
        route: config.pipeline.routeConcurrency,
        ack: config.pipeline.ackConcurrency,
        status: config.pipeline.statusConcurrency,
        push: config.delivery.push.concurrency,
      },
      push: {
        attempts: config.delivery.push.attempts,
        backoffMs: config.delivery.push.backoffMs,
        maxBackoffMs: config.delivery.push.maxBackoffMs,
      },
    });
    this.#pipeline = pipeline;
    if (runsWorkers) this.#startWorkers(pipeline, stores);

    const ingest: IngestContext = {
      config,
      layout: this.layout,
      stores,
      pipeline,
      metrics: this.metrics,
      logger: this.#logger,
    };
    if (runsFront) await recoverInterruptedClaims(ingest);
    const periodic = this.#periodicWork(pipeline, stores);
    this.#periodic = periodic;
    if (this.#lease) await breakDeadLocalHolder(this.#lease, this.#logger);
    await periodic.start();

    let sftpPort: number | undefined;
    if (runsFront) {
      const started = await startIngest(ingest, (part) => {
        if (part instanceof InboxWatcher) this.#watcher = part;
        else this.#sftp = part;
      });
      sftpPort = started.sftpPort;
    }
    const httpPort = await this.#startHttp(stores, pipeline, sftpPort);
    this.#runtimeFile = await writeRuntimeInfo(this.layout, {
      pid: process.pid,
      host: hostname(),
      role,
      startedAt,
      redis: publicTarget(redis),
      sftp: sftpPort === undefined ? undefined : { host: config.sftp.host, port: sftpPort },
      http: httpPort === undefined ? undefined : { host: config.http.host, port: httpPort },
    });
    return { role, layout: this.layout, redis, sftpPort, httpPort };
  }

  /** Metrics, health and console (src/http), when enabled. */
  async #startHttp(
    stores: Stores,
    pipeline: Pipeline,
    sftpPort: number | undefined,
  ): Promise<number | undefined> {
    const config = this.#config;
    this.metrics.attach({
      db: stores.db,
      queues: pipeline.queues,
    });
    if (!config.http.enabled) return undefined;
    this.#http = new OpsServer({
      host: config.http.host,
      port: config.http.port,
      metrics: this.metrics,
      logger: this.#logger,
      extend: (app) =>
        registerConsole(app, {
          stores,
          queues: pipeline.queues,
          logger: this.#logger,
          secureCookies: config.http.secureCookies,
          enqueueAck: (flowId) => pipeline.enqueue.ack({ flowId }),
        }),
      readiness: () =>
        checkReadiness({
          // A real command through the pipeline's own connection.
          ping: () => pipeline.queues.intake.getJobCounts('waiting'),
          db: stores.db,
          dataDir: this.layout.root,
          sftp: sftpPort === undefined ? undefined : { host: config.sftp.host, port: sftpPort },
          minFreeDiskBytes: config.health.minFreeDiskBytes,
        }),
    });
    try {
      return await this.#http.listen();
    } catch (error) {
      throw new PasserelleError(
        'CONFIG_INVALID',
        `cannot serve HTTP on ${config.http.host}:${config.http.port} (${(error as Error).message}); change http.port (PASSERELLE_HTTP_PORT) or set http.enabled to false`,
        { cause: error },
      );
    }
  }

  /** The step `stop()` is at (logged when a stop outlasts its deadline), or undefined. */
  get stoppingStep(): string | undefined {
    return this.#stoppingStep;
  }

  async stop(): Promise<void> {
    const step = async (name: string, work: () => Promise<void> | void): Promise<void> => {
      this.#stoppingStep = name;
      await work();
    };
    await step('http server', () => this.#http?.close());
    await step('sftp server', () => this.#sftp?.close());
    await step('in-place watcher', () => this.#watcher?.close());
    await step('periodic work', () => this.#periodic?.stop());
    await step('alerts', async () => {
      this.#alerts?.webhook?.stop();
      await this.#alerts?.scheduler.stop();
    });
    // Workers finish their active jobs first (BullMQ's close waits for them).
    await step('pipeline workers and queues', () => this.#pipeline?.close());
    await step('push connections', () => this.#pushConnections?.closeAll());
    await step('embedded redis', () => this.#redis?.stop());
    this.#schemas?.dispose();
    await step('registry', () => this.#stores?.registry.close());
    if (this.#runtimeFile !== undefined) removeRuntimeInfo(this.#runtimeFile);
    closeDurableWrites();
    this.#stoppingStep = undefined;
  }
}
