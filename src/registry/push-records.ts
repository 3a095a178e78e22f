import type { StatusFileFormat } from '../status/index.js';

/**
 * Push delivery of an invoice or a status file to an entity's own server: owed (PENDING),
 * done (PUSHED), or replaced by a delivery to the entity's SFTP home (REROUTED).
 */
export type PushState = 'PENDING' | 'PUSHED' | 'REROUTED';
export type PushOutcome = Exclude<PushState, 'PENDING'>;

/** One file of an account's status feed. */
export interface FeedKey {
  readonly account: string;
  readonly seq: number;
  readonly format: StatusFileFormat;
}
