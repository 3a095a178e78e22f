/**
 * The gateway's Prometheus metrics. Two kinds:
 * - derived at scrape time, so they need nothing from the pipeline: flows and invoices by
 *   state (indexed SQL counts), queue depths and dead letters (BullMQ job counts), end-to-end
 *   latency of the flows acknowledged since the last scrape, and the duration of the intake
 *   and route jobs BullMQ keeps once complete;
 * - fed by hooks (`MetricsHooks`) that the pipeline and the SFTP server call as things happen.
 * Labels are bounded: stage, queue, state, outcome, code, never an invoice or a partner.
 */
import { ALERT_KINDS, AlertStore } from '../alerts/index.js';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry as PromRegistry,
} from 'prom-client';
import { countAcksByState, countFlowsByState, countInvoicesByState } from '../ops/index.js';
import type { SqliteDatabase } from '../store/index.js';
import type { MetricsHooks, QueueLike, SettleOutcome } from './metrics-hooks.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;
const LATENCY_BUCKETS_S = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
const STAGE_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Completed jobs read per queue and scrape for the stage histogram. */
const COMPLETED_WINDOW = 200;

export interface MetricsSources {
  readonly db: SqliteDatabase;
  readonly queues: Readonly<Record<string, QueueLike>>;
  /** Queues whose completed jobs are kept (their durations feed the stage histogram). */
  readonly timedQueues?: readonly string[];
}

export class Metrics implements MetricsHooks {
  readonly registry = new PromRegistry();
  #sources: MetricsSources | undefined;
  #lastAckAt: string | undefined;
  readonly #lastFinishedOn = new Map<string, number>();
  #sftpSessions = 0;
  readonly #filesReceived: Counter;
  readonly #invoicesSettled: Counter<'outcome'>;
  readonly #stageSeconds: Histogram<'stage'>;
  readonly #endToEndSeconds: Histogram;
  readonly #validationSeconds: Histogram;
  readonly #sftpLoginsFailed: Counter;
  readonly #sftpLogins: Counter;
  readonly #sftpSessionsGauge: Gauge;
  readonly #pushes: Counter<'kind' | 'outcome'>;

  constructor(options: { readonly defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.#filesReceived = new Counter({
      name: 'passerelle_files_received_total',
      help: 'Files claimed from the partners inboxes since start',
      registers,
    });
    this.#pushes = new Counter({
      name: 'passerelle_pushes_total',
      help: 'Pushes to entities servers since start, by kind (invoice, status) and outcome (pushed, retry, dead, rerouted)',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    this.#invoicesSettled = new Counter({
      name: 'passerelle_invoices_settled_total',
      help: 'Invoices settled since start, by outcome (pipeline hook)',
      labelNames: ['outcome'],
      registers,
    });
    this.#stageSeconds = new Histogram({
      name: 'passerelle_stage_duration_seconds',
      help: 'Duration of pipeline jobs by stage (intake, route: from BullMQ; others: pipeline hook)',
      labelNames: ['stage'],
      buckets: STAGE_BUCKETS_S,
      registers,
      // Observed when scraped, before the values are read.
      collect: () => this.#observeCompleted(),
    });
    this.#endToEndSeconds = new Histogram({
      name: 'passerelle_flow_end_to_end_seconds',
      help: 'From a file received to its acknowledgement written',
      buckets: LATENCY_BUCKETS_S,
      registers,
      collect: () => {
        const db = this.#sources?.db;
        if (db) this.#observeAcknowledged(db);
      },
    });
    this.#validationSeconds = new Histogram({
      name: 'passerelle_validation_duration_seconds',
      help: 'Validation time of one invoice, all layers (pipeline hook)',
      buckets: STAGE_BUCKETS_S,
      registers,
    });
    this.#sftpLogins = new Counter({
      name: 'passerelle_sftp_logins_total',
      help: 'Successful SFTP logins (SFTP hook)',
      registers,
    });
    this.#sftpLoginsFailed = new Counter({
      name: 'passerelle_sftp_login_failures_total',
      help: 'Failed SFTP authentication attempts (SFTP hook)',
      registers,
    });
    this.#sftpSessionsGauge = new Gauge({
      name: 'passerelle_sftp_sessions',
      help: 'Open SFTP sessions (SFTP hook)',
      registers,
    });
    this.#defineScrapeGauges();
  }

  /** Where scrape-time metrics are read from; set by the gateway once its stores and queues exist. */
  attach(sources: MetricsSources): void {
    this.#sources = sources;
    // Flows acknowledged before this start are history, not latency to report now.
    this.#lastAckAt ??= new Date().toISOString();
  }

  #defineScrapeGauges(): void {
    const registers = [this.registry];
    const flows: Gauge<'state'> = new Gauge({
      name: 'passerelle_flows',
      help: 'Flows in the registry by state (RECEIVED, PROCESSING, ACKED)',
      labelNames: ['state'],
      registers,
      collect: () => {
        const db = this.#sources?.db;
        if (!db) return;
        flows.reset();
        for (const row of countFlowsByState(db)) flows.set({ state: row.state }, row.count);
      },
    });
    const acks: Gauge<'ack_state'> = new Gauge({
      name: 'passerelle_flows_acknowledged',
      help: 'Acknowledged flows by acknowledgement state',
      labelNames: ['ack_state'],
      registers,
      collect: () => {
        const db = this.#sources?.db;
        if (!db) return;
        acks.reset();
        for (const row of countAcksByState(db)) acks.set({ ack_state: row.state }, row.count);
      },
    });
    const invoices: Gauge<'state'> = new Gauge({
      name: 'passerelle_invoices',
      help: 'Invoices in the registry by state (PENDING, DELIVERED, REJECTED, INCIDENT)',
      labelNames: ['state'],
      registers,
      collect: () => {
        const db = this.#sources?.db;
        if (!db) return;
        invoices.reset();
        for (const row of countInvoicesByState(db)) invoices.set({ state: row.state }, row.count);
      },
    });
    const alerts: Gauge<'kind'> = new Gauge({
      name: 'passerelle_alerts_active',
      help: 'Active alerts by kind (BATCH_LATE, DEAD_LETTERS, FLOW_NOT_ACKNOWLEDGED, DISK_LOW)',
      labelNames: ['kind'],
      registers,
      collect: () => {
        const db = this.#sources?.db;
        if (!db) return;
        alerts.reset();
        for (const kind of Object.keys(ALERT_KINDS)) alerts.set({ kind }, 0);
        for (const alert of new AlertStore(db).listActive()) alerts.inc({ kind: alert.kind });
      },
    });
    const jobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'passerelle_queue_jobs',
      help: 'Pipeline jobs by queue and state',
      labelNames: ['queue', 'state'],
      registers,
      collect: async () => {
        const queues = this.#sources?.queues;
        if (!queues) return;
        jobs.reset();
        for (const [queue, item] of Object.entries(queues)) {
          const counts = await item.getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) jobs.set({ queue, state }, counts[state] ?? 0);
        }
      },
    });
    const dead: Gauge<'queue'> = new Gauge({
      name: 'passerelle_dead_letters',
      help: 'Jobs failed after their last attempt, waiting for an operator (passerelle queue failed)',
      labelNames: ['queue'],
      registers,
      collect: async () => {
        const queues = this.#sources?.queues;
        if (!queues) return;
        dead.reset();
        for (const [queue, item] of Object.entries(queues))
          dead.set({ queue }, (await item.getJobCounts('failed')).failed ?? 0);
      },
    });
  }

  /** Flows acknowledged since the last scrape feed the end-to-end histogram. */
  #observeAcknowledged(db: SqliteDatabase): void {
    const since = this.#lastAckAt ?? '';
    const rows = db
      .prepare(
        "SELECT received_at AS receivedAt, ack_at AS ackAt, updated_at AS updatedAt FROM flows WHERE state = 'ACKED' AND updated_at > ? ORDER BY updated_at LIMIT 10000",
      )
      .all(since) as { receivedAt: string; ackAt: string | null; updatedAt: string }[];
    for (const row of rows) {
      const seconds = (Date.parse(row.ackAt ?? row.updatedAt) - Date.parse(row.receivedAt)) / 1000;
      if (Number.isFinite(seconds) && seconds >= 0) this.#endToEndSeconds.observe(seconds);
      this.#lastAckAt = row.updatedAt;
    }
  }

  async #observeCompleted(): Promise<void> {
    const sources = this.#sources;
    if (!sources) return;
    for (const stage of sources.timedQueues ?? []) {
      const queue = sources.queues[stage];
      if (!queue?.getCompleted) continue;
      const last = this.#lastFinishedOn.get(stage) ?? 0;
      let newest = last;
      for (const job of await queue.getCompleted(0, COMPLETED_WINDOW - 1)) {
        const { processedOn, finishedOn } = job;
        if (processedOn === undefined || finishedOn === undefined || finishedOn <= last) continue;
        this.#stageSeconds.observe({ stage }, Math.max(0, finishedOn - processedOn) / 1000);
        newest = Math.max(newest, finishedOn);
      }
      this.#lastFinishedOn.set(stage, newest);
    }
  }

  fileReceived(): void {
    this.#filesReceived.inc();
  }

  invoiceSettled(outcome: SettleOutcome): void {
    this.#invoicesSettled.inc({ outcome });
  }

  pushSettled(kind: 'invoice' | 'status', outcome: 'pushed' | 'retry' | 'dead' | 'rerouted'): void {
    this.#pushes.inc({ kind, outcome });
  }

  stageCompleted(stage: string, seconds: number): void {
    this.#stageSeconds.observe({ stage }, seconds);
  }

  validationTimed(seconds: number): void {
    this.#validationSeconds.observe(seconds);
  }

  sftpLogin(succeeded: boolean): void {
    if (succeeded) this.#sftpLogins.inc();
    else this.#sftpLoginsFailed.inc();
  }

  sftpSessionOpened(): void {
    this.#sftpSessions += 1;
    this.#setSessions();
  }

  sftpSessionClosed(): void {
    this.#sftpSessions = Math.max(0, this.#sftpSessions - 1);
    this.#setSessions();
  }

  #setSessions(): void {
    this.#sftpSessionsGauge.set(this.#sftpSessions);
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ readonly contentType: string; readonly body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
