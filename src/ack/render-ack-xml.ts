import type { ValidationIssue } from '../errors/index.js';
import type { Acknowledgement } from './acknowledgement.js';
import { xmlElement, xmlEmptyElement, xmlStartTag } from '../xml/index.js';

/** `<Name>text</Name>` on its own line when the value is present, nothing otherwise. */
function optionalElement(name: string, value: string | number | undefined, indent: string): string {
  return value === undefined ? '' : `${indent}${xmlElement(name, String(value))}\n`;
}

const optionalNumber = (value: number | undefined): string | undefined =>
  value === undefined ? undefined : String(value);

export const ACK_NAMESPACE = 'urn:passerelle:ack:1';

function renderIssues(issues: readonly ValidationIssue[], indent: string): string {
  if (issues.length === 0) return '';
  const lines = issues.map((issue) => {
    const element = xmlElement('Issue', issue.message, {
      layer: issue.layer,
      code: issue.code,
      rule: issue.rule,
      severity: issue.severity,
      line: optionalNumber(issue.line),
      column: optionalNumber(issue.column),
      xpath: issue.xpath,
    });
    return `${indent}  ${element}\n`;
  });
  return `${indent}<Issues>\n${lines.join('')}${indent}</Issues>\n`;
}

function renderRuleSets(ack: Acknowledgement): string {
  if (ack.ruleSets === undefined) return '';
  const sets = ack.ruleSets.map(
    (set) => `    ${xmlElement('RuleSet', set.name, { id: set.id, version: set.version })}\n`,
  );
  return `  <RuleSets>\n${sets.join('')}  </RuleSets>\n`;
}

function renderSummary(ack: Acknowledgement): string {
  if (ack.errorSummary === undefined) return '';
  const entries = ack.errorSummary.map(
    (entry) =>
      `    ${xmlStartTag('Error', {
        layer: entry.layer,
        code: entry.code,
        rule: entry.rule,
        severity: entry.severity,
        invoices: String(entry.invoices),
      })}\n` +
      `      ${xmlElement('Message', entry.message)}\n` +
      entry.numbers.map((number) => `      ${xmlElement('Number', number)}\n`).join('') +
      '    </Error>\n',
  );
  return `  <ErrorSummary>\n${entries.join('')}  </ErrorSummary>\n`;
}

/** The acknowledgement in XML, valid against `schemas/passerelle-ack-1.0.xsd`. */
export function renderAckXml(ack: Acknowledgement): string {
  const invoices = ack.invoices
    .map(
      (invoice) =>
        `    ${xmlStartTag('Invoice', { seq: String(invoice.seq), id: invoice.invoiceId })}\n` +
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
    `${xmlStartTag('Acknowledgement', { xmlns: ACK_NAMESPACE, format: ack.format })}\n` +
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
    `  ${xmlEmptyElement('Counts', {
      invoices: String(ack.counts.invoices),
      accepted: String(ack.counts.accepted),
      rejected: String(ack.counts.rejected),
      incidents: String(ack.counts.incidents),
    })}\n` +
    renderRuleSets(ack) +
    renderSummary(ack) +
    renderIssues(ack.issues, '  ') +
    (invoices === '' ? '' : `  <Invoices>\n${invoices}  </Invoices>\n`) +
    '</Acknowledgement>\n'
  );
}
