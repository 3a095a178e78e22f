import type { ValidationIssue } from '../errors/index.js';
import { isActor, type Actor } from './actor.js';
import {
  FINAL_STATUSES,
  isInvoiceStatus,
  isReasonRequired,
  type InvoiceStatus,
} from './invoice-status.js';
import type { ReformCode } from './reform-code.js';
import { statusIssueOf } from './status-issue.js';
import { findTransition, nextStatusesOf, reformCodeOfTransition } from './transition-table.js';

export const MAX_REASON_LENGTH = 1000;

export interface TransitionContext {
  readonly actor: string;
  readonly reason?: string | undefined;
}

export interface AppliedTransition {
  readonly from: InvoiceStatus | null;
  readonly to: InvoiceStatus;
  readonly actor: Actor;
  /** Trimmed; absent when none was given. */
  readonly reason?: string;
  readonly reformCode: ReformCode;
}

export type TransitionResult =
  | { readonly ok: true; readonly transition: AppliedTransition }
  | { readonly ok: false; readonly issue: ValidationIssue };

/**
 * Checks that `actor` may move an invoice from `current` (null: not created yet) to `next`.
 * Pure and total: inputs come from partner files, so every bad value yields an issue.
 */
export function applyTransition(
  current: string | null,
  next: string,
  context: TransitionContext,
): TransitionResult {
  if (current !== null && !isInvoiceStatus(current)) {
    return fail('STATUS_UNKNOWN', `The current status "${current}" is not known.`);
  }
  if (!isInvoiceStatus(next)) {
    return fail('STATUS_UNKNOWN', `The status "${next}" is not known.`);
  }
  if (!isActor(context.actor)) {
    return fail('STATUS_ACTOR_UNKNOWN');
  }
  if (current === next) {
    return fail('STATUS_UNCHANGED', `The invoice is already ${next}; nothing was changed.`);
  }
  const transition = findTransition(current, next);
  if (transition === undefined) {
    return fail('STATUS_TRANSITION_ILLEGAL', describeIllegal(current, next));
  }
  if (!transition.actors.includes(context.actor)) {
    return fail(
      'STATUS_ACTOR_FORBIDDEN',
      `${next} may be set from ${current ?? 'creation'} only by: ${transition.actors.join(', ')}.`,
    );
  }
  const reason = typeof context.reason === 'string' ? context.reason.trim() : '';
  if (reason === '' && isReasonRequired(next)) {
    return fail('STATUS_REASON_REQUIRED', `A reason is mandatory for ${next}.`);
  }
  if (reason.length > MAX_REASON_LENGTH) {
    return fail('STATUS_REASON_TOO_LONG');
  }
  return {
    ok: true,
    transition: {
      from: current,
      to: next,
      actor: context.actor,
      ...(reason === '' ? {} : { reason }),
      reformCode: reformCodeOfTransition(transition),
    },
  };
}

function fail(code: Parameters<typeof statusIssueOf>[0], message?: string): TransitionResult {
  return { ok: false, issue: statusIssueOf(code, message === undefined ? {} : { message }) };
}

function describeIllegal(current: InvoiceStatus | null, next: InvoiceStatus): string {
  if (current !== null && FINAL_STATUSES.has(current)) {
    return `${current} is final: no status can follow it.`;
  }
  const allowed = nextStatusesOf(current);
  return `Cannot move from ${current ?? 'creation'} to ${next}; allowed: ${allowed.join(', ')}.`;
}
