import type { Actor } from './actor.js';
import type { InvoiceStatus } from './invoice-status.js';
import { reformCodeOf, type ReformCode } from './reform-code.js';

/** One allowed move of the lifecycle. `from: null` is the creation of the invoice. */
export interface Transition {
  readonly from: InvoiceStatus | null;
  readonly to: InvoiceStatus;
  readonly actors: readonly Actor[];
  /** Only where the move has a code of its own, different from its target status's. */
  readonly reformCode?: ReformCode;
}

const RETURN_ACTORS: readonly Actor[] = ['entity', 'operator'];
const ENTITY: readonly Actor[] = ['entity'];

/** The accounting chain after delivery; each step is optional, so any later step may follow. */
const PAYMENT_CHAIN: readonly InvoiceStatus[] = [
  'SERVICE_FAIT',
  'MANDATEE',
  'MISE_A_DISPOSITION_COMPTABLE',
  'COMPTABILISEE',
  'MISE_EN_PAIEMENT',
];

function chainAfter(from: InvoiceStatus, startIndex: number): Transition[] {
  return PAYMENT_CHAIN.slice(startIndex).map((to) => ({ from, to, actors: ENTITY }));
}

/** What the public entity may do with an invoice it has received (fresh or completed). */
function receivedExits(from: InvoiceStatus): Transition[] {
  return [
    { from, to: 'A_RECYCLER', actors: RETURN_ACTORS },
    { from, to: 'SUSPENDUE', actors: RETURN_ACTORS },
    { from, to: 'REJETEE', actors: RETURN_ACTORS },
    ...chainAfter(from, 0),
  ];
}

/**
 * Every allowed transition. docs/lifecycle.md holds the same table for partners; a unit test
 * fails when the two differ.
 */
export const TRANSITIONS: readonly Transition[] = [
  { from: null, to: 'DEPOSEE', actors: ['platform'] },
  // A rejection at deposit (invalid file, no recipient) is the platform's technical 213, not
  // the buyer's business refusal 210.
  { from: null, to: 'REJETEE', actors: ['platform'], reformCode: '213' },
  { from: 'DEPOSEE', to: 'MISE_A_DISPOSITION', actors: ['platform', 'operator'] },
  ...receivedExits('MISE_A_DISPOSITION'),
  { from: 'A_RECYCLER', to: 'DEPOSEE', actors: ['supplier', 'operator'] },
  { from: 'SUSPENDUE', to: 'COMPLETEE', actors: ['supplier'] },
  { from: 'SUSPENDUE', to: 'REJETEE', actors: RETURN_ACTORS },
  ...receivedExits('COMPLETEE'),
  { from: 'SERVICE_FAIT', to: 'SUSPENDUE', actors: RETURN_ACTORS },
  { from: 'SERVICE_FAIT', to: 'REJETEE', actors: RETURN_ACTORS },
  ...chainAfter('SERVICE_FAIT', 1),
  ...chainAfter('MANDATEE', 2),
  ...chainAfter('MISE_A_DISPOSITION_COMPTABLE', 3),
  ...chainAfter('COMPTABILISEE', 4),
];

export function findTransition(
  from: InvoiceStatus | null,
  to: InvoiceStatus,
): Transition | undefined {
  return TRANSITIONS.find((transition) => transition.from === from && transition.to === to);
}

export function nextStatusesOf(from: InvoiceStatus | null): InvoiceStatus[] {
  return TRANSITIONS.filter((transition) => transition.from === from).map(({ to }) => to);
}

/** The reform code a move is reported with. */
export function reformCodeOfTransition(transition: Transition): ReformCode {
  return transition.reformCode ?? reformCodeOf(transition.to);
}
