import type { InvoiceStatus } from './invoice-status.js';

/**
 * Lifecycle statuses of the French e-invoicing reform (XP Z12-012 / FNFE), by code.
 * Only the codes the gateway can meet are listed; labels are the official French ones and
 * travel in CDAR messages (`ram:ProcessCondition`).
 */
export const REFORM_LIFECYCLE_LABELS = {
  '200': 'Déposée',
  '201': 'Émise par la plateforme',
  '202': 'Reçue par la plateforme',
  '203': 'Mise à disposition',
  '204': 'Prise en charge',
  '205': 'Approuvée',
  '206': 'Approuvée partiellement',
  '207': 'En litige',
  '208': 'Suspendue',
  '209': 'Complétée',
  '210': 'Refusée',
  '211': 'Paiement transmis',
  '212': 'Encaissée',
  '213': 'Rejetée',
  '214': 'Visée',
  '220': 'Annulée',
  '221': 'Erreur de routage',
} as const;

export type ReformCode = keyof typeof REFORM_LIFECYCLE_LABELS;

/**
 * Chorus Pro status → reform code. Several Chorus Pro steps of the public accounting chain
 * (mandate, hand-over to the public accountant, booking) have no reform counterpart: they all
 * say "approved for payment" (205). The reasons are in docs/lifecycle.md.
 */
export const STATUS_REFORM_CODES: Readonly<Record<InvoiceStatus, ReformCode>> = {
  DEPOSEE: '200',
  MISE_A_DISPOSITION: '203',
  A_RECYCLER: '221',
  SUSPENDUE: '208',
  COMPLETEE: '209',
  REJETEE: '210',
  SERVICE_FAIT: '204',
  MANDATEE: '205',
  MISE_A_DISPOSITION_COMPTABLE: '205',
  COMPTABILISEE: '205',
  MISE_EN_PAIEMENT: '211',
};

/**
 * Reform code → the Chorus Pro status an incoming lifecycle message is applied as. Where
 * several statuses share a code the earliest step wins, so that a later, more precise status
 * can still follow.
 */
const REFORM_CODE_STATUSES: Readonly<Partial<Record<ReformCode, InvoiceStatus>>> = {
  '200': 'DEPOSEE',
  '203': 'MISE_A_DISPOSITION',
  '204': 'SERVICE_FAIT',
  '205': 'MANDATEE',
  '208': 'SUSPENDUE',
  '209': 'COMPLETEE',
  '210': 'REJETEE',
  '211': 'MISE_EN_PAIEMENT',
  '221': 'A_RECYCLER',
};

export function isReformCode(value: unknown): value is ReformCode {
  return typeof value === 'string' && Object.hasOwn(REFORM_LIFECYCLE_LABELS, value);
}

export function reformCodeOf(status: InvoiceStatus): ReformCode {
  return STATUS_REFORM_CODES[status];
}

export function reformLabelOf(code: ReformCode): string {
  return REFORM_LIFECYCLE_LABELS[code];
}

/** The Chorus Pro status for a reform code, or undefined when the gateway has none. */
export function statusOfReformCode(code: string): InvoiceStatus | undefined {
  return isReformCode(code) ? REFORM_CODE_STATUSES[code] : undefined;
}

/**
 * Whether a change is visible in the reform's lifecycle. Steps of the public accounting chain
 * share 205: a CDAR message is only worth sending when the code moves.
 */
export function isReformCodeChange(previous: InvoiceStatus | null, next: InvoiceStatus): boolean {
  return previous === null || reformCodeOf(previous) !== reformCodeOf(next);
}
