import type { InvoiceStatus } from './invoice-status.js';

/**
 * Chorus Pro "CPP Statut" (pivot V1.19) codes and how the gateway's lifecycle maps onto them.
 * The table is repeated in docs/lifecycle.md (a unit test keeps both equal), with the codes
 * that have no counterpart and why.
 */

/** Invoice-level statuses (`CPPFactureStatuts/…/IdStatut`) the gateway writes, with the official label. */
export const CPP_INVOICE_STATUS_LABELS = {
  '01': 'Déposée',
  '03': 'Mise à disposition du destinataire',
  '04': 'Rejetée par l’ordonnateur pour erreur dans les données d’acheminement',
  '05': 'Rejetée par l’ordonnateur pour autre motif',
  '06': 'Suspendue',
  '07': 'Service fait',
  '08': 'Mandatée / DP validée',
  '09': 'Mise à disposition du comptable',
  '10': 'Comptabilisée',
  '11': 'Mise en paiement',
  '12': 'Complétée – mise à disposition',
  '37': 'Non conforme – non intégrée',
} as const;

export type CppInvoiceStatusCode = keyof typeof CPP_INVOICE_STATUS_LABELS;

/** Gateway status → CPP Statut invoice code. REJETEE at deposit (reform 213) is 37 instead. */
export const CPP_INVOICE_STATUS_CODES: Readonly<Record<InvoiceStatus, CppInvoiceStatusCode>> = {
  DEPOSEE: '01',
  MISE_A_DISPOSITION: '03',
  A_RECYCLER: '04',
  SUSPENDUE: '06',
  COMPLETEE: '12',
  REJETEE: '05',
  SERVICE_FAIT: '07',
  MANDATEE: '08',
  MISE_A_DISPOSITION_COMPTABLE: '09',
  COMPTABILISEE: '10',
  MISE_EN_PAIEMENT: '11',
};

/** The code of a rejection by the gateway at deposit (reform code 213). */
export const CPP_DEPOSIT_REJECTION: CppInvoiceStatusCode = '37';

/** The invoice code of a change; `reformCode` 213 marks the gateway's own rejection. */
export function cppInvoiceStatusOf(
  status: InvoiceStatus,
  reformCode?: string,
): CppInvoiceStatusCode {
  return status === 'REJETEE' && reformCode === '213'
    ? CPP_DEPOSIT_REJECTION
    : CPP_INVOICE_STATUS_CODES[status];
}

/**
 * CPP Statut invoice code → the status an incoming line is applied as. 37 is the platform's
 * own verdict and 02 a routing step: a public entity cannot send them.
 */
export function statusOfCppInvoiceCode(code: string): InvoiceStatus | undefined {
  const normalised = /^\d{1,2}$/.test(code) ? code.padStart(2, '0') : code;
  if (normalised === CPP_DEPOSIT_REJECTION) return undefined;
  const entry = Object.entries(CPP_INVOICE_STATUS_CODES).find(([, cpp]) => cpp === normalised);
  return entry?.[0] as InvoiceStatus | undefined;
}

/** Flow-level statuses (`CPPFluxStatuts/…/IdStatut`) the gateway writes. */
export const CPP_FLOW_STATUS_LABELS = {
  '90': 'Reçu',
  '93': 'Erreur réception',
  '96': 'Reçu – intégration partielle',
} as const;

export type CppFlowStatusCode = keyof typeof CPP_FLOW_STATUS_LABELS;

/** The state of a flow's acknowledgement (docs/acknowledgements.md) → CPP Statut flow code. */
export const CPP_FLOW_STATUS_CODES = {
  IN_INTEGRE: '90',
  IN_INTEGRE_PARTIEL: '96',
  IN_REJETE: '93',
  IN_INCIDENTE: '93',
} as const satisfies Record<string, CppFlowStatusCode>;

export type CppFlowAckState = keyof typeof CPP_FLOW_STATUS_CODES;

export function isCppFlowAckState(value: unknown): value is CppFlowAckState {
  return typeof value === 'string' && Object.hasOwn(CPP_FLOW_STATUS_CODES, value);
}
