import type { StatusNotification } from '../../../src/status/index.js';

/** A full notification: a suspension decided by the public entity. */
export const SUSPENSION: StatusNotification = {
  accountId: 'fournisseur-acme',
  sequence: 42,
  invoiceId: 'INV-2026-000042',
  supplier: { siret: '12345678200010', name: 'ACME & Fils <SAS>' },
  invoiceNumber: 'FA-2026/0815',
  invoiceIssueDate: '2026-11-02',
  invoiceTypeCode: '380',
  recipient: { siret: '21750001600019', serviceCode: 'SERVICE-TECH', name: 'Commune "exemple"' },
  status: 'SUSPENDUE',
  previousStatus: 'MISE_A_DISPOSITION',
  reason: 'Bon de livraison manquant\net date de service absente',
  reasonCode: 'PJ_MANQUANTE',
  changedBy: { actor: 'entity', name: 'Service facturier' },
  changedAt: '2026-11-21T09:30:00+01:00',
};

/** The smallest notification: the creation of an invoice. */
export const DEPOSIT: StatusNotification = {
  accountId: 'fournisseur-acme',
  sequence: 1,
  invoiceId: 'INV-2026-000001',
  supplier: { siret: '12345678200010' },
  invoiceNumber: 'FA-2026/0001',
  recipient: { siret: '21750001600019' },
  status: 'DEPOSEE',
  previousStatus: null,
  changedBy: { actor: 'platform' },
  changedAt: '2026-11-20T23:30:00Z',
};
