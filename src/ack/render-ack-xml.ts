import type { ValidationIssue } from '../errors/index.js';
import type { Acknowledgement } from './acknowledgement.js';
import { escapeXml, optionalElement } from './xml-text.js';

export const ACK_NAMESPACE = 'urn:passerelle:ack:1';

function renderIssues(issues: readonly ValidationIssue[], indent: string): string {
  if (issues.length === 0) return '';
  const lines = issues.map((issue) => {
    const attributes = [
      `layer="${issue.layer}"`,
      `code="${escapeXml(issue.code)}"`,
      `rule="${escapeXml(issue.rule)}"`,
      `severity="${issue.severity}"`,
      issue.line === undefined ? '' : `line="${issue.line}"`,
      issue.column === undefined ? '' : `column="${issue.column}"`,
      issue.xpath === undefined ? '' : `xpath="${escapeXml(issue.xpath)}"`,
    ].filter((attribute) => attribute !== '');
    return `${indent}  <Issue ${attributes.join(' ')}>${escapeXml(issue.message)}</Issue>\n`;
  });
  return `${indent}<Issues>\n${lines.join('')}${indent}</Issues>\n`;
}

/** The acknowledgement in XML, valid against `schemas/passerelle-ack-1.0.xsd`. */
export function renderAckXml(ack: Acknowledgement): string {
  const invoices = ack.invoices
    .map(
      (invoice) =>
        `    <Invoice seq="${invoice.seq}" id="${escapeXml(invoice.invoiceId)}">\n` +
        optionalElement('SourceName', invoice.sourceName, '      ') +
        optionalElement('Number', invoice.number, '      ') +
        optionalElement('IssueDate', invoice.issueDate, '      ') +
        optionalElement('RecipientSiret', invoice.recipientSiret, '      ') +
        optionalElement('ServiceCode', invoice.serviceCode, '      ') +
        optionalElement('CommitmentNumber', invoice.commitmentNumber, '      ') +
        optionalElement('Result', invoice.result, '      ') +
        renderIssues(invoice.issues, '      ') +
        '    </Invoice>\n',
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Acknowledgement xmlns="${ACK_NAMESPACE}" format="${ack.format}">\n` +
    optionalElement('FlowId', ack.flowId, '  ') +
    optionalElement('FileName', ack.fileName, '  ') +
    optionalElement('Sha256', ack.sha256, '  ') +
    optionalElement('SizeBytes', ack.sizeBytes, '  ') +
    optionalElement('SupplierAccount', ack.supplierAccount, '  ') +
    optionalElement('ReceivedAt', ack.receivedAt, '  ') +
    optionalElement('AcknowledgedAt', ack.acknowledgedAt, '  ') +
    optionalElement('Syntax', ack.syntax, '  ') +
    optionalElement('State', ack.state, '  ') +
    optionalElement('DuplicateOf', ack.duplicateOf, '  ') +
    `  <Counts invoices="${ack.counts.invoices}" accepted="${ack.counts.accepted}" rejected="${ack.counts.rejected}" incidents="${ack.counts.incidents}"/>\n` +
    renderIssues(ack.issues, '  ') +
    (invoices === '' ? '' : `  <Invoices>\n${invoices}  </Invoices>\n`) +
    '</Acknowledgement>\n'
  );
}
