/**
 * Dead letters (jobs failed after their last attempt, or not retryable) grouped by cause. The
 * cause is the stable error code the pipeline puts in front of the failure message
 * ("STORAGE_IO: ..."); a failure without one (a bug, a foreign error) is grouped as UNCODED.
 */
export const UNCODED = 'UNCODED';

export interface DeadLetter {
  readonly queue: string;
  readonly jobId: string;
  readonly attempts: number;
  readonly reason: string;
  readonly failedAt: string | undefined;
  readonly flowId: string | undefined;
  readonly invoiceId: string | undefined;
}

export interface DeadLetterGroup {
  readonly code: string;
  readonly count: number;
  readonly letters: readonly DeadLetter[];
}

/** The jobs' fields this reads (a BullMQ Job has them). */
export interface FailedJobLike {
  readonly id?: string | undefined;
  readonly attemptsMade: number;
  readonly failedReason: string;
  readonly finishedOn?: number | undefined;
  readonly data: unknown;
}

const CODE_PREFIX = /^([A-Z][A-Z0-9_]{2,}):/;

export function failureCodeOf(reason: string): string {
  return CODE_PREFIX.exec(reason)?.[1] ?? UNCODED;
}

function field(data: unknown, name: string): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

export function toDeadLetter(queue: string, job: FailedJobLike): DeadLetter {
  return {
    queue,
    jobId: job.id ?? '?',
    attempts: job.attemptsMade,
    reason: job.failedReason,
    failedAt: job.finishedOn === undefined ? undefined : new Date(job.finishedOn).toISOString(),
    flowId: field(job.data, 'flowId'),
    invoiceId: field(job.data, 'invoiceId'),
  };
}

/** Groups by code, the largest group first, then by code name. */
export function groupDeadLetters(letters: readonly DeadLetter[]): DeadLetterGroup[] {
  const groups = new Map<string, DeadLetter[]>();
  for (const letter of letters) {
    const code = failureCodeOf(letter.reason);
    const group = groups.get(code) ?? [];
    group.push(letter);
    groups.set(code, group);
  }
  return [...groups.entries()]
    .map(([code, items]) => ({ code, count: items.length, letters: items }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
