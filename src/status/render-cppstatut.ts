/**
 * Writes Chorus Pro "CPP Statut" files (pivot V1.19, AIFE): one invoice status
 * (`CPPFactureStatuts`) per status change, one flow status (`CPPFluxStatuts`) per deposited
 * file. Valid against the official CPPStatutPivot_V1_19.xsd (unit tests). Pure: the same input
 * gives the same bytes (no clock, no counter).
 */
import { xmlElement, xmlEmptyElement, xmlStartTag } from '../xml/index.js';
import {
  CPP_FLOW_STATUS_CODES,
  cppInvoiceStatusOf,
  type CppFlowAckState,
} from './cppstatut-codes.js';
import { flowStatusFileName, statusFileName } from './file-name/index.js';
import type { StatusNotification } from './status-notification.js';

export const CPPSTATUT_VERSION = 'V1_19';

/** The gateway as sender of the files (`Emetteur`): the pivot allows 3 to 8 characters. */
export const CPPSTATUT_SENDER = { id: 'PASSEREL', label: 'Passerelle' } as const;

/** One problem of a deposited file, as a `LigneErreurDetail`. */
export interface CppFlowError {
  /** `Bloquante` (the invoice or file was refused) or `Non bloquante` (a warning). */
  readonly nature: string;
  readonly code: string;
  readonly label: string;
  readonly description?: string;
}

/** The flow-level status of one deposited file, for the account that dropped it. */
export interface CppFlowStatus {
  readonly accountId: string;
  readonly sequence: number;
  readonly flowId: string;
  readonly fileName: string;
  readonly ackState: CppFlowAckState;
  /** When the file was acknowledged (ISO 8601 with offset). */
  readonly acknowledgedAt: string;
  readonly errors: readonly CppFlowError[];
}

/** `Recepteur/Id` is 3 to 8 characters: the login, cut or padded; the full login is the label. */
function receiverId(accountId: string): string {
  return accountId.slice(0, 8).padEnd(3, '_');
}

function envelope(accountId: string, producedAt: string, fileId: string): string[] {
  const parameter = (order: string, code: string, value: string): string[] => [
    `        ${xmlStartTag('ParametreIndiv', { NumOrdre: order })}`,
    `          ${xmlElement('Code', code)}`,
    `          ${xmlElement('Valeurparametre', value)}`,
    '        </ParametreIndiv>',
  ];
  return [
    '  <Enveloppe>',
    `    ${xmlStartTag('EnveloppeUnitaire', { NumOrdre: '1' })}`,
    '      <Parametres>',
    ...parameter('0001', 'DtPrd', producedAt),
    ...parameter('0002', 'IdFlx', fileId),
    '      </Parametres>',
    '      <Partenaires>',
    '        <Recepteur>',
    `          ${xmlElement('Id', receiverId(accountId))}`,
    `          ${xmlElement('Libelle', accountId)}`,
    '        </Recepteur>',
    '        <Emetteur>',
    `          ${xmlElement('Id', CPPSTATUT_SENDER.id)}`,
    `          ${xmlElement('Libelle', CPPSTATUT_SENDER.label)}`,
    '        </Emetteur>',
    '      </Partenaires>',
    '    </EnveloppeUnitaire>',
    '  </Enveloppe>',
  ];
}

function document(body: string[]): string {
  return `${[
    '<?xml version="1.0" encoding="UTF-8"?>',
    xmlStartTag('CPPStatut', { Version: CPPSTATUT_VERSION }),
    ...body,
    '</CPPStatut>',
  ].join('\n')}\n`;
}

function optional(indent: string, element: string, value: string | undefined): string[] {
  return value === undefined || value === '' ? [] : [`${indent}${xmlElement(element, value)}`];
}

/** The file stem, which is also the flow id of the status file (`IdFlx`). */
function stemOf(fileName: string): string {
  return fileName.replace(/\.cppstatut\.xml$/, '');
}

/** The invoice-level status of one change (`CPPFactureStatuts`, one `CPPFactureStatutUnitaire`). */
export function renderCppInvoiceStatus(notification: StatusNotification): string {
  const n = notification;
  const code = cppInvoiceStatusOf(n.status, n.reformCode);
  const stem = stemOf(statusFileName(n, 'cppstatut'));
  const producer = n.changedBy.actor === 'entity' ? n.recipient.siret : CPPSTATUT_SENDER.id;
  const i = '          ';
  return document([
    ...envelope(n.accountId, n.changedAt, stem),
    `  ${xmlStartTag('CPPFactureStatuts', { compteur: '1' })}`,
    `    ${xmlStartTag('CPPFactureStatutUnitaire', { NumOrdre: '1' })}`,
    '      <Fournisseur>',
    `        ${xmlElement('TypeIdentifiant', '1')}`,
    `        ${xmlElement('Identifiant', n.supplier.siret)}`,
    `        ${xmlElement('RaisonSociale', n.supplier.name ?? n.supplier.siret)}`,
    '      </Fournisseur>',
    '      <Debiteur>',
    `        ${xmlElement('TypeIdentifiant', '1')}`,
    `        ${xmlElement('Identifiant', n.recipient.siret)}`,
    ...optional('        ', 'Nom', n.recipient.name),
    ...optional('        ', 'CodeService', n.recipient.serviceCode),
    '      </Debiteur>',
    '      <DonneesStatut>',
    `${i}${xmlElement('IdStatut', code)}`,
    ...optional(i, 'ComplementStatut', n.reasonCode),
    ...optional(i, 'Commentaire', n.reason),
    `${i}${xmlElement('Horodatage', n.changedAt)}`,
    `${i}${xmlEmptyElement('Producteur', { Id: producer })}`,
    `${i}${xmlElement('IdFacture', n.invoiceNumber)}`,
    ...optional(i, 'DateFacture', n.invoiceIssueDate),
    '      </DonneesStatut>',
    '    </CPPFactureStatutUnitaire>',
    '  </CPPFactureStatuts>',
  ]);
}

/** The flow-level status of a deposited file (`CPPFluxStatuts`), one error line per issue. */
export function renderCppFlowStatus(status: CppFlowStatus): string {
  const s = status;
  const stem = stemOf(flowStatusFileName(s.sequence, s.flowId));
  const i = '        ';
  const details =
    s.errors.length === 0
      ? []
      : [
          `${i}${xmlStartTag('Details', { NbLignesErreur: String(s.errors.length) })}`,
          ...s.errors.flatMap((error, index) => [
            `${i}  ${xmlStartTag('LigneErreurDetail', { IdLigne: String(index + 1) })}`,
            `${i}    ${xmlElement('NatureErreur', error.nature)}`,
            `${i}    ${xmlElement('CodeErreur', error.code)}`,
            `${i}    ${xmlElement('LibelleErreur', error.label)}`,
            ...optional(`${i}    `, 'DescriptionErreur', error.description),
            `${i}  </LigneErreurDetail>`,
          ]),
          `${i}</Details>`,
        ];
  return document([
    ...envelope(s.accountId, s.acknowledgedAt, stem),
    `  ${xmlStartTag('CPPFluxStatuts', { compteur: '1' })}`,
    `    ${xmlStartTag('CPPFluxStatutUnitaire', { NumOrdre: '1' })}`,
    '      <DonneesStatut>',
    `${i}${xmlElement('IdStatut', CPP_FLOW_STATUS_CODES[s.ackState])}`,
    `${i}${xmlElement('ComplementStatut', s.ackState)}`,
    `${i}${xmlElement('Commentaire', s.fileName)}`,
    `${i}${xmlElement('Horodatage', s.acknowledgedAt)}`,
    `${i}${xmlElement('IdFlux', s.flowId)}`,
    ...details,
    '      </DonneesStatut>',
    '    </CPPFluxStatutUnitaire>',
    '  </CPPFluxStatuts>',
  ]);
}
