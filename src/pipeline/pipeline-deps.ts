import type { AccountStore, PushTarget } from '../accounts/index.js';
import type { PushConnections } from '../sftp/index.js';
import type { DirectoryStore } from '../directory/index.js';
import type { Logger } from '../logging/index.js';
import type { Registry } from '../registry/index.js';
import type { FacturXPolicy, FrRuleOverrides, SchemaCatalog } from '../validate/index.js';
import type { ArchiveLimits } from '../ingest/archive/index.js';

/** What the pipeline reports as it goes (the gateway's metrics; nothing in tests). */
export interface PipelineObserver {
  invoiceSettled(outcome: 'DELIVERED' | 'REJECTED' | 'INCIDENT'): void;
  stageCompleted(stage: string, seconds: number): void;
  /** A push to an entity's server: done, failed (will retry), or dead-lettered with its code. */
  pushSettled?(kind: 'invoice' | 'status', outcome: 'pushed' | 'retry' | 'dead' | 'rerouted'): void;
  /** The validation of one invoice (all layers), in seconds. */
  validationTimed?(seconds: number): void;
}

/** What push delivery needs (docs/push-delivery.md); absent, owed pushes wait. */
export interface PushDeps {
  readonly connections: PushConnections;
  readonly connectTimeoutMs: number;
  /** The private key for a target (its file, its variable, or the platform's); PUSH_KEY_UNAVAILABLE. */
  privateKeyOf(target: PushTarget): string;
}

/** What the stage processors need, passed in (no globals). */
export interface PipelineDeps {
  readonly registry: Registry;
  readonly accounts: AccountStore;
  readonly directory: DirectoryStore;
  readonly schemas: SchemaCatalog;
  readonly maxFileBytes: number;
  readonly facturx: FacturXPolicy;
  /** Settings of the French rules (config `validation.fr.rules`). */
  readonly frRules: FrRuleOverrides;
  readonly archiveLimits: ArchiveLimits;
  /** FLOW_DUPLICATE and INVOICE_NUMBER_DUPLICATE (config `ingest.duplicateChecks`). */
  readonly duplicateChecks: boolean;
  readonly logger: Logger;
  readonly observer?: PipelineObserver | undefined;
  readonly push?: PushDeps | undefined;
}
