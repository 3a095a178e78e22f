/**
 * The front of the gateway (role `sftp`, and `all`): claims recovery, the claim batcher, the
 * inbox watcher and the embedded SFTP server. Claiming lives here, beside the server, rather
 * than in the workers: the server hands each completed upload to the batcher in-process (no
 * watching of a shared folder), the claim is a rename and one registry commit (cheap next to
 * validation), and one claimer per data directory keeps claim journals and their recovery
 * simple (two claimers would race on the same journal at start-up).
 */
import path from 'node:path';
import type { Config, DataLayout } from '../config/index.js';
import { PasserelleError } from '../errors/index.js';
import type { Metrics } from '../http/index.js';
import { ClaimBatcher, InboxWatcher, recoverClaims, type ClaimContext } from '../ingest/index.js';
import type { Logger } from '../logging/index.js';
import { flowKindOf, type Pipeline } from '../pipeline/index.js';
import { removeLeftovers, SftpServer } from '../sftp/index.js';
import { AuditStore } from '../audit/index.js';
import { observedAudit } from './observed-audit.js';
import type { Stores } from '../state/index.js';

/** Files claimed in one batch at most: one journal, one registry commit. */
const CLAIM_BATCH = 256;

export interface IngestContext {
  readonly config: Config;
  readonly layout: DataLayout;
  readonly stores: Stores;
  readonly pipeline: Pipeline;
  readonly metrics: Metrics;
  readonly logger: Logger;
}

export function claimContextOf(context: IngestContext): ClaimContext {
  const { stores } = context;
  return {
    layout: context.layout,
    registry: stores.registry,
    kindOf: async (login: string, head: Uint8Array) =>
      flowKindOf((await stores.accounts.get(login))?.role, head),
  };
}

/** Finishes the claims a crash interrupted and queues their flows. */
export async function recoverInterruptedClaims(context: IngestContext): Promise<void> {
  const recovered = await recoverClaims(claimContextOf(context));
  await context.pipeline.enqueue.intake(recovered.map((flow) => ({ flowId: flow.id })));
  if (recovered.length > 0)
    context.logger.info({ flows: recovered.length }, 'recovered interrupted claims');
}

export interface Ingest {
  readonly watcher: InboxWatcher;
  readonly sftp: SftpServer | undefined;
  readonly sftpPort: number | undefined;
}

function watcherOf(context: IngestContext, claims: ClaimBatcher): InboxWatcher {
  const { config, stores, logger } = context;
  return new InboxWatcher({
    homesDir: context.layout.homes,
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
      context.metrics.fileReceived();
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
}

/** Starts claiming and, when enabled, the SFTP server; `onStarted` keeps what must be closed. */
export async function startIngest(
  context: IngestContext,
  onStarted: (part: InboxWatcher | SftpServer) => void,
): Promise<Ingest> {
  const { config, stores, pipeline, logger } = context;
  const claims = new ClaimBatcher(claimContextOf(context), {
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
  const watcher = watcherOf(context, claims);
  onStarted(watcher);
  await watcher.start();
  await removeLeftovers(context.layout.homes, logger);
  if (!config.sftp.enabled) return { watcher, sftp: undefined, sftpPort: undefined };
  const sftp = new SftpServer({
    host: config.sftp.host,
    port: config.sftp.port,
    hostKeyFile:
      config.sftp.hostKeyFile ?? path.join(context.layout.root, 'sftp', 'host_ed25519_key'),
    policy: config.sftp,
    stateDir: path.join(context.layout.root, 'sftp'),
    audit: observedAudit(new AuditStore(stores.db), context.metrics),
    maxUploadBytes: Math.max(config.limits.maxFileBytes * 4, 1024 * 1024),
    accounts: stores.accounts,
    logger,
    onUpload: (account, virtualPath) => {
      watcher.offer(path.join(stores.accounts.homeOf(account.login), virtualPath));
    },
  });
  onStarted(sftp);
  try {
    return { watcher, sftp, sftpPort: await sftp.listen() };
  } catch (error) {
    throw new PasserelleError(
      'CONFIG_INVALID',
      `cannot serve SFTP on ${config.sftp.host}:${config.sftp.port} (${(error as Error).message}); is another gateway running? Change sftp.port (PASSERELLE_SFTP_PORT)`,
      { cause: error },
    );
  }
}
