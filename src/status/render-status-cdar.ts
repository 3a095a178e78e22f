/**
 * Writes one status change as a UN/CEFACT CDAR D22B lifecycle message, following the French
 * reform's description (structure in docs/lifecycle.md, checked by
 * schemas/passerelle-cdar-subset-1.0.xsd). Pure: the same notification gives the same bytes.
 * Throws RangeError when `changedAt` or `invoiceIssueDate` is not an ISO date(-time), or when
 * the sequence or invoice id cannot name a file (see `statusFileName`).
 */
import type { Actor } from './actor.js';
import {
  CDAR_DATE_FORMAT,
  CDAR_DATE_TIME_FORMAT,
  toCdarDate,
  toCdarDateTime,
} from './cdar-date.js';
import {
  CDAR_ACKNOWLEDGEMENT_TYPE,
  CDAR_BUSINESS_PROCESS,
  CDAR_GUIDELINE,
  CDAR_NAMESPACES,
  CDAR_ROLES,
  CDAR_STATUS_DOCUMENT_TYPE,
  SIRET_SCHEME,
} from './cdar-namespaces.js';
import { xmlElement, xmlStartTag } from '../xml/index.js';
import { reformCodeOf, reformLabelOf } from './reform-code.js';
import { statusFileName } from './file-name/index.js';
import type { StatusNotification } from './status-notification.js';

/** How the gateway names itself as sender of lifecycle messages. */
export interface CdarPlatform {
  readonly id: string;
  readonly name: string;
}

export const DEFAULT_CDAR_PLATFORM: CdarPlatform = { id: 'PASSERELLE', name: 'Passerelle' };

interface CdarParty {
  readonly siret?: string;
  readonly id?: string;
  readonly name?: string | undefined;
  readonly role: string;
}

export function renderStatusCdar(
  notification: StatusNotification,
  platform: CdarPlatform = DEFAULT_CDAR_PLATFORM,
): string {
  const n = notification;
  const reformCode = n.reformCode ?? reformCodeOf(n.status);
  const changedAt = toCdarDateTime(n.changedAt);
  const seller: CdarParty = {
    siret: n.supplier.siret,
    name: n.supplier.name,
    role: CDAR_ROLES.seller,
  };
  const buyer: CdarParty = {
    siret: n.recipient.siret,
    name: n.recipient.name,
    role: CDAR_ROLES.buyer,
  };
  const gateway: CdarParty = { id: platform.id, name: platform.name, role: CDAR_ROLES.platform };
  const issuer = issuerOf(n.changedBy.actor, { seller, buyer, gateway });
  const recipient = n.changedBy.actor === 'supplier' ? buyer : seller;
  const documentId = statusFileName(n, 'cdar').replace(/\.cdar\.xml$/, '');

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    xmlStartTag('rsm:CrossDomainAcknowledgementAndResponse', {
      'xmlns:rsm': CDAR_NAMESPACES.rsm,
      'xmlns:ram': CDAR_NAMESPACES.ram,
      'xmlns:udt': CDAR_NAMESPACES.udt,
      'xmlns:qdt': CDAR_NAMESPACES.qdt,
    }),
    '  <rsm:ExchangedDocumentContext>',
    '    <ram:BusinessProcessSpecifiedDocumentContextParameter>',
    `      ${xmlElement('ram:ID', CDAR_BUSINESS_PROCESS)}`,
    '    </ram:BusinessProcessSpecifiedDocumentContextParameter>',
    '    <ram:GuidelineSpecifiedDocumentContextParameter>',
    `      ${xmlElement('ram:ID', CDAR_GUIDELINE)}`,
    '    </ram:GuidelineSpecifiedDocumentContextParameter>',
    '  </rsm:ExchangedDocumentContext>',
    '  <rsm:ExchangedDocument>',
    `    ${xmlElement('ram:ID', documentId)}`,
    `    ${xmlElement('ram:TypeCode', CDAR_STATUS_DOCUMENT_TYPE)}`,
    ...renderDateTime('ram:IssueDateTime', changedAt, 4),
    ...renderParty('ram:SenderTradeParty', gateway, 4),
    ...renderParty('ram:IssuerTradeParty', issuer, 4),
    ...renderParty('ram:RecipientTradeParty', recipient, 4),
    '  </rsm:ExchangedDocument>',
    '  <rsm:AcknowledgementDocument>',
    '    <ram:MultipleReferencesIndicator>',
    `      ${xmlElement('udt:Indicator', 'false')}`,
    '    </ram:MultipleReferencesIndicator>',
    `    ${xmlElement('ram:TypeCode', CDAR_ACKNOWLEDGEMENT_TYPE)}`,
    ...renderDateTime('ram:IssueDateTime', changedAt, 4),
    '    <ram:ReferenceReferencedDocument>',
    `      ${xmlElement('ram:IssuerAssignedID', n.invoiceNumber)}`,
    ...(n.invoiceTypeCode === undefined
      ? []
      : [`      ${xmlElement('ram:TypeCode', n.invoiceTypeCode)}`]),
    ...(n.invoiceIssueDate === undefined
      ? []
      : [
          '      <ram:FormattedIssueDateTime>',
          `        ${xmlElement('qdt:DateTimeString', toCdarDate(n.invoiceIssueDate), { format: CDAR_DATE_FORMAT })}`,
          '      </ram:FormattedIssueDateTime>',
        ]),
    `      ${xmlElement('ram:ProcessConditionCode', reformCode)}`,
    `      ${xmlElement('ram:ProcessCondition', reformLabelOf(reformCode))}`,
    ...renderParty('ram:IssuerTradeParty', seller, 6),
    ...renderParty('ram:RecipientTradeParty', buyer, 6),
    ...renderReason(n.reasonCode, n.reason),
    '    </ram:ReferenceReferencedDocument>',
    '  </rsm:AcknowledgementDocument>',
    '</rsm:CrossDomainAcknowledgementAndResponse>',
  ];
  return `${lines.join('\n')}\n`;
}

/** The party that decided the status: the buyer for its own decisions, else who acted. */
function issuerOf(
  actor: Actor,
  parties: { seller: CdarParty; buyer: CdarParty; gateway: CdarParty },
): CdarParty {
  switch (actor) {
    case 'entity':
      return parties.buyer;
    case 'supplier':
      return parties.seller;
    case 'platform':
    case 'operator':
      return parties.gateway;
  }
}

function renderDateTime(element: string, value: string, indent: number): string[] {
  const pad = ' '.repeat(indent);
  return [
    `${pad}<${element}>`,
    `${pad}  ${xmlElement('udt:DateTimeString', value, { format: CDAR_DATE_TIME_FORMAT })}`,
    `${pad}</${element}>`,
  ];
}

function renderParty(element: string, party: CdarParty, indent: number): string[] {
  const pad = ' '.repeat(indent);
  return [
    `${pad}<${element}>`,
    ...(party.id === undefined ? [] : [`${pad}  ${xmlElement('ram:ID', party.id)}`]),
    ...(party.siret === undefined
      ? []
      : [`${pad}  ${xmlElement('ram:GlobalID', party.siret, { schemeID: SIRET_SCHEME })}`]),
    ...(party.name === undefined ? [] : [`${pad}  ${xmlElement('ram:Name', party.name)}`]),
    `${pad}  ${xmlElement('ram:RoleCode', party.role)}`,
    `${pad}</${element}>`,
  ];
}

function renderReason(code: string | undefined, reason: string | undefined): string[] {
  if (code === undefined && reason === undefined) {
    return [];
  }
  return [
    '      <ram:SpecifiedDocumentStatus>',
    ...(code === undefined ? [] : [`        ${xmlElement('ram:ReasonCode', code)}`]),
    ...(reason === undefined ? [] : [`        ${xmlElement('ram:Reason', reason)}`]),
    '      </ram:SpecifiedDocumentStatus>',
  ];
}
