import type { StatusFileFormat } from '../status/index.js';

/**
 * Jobs carry ids only: the registry holds everything else, so a job is cheap to re-create.
 * Intake, route and ack jobs name a flow (one route job routes every pending invoice of its
 * flow); a status job names one entry of an account's status feed.
 */
export interface FlowJob {
  readonly flowId: string;
}

export interface StatusJob {
  readonly account: string;
  readonly seq: number;
}

/**
 * A push to an entity's own server (docs/push-delivery.md): one delivered invoice with its
 * metadata file, or one status file of the entity's feed.
 */
export type PushJob =
  | { readonly invoiceId: string }
  | { readonly account: string; readonly seq: number; readonly format: StatusFileFormat };

/** The data of each queue's jobs. */
export interface JobDataOf {
  readonly intake: FlowJob;
  readonly route: FlowJob;
  readonly ack: FlowJob;
  readonly status: StatusJob;
  readonly push: PushJob;
}
