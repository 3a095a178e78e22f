/**
 * Writes the gateway's own status notification (`urn:passerelle:status:1`,
 * schemas/passerelle-status-1.0.xsd). Pure: the same notification gives the same bytes.
 */
import { xmlElement, xmlEmptyElement, xmlStartTag } from '../xml/index.js';
import { reformCodeOf, reformLabelOf } from './reform-code.js';
import type { StatusNotification, StatusParty } from './status-notification.js';

export const STATUS_NAMESPACE = 'urn:passerelle:status:1';

export function renderStatusXml(notification: StatusNotification): string {
  const n = notification;
  const reformCode = n.reformCode ?? reformCodeOf(n.status);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    xmlStartTag('StatusNotification', { xmlns: STATUS_NAMESPACE, version: '1.0' }),
    `  ${xmlElement('AccountId', n.accountId)}`,
    `  ${xmlElement('SequenceNumber', String(n.sequence))}`,
    `  ${xmlElement('InvoiceId', n.invoiceId)}`,
    ...renderParty('Supplier', n.supplier),
    `  ${xmlElement('InvoiceNumber', n.invoiceNumber)}`,
    ...optional('InvoiceIssueDate', n.invoiceIssueDate),
    ...renderParty('Recipient', n.recipient, n.recipient.serviceCode),
    `  ${xmlElement('Status', n.status, { reformCode, reformLabel: reformLabelOf(reformCode) })}`,
    ...optional('PreviousStatus', n.previousStatus ?? undefined),
    ...(n.reason === undefined && n.reasonCode === undefined
      ? []
      : [`  ${xmlElement('Reason', n.reason ?? '', { code: n.reasonCode })}`]),
    `  ${xmlEmptyElement('ChangedBy', { actor: n.changedBy.actor, name: n.changedBy.name })}`,
    `  ${xmlElement('ChangedAt', n.changedAt)}`,
    '</StatusNotification>',
  ];
  return `${lines.join('\n')}\n`;
}

function renderParty(element: string, party: StatusParty, serviceCode?: string): string[] {
  return [
    `  <${element}>`,
    `    ${xmlElement('Siret', party.siret)}`,
    ...(serviceCode === undefined ? [] : [`    ${xmlElement('ServiceCode', serviceCode)}`]),
    ...(party.name === undefined ? [] : [`    ${xmlElement('Name', party.name)}`]),
    `  </${element}>`,
  ];
}

function optional(element: string, value: string | undefined): string[] {
  return value === undefined ? [] : [`  ${xmlElement(element, value)}`];
}
