/**
 * The whole gateway in one process: store, Redis (external or embedded), pipeline workers,
 * claims recovery, reconciler and alert checks, inbox watcher and SFTP server, started in that order so that
 * nothing is accepted before it can be recorded, and stopped in the reverse order.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { dataLayoutOf, type Config, type DataLayout } from '../config/index.js';
import { PasserelleError } from '../errors/index.js';
import { closeDurableWrites, configureDurability } from '../files/index.js';
import { ClaimBatcher, InboxWatcher, recoverClaims } from '../ingest/index.js';
import { DEFAULT_ARCHIVE_LIMITS } from '../ingest/archive/index.js';
import { checkReadiness, Metrics, OpsServer, registerConsole } from '../http/index.js';
import type { Logger } from '../logging/index.js';
import {
  flowKindOf,
  Pipeline,
  pushKeyOf,
  Reconciler,
  type RedisTarget,
} from '../pipeline/index.js';
import { EmbeddedRedis, checkRedisBinary } from '../redis/index.js';
import { PushConnections, removeLeftovers, SftpServer } from '../sftp/index.js';
import { AuditStore } from '../audit/index.js';
import { findMissingSchemas, SchemaCatalog } from '../validate/index.js';
import { makeAlerts, type GatewayAlerts } from './alert-wiring.js';
import { observedAudit } from './observed-audit.js';
import { openStores, type Stores } from './open-stores.js';
import { otherRunningGateway, writeRuntimeInfo } from './runtime-file.js';

/** Files claimed in one batch at most: one journal, one registry commit. */
const CLAIM_BATCH = 256;

export interface GatewayStatus {
  readonly layout: DataLayout;
  readonly redis: RedisTarget;
  readonly sftpPort: number | undefined;
  readonly httpPort: number | undefined;
}

export interface GatewayOptions {
  /** The metrics the gateway and its pipeline report to (one is made when absent). */
  readonly metrics?: Metrics;
}

export class Gateway {
  readonly #config: Config;
  readonly #logger: Logger;
  readonly layout: DataLayout;
  #stores: Stores | undefined;
  #redis: EmbeddedRedis | undefined;
  #pipeline: Pipeline | undefined;
  #reconciler: Reconciler | undefined;
  #alerts: GatewayAlerts | undefined;
  #watcher: InboxWatcher | undefined;
  #sftp: SftpServer | undefined;
  #schemas: SchemaCatalog | undefined;
  #http: OpsServer | undefined;
  #pushConnections: PushConnections | undefined;
  readonly metrics: Metrics;

  constructor(config: Config, logger: Logger, options: GatewayOptions = {}) {
    this.#config = config;
    this.#logger = logger;
    this.layout = dataLayoutOf(config);
    this.metrics = options.metrics ?? new Metrics();
  }

  async #startRedis(): Promise<RedisTarget> {
    const { redis } = this.#config;
    if (redis.url !== undefined) return { url: redis.url };
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

  async start(): Promise<GatewayStatus> {
    // Two gateways on one data directory would claim the same files and the second would stop
    // the first one's embedded Redis: refuse before touching anything.
    const running = otherRunningGateway(this.layout);
    if (running !== undefined) {
      throw new PasserelleError(
        'CONFIG_INVALID',
        `a gateway (pid ${running}) is already running on ${this.layout.root}; stop it first, or give this one another dataDir`,
      );
    }
    const config = this.#config;
    const logger = this.#logger;
    const missing = findMissingSchemas(config.schemasDir);
    if (missing.length > 0) {
      throw new PasserelleError(
        'SCHEMAS_MISSING',
        `official schemas not found in ${config.schemasDir} (missing: ${missing.join(', ')}). Install them: see README, "Installing the schemas", or set PASSERELLE_SCHEMAS_DIR.`,
      );
    }
    configureDurability(config.storage.durability);
    for (const dir of [this.layout.homes, this.layout.archive, this.layout.claims])
      mkdirSync(dir, { recursive: true });
    const schemas = new SchemaCatalog(config.schemasDir);
    schemas.preload();
    this.#schemas = schemas;
    const stores = await openStores(config, (error) => {
      logger.warn({ err: error }, 'registry connection lost (it is replaced on next use)');
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
    const push = config.delivery.push;
    this.#pushConnections = new PushConnections(push.idleCloseMs, push.connectionsPerTarget);
    const pushConnections = this.#pushConnections;
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
      logger,
    });

    const claimContext = {
      layout: this.layout,
      registry: stores.registry,
      kindOf: async (login: string, head: Uint8Array) =>
        flowKindOf((await stores.accounts.get(login))?.role, head),
    };
    const recovered = await recoverClaims(claimContext);
    await pipeline.enqueue.intake(recovered.map((flow) => ({ flowId: flow.id })));
    if (recovered.length > 0)
      logger.info({ flows: recovered.length }, 'recovered interrupted claims');
    const reconciler = new Reconciler(
      stores.registry,
      pipeline.enqueue,
      config.pipeline.reconcileGraceMs,
      logger,
    );
    this.#reconciler = reconciler;
    await reconciler.runOnce(0);
    reconciler.start(config.pipeline.reconcileIntervalMs);
    // Periodic like the reconciler: the same place puts both behind a cluster-wide lease.
    const alerts = makeAlerts(config, stores.db, pipeline.queues, this.layout.root, logger);
    this.#alerts = alerts;
    alerts.scheduler.start(config.alerts.checkIntervalMs);

    const claims = new ClaimBatcher(claimContext, {
      maxBatch: CLAIM_BATCH,
      onClaimed: async (flows) => {
        await pipeline.enqueue
          .intake(flows.map((flow) => ({ flowId: flow.id })))
          .catch((error: unknown) => {
            logger.warn(
              { err: error, flows: flows.length },
              'enqueue failed; the reconciler will retry',
            );
          });
      },
    });
    const watcher = new InboxWatcher({
      homesDir: this.layout.homes,
      folder: 'in',
      stabilityMs: config.ingest.stabilityMs,
      pollIntervalMs: config.ingest.pollIntervalMs,
      usePolling: config.ingest.usePolling,
      watchInPlace:
        config.ingest.watchInPlace === 'on' ||
        (config.ingest.watchInPlace === 'auto' && !config.sftp.enabled),
      rescanIntervalMs: Math.max(5000, config.ingest.stabilityMs * 5),
      // Files claimed at once: they share one claim batch (group commit).
      concurrency: CLAIM_BATCH,
      logger,
      onFile: async (login, file) => {
        // Suppliers drop invoices, entities drop status update files: both are claimed the same
        // way; the intake stage tells them apart by the account's role.
        if ((await stores.accounts.get(login)) === undefined) return;
        const flow = await claims.claim(login, file);
        if (!flow) return;
        this.metrics.fileReceived();
        logger.info(
          {
            flowId: flow.id,
            partner: login,
            file: flow.fileName,
            bytes: flow.sizeBytes,
            sha256: flow.sha256,
          },
          'file received',
        );
      },
    });
    this.#watcher = watcher;
    await watcher.start();

    await removeLeftovers(this.layout.homes, logger);
    let sftpPort: number | undefined;
    if (config.sftp.enabled) {
      const sftp = new SftpServer({
        host: config.sftp.host,
        port: config.sftp.port,
        hostKeyFile:
          config.sftp.hostKeyFile ?? path.join(this.layout.root, 'sftp', 'host_ed25519_key'),
        policy: config.sftp,
        stateDir: path.join(this.layout.root, 'sftp'),
        audit: observedAudit(new AuditStore(stores.db), this.metrics),
        maxUploadBytes: Math.max(config.limits.maxFileBytes * 4, 1024 * 1024),
        accounts: stores.accounts,
        logger,
        onUpload: (account, virtualPath) => {
          watcher.offer(path.join(stores.accounts.homeOf(account.login), virtualPath));
        },
      });
      this.#sftp = sftp;
      try {
        sftpPort = await sftp.listen();
      } catch (error) {
        throw new PasserelleError(
          'CONFIG_INVALID',
          `cannot serve SFTP on ${config.sftp.host}:${config.sftp.port} (${(error as Error).message}); is another gateway running? Change sftp.port (PASSERELLE_SFTP_PORT)`,
          { cause: error },
        );
      }
    }
    const httpPort = await this.#startHttp(stores, pipeline, sftpPort);
    await writeRuntimeInfo(this.layout, {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      redis,
      sftp: sftpPort === undefined ? undefined : { host: config.sftp.host, port: sftpPort },
      http: httpPort === undefined ? undefined : { host: config.http.host, port: httpPort },
    });
    return { layout: this.layout, redis, sftpPort, httpPort };
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

  async stop(): Promise<void> {
    await this.#http?.close();
    await this.#sftp?.close();
    await this.#watcher?.close();
    this.#reconciler?.stop();
    this.#alerts?.webhook?.stop();
    await this.#alerts?.scheduler.stop();
    await this.#pipeline?.close();
    await this.#pushConnections?.closeAll();
    await this.#redis?.stop();
    this.#schemas?.dispose();
    await this.#stores?.registry.close();
    closeDurableWrites();
  }
}
