/** Types shared by the console's route files. */
import type { FailedJobLike, Operator } from '../../ops/index.js';
import type { PageUser } from './html.js';

export interface ConsoleJob extends FailedJobLike {
  retry(state?: 'failed' | 'completed'): Promise<void>;
  remove(): Promise<void>;
}

export interface ConsoleQueue {
  getJobCounts(...states: string[]): Promise<Record<string, number | undefined>>;
  getFailed(start: number, end: number): Promise<readonly ConsoleJob[]>;
}

export interface Viewer {
  readonly operator: Operator;
  readonly user: PageUser;
  readonly sessionId: string;
}
