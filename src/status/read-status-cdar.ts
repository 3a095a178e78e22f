/**
 * Reads the lifecycle statuses carried by an incoming UN/CEFACT CDAR message.
 * Input: the file bytes. Output: the message header and one entry per referenced invoice.
 * Codes: XML_NOT_XML, XML_ENCODING_UNSUPPORTED, XML_DOCTYPE_FORBIDDEN, XML_MALFORMED,
 * STATUS_CDAR_ROOT_INVALID, STATUS_CDAR_FIELD_MISSING, STATUS_CDAR_DATE_INVALID,
 * STATUS_CDAR_CODE_UNSUPPORTED.
 */
import type { XmlDocument, XmlNode } from 'libxml2-wasm';
import type { ValidationIssue } from '../errors/index.js';
import { fromCdarDate } from './cdar-date.js';
import { CDAR_NAMESPACES } from './cdar-namespaces.js';
import type { InvoiceStatus } from './invoice-status.js';
import { readUntrustedXml } from '../xml/index.js';
import { statusOfReformCode } from './reform-code.js';
import { statusIssueOf } from './status-issue.js';

export interface CdarPartyRead {
  readonly id?: string;
  readonly globalId?: string;
  readonly scheme?: string;
  readonly name?: string;
  readonly role?: string;
}

export interface CdarStatusEntry {
  /** Line of the `ram:ReferenceReferencedDocument` element. */
  readonly line: number;
  readonly invoiceNumber: string;
  /** `YYYY-MM-DD`. */
  readonly invoiceIssueDate?: string;
  readonly invoiceTypeCode?: string;
  /** The invoice's issuer (seller) and recipient (buyer). */
  readonly seller?: CdarPartyRead;
  readonly buyer?: CdarPartyRead;
  readonly reformCode: string;
  readonly status: InvoiceStatus;
  readonly reasonCode?: string;
  readonly reason?: string;
  /** When the status was set: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`. */
  readonly statusDate: string;
}

export interface CdarStatusMessage {
  readonly documentId?: string;
  /** Who sent, who decided and who receives the message. */
  readonly sender?: CdarPartyRead;
  readonly issuer?: CdarPartyRead;
  readonly recipient?: CdarPartyRead;
  readonly statuses: readonly CdarStatusEntry[];
}

export type CdarReadResult =
  | { readonly ok: true; readonly message: CdarStatusMessage }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const NS = CDAR_NAMESPACES;
const ACK = '/rsm:CrossDomainAcknowledgementAndResponse/rsm:AcknowledgementDocument';
const EXCHANGED = '/rsm:CrossDomainAcknowledgementAndResponse/rsm:ExchangedDocument';

export function readStatusCdar(source: Uint8Array | string): CdarReadResult {
  const parsed = readUntrustedXml(source, readMessage);
  return parsed.ok ? parsed.value : { ok: false, issues: parsed.issues };
}

function readMessage(doc: XmlDocument): CdarReadResult {
  const root = doc.root;
  if (root.name !== 'CrossDomainAcknowledgementAndResponse' || root.namespaceUri !== NS.rsm) {
    return { ok: false, issues: [statusIssueOf('STATUS_CDAR_ROOT_INVALID', { line: root.line })] };
  }
  const issues: ValidationIssue[] = [];
  const statusDate =
    readDate(doc, `${ACK}/ram:IssueDateTime/udt:DateTimeString`, issues) ??
    readDate(doc, `${EXCHANGED}/ram:IssueDateTime/udt:DateTimeString`, issues);
  // No date at all is a missing field; an unreadable one was already reported.
  if (statusDate === undefined && issues.length === 0) {
    issues.push(missing(`${ACK}/ram:IssueDateTime/udt:DateTimeString`, root.line));
  }
  const references = doc.find(`${ACK}/ram:ReferenceReferencedDocument`, NS);
  if (references.length === 0) {
    issues.push(missing(`${ACK}/ram:ReferenceReferencedDocument`, root.line));
  }
  const statuses = references.flatMap((reference, index) => {
    const entry = readReference(
      reference,
      `${ACK}/ram:ReferenceReferencedDocument[${index + 1}]`,
      issues,
    );
    return entry === undefined || statusDate === undefined ? [] : [{ ...entry, statusDate }];
  });
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  const documentId = text(doc, `${EXCHANGED}/ram:ID`);
  const sender = readParty(doc.get(`${EXCHANGED}/ram:SenderTradeParty`, NS));
  const issuer = readParty(doc.get(`${EXCHANGED}/ram:IssuerTradeParty`, NS));
  const recipient = readParty(doc.get(`${EXCHANGED}/ram:RecipientTradeParty`, NS));
  return {
    ok: true,
    message: {
      ...(documentId === undefined ? {} : { documentId }),
      ...(sender === undefined ? {} : { sender }),
      ...(issuer === undefined ? {} : { issuer }),
      ...(recipient === undefined ? {} : { recipient }),
      statuses,
    },
  };
}

function readReference(
  reference: XmlNode,
  xpath: string,
  issues: ValidationIssue[],
): Omit<CdarStatusEntry, 'statusDate'> | undefined {
  const invoiceNumber = text(reference, 'ram:IssuerAssignedID');
  const reformCode = text(reference, 'ram:ProcessConditionCode');
  if (invoiceNumber === undefined) {
    issues.push(missing(`${xpath}/ram:IssuerAssignedID`, reference.line));
  }
  if (reformCode === undefined) {
    issues.push(missing(`${xpath}/ram:ProcessConditionCode`, reference.line));
  }
  const status = reformCode === undefined ? undefined : statusOfReformCode(reformCode);
  if (reformCode !== undefined && status === undefined) {
    issues.push(
      statusIssueOf('STATUS_CDAR_CODE_UNSUPPORTED', {
        message: `The lifecycle status ${reformCode} has no Chorus Pro status on this gateway.`,
        line: reference.line,
        xpath: `${xpath}/ram:ProcessConditionCode`,
      }),
    );
  }
  const issueDate = readDate(reference, 'ram:FormattedIssueDateTime/qdt:DateTimeString', issues);
  if (invoiceNumber === undefined || reformCode === undefined || status === undefined) {
    return undefined;
  }
  const typeCode = text(reference, 'ram:TypeCode');
  const seller = readParty(reference.get('ram:IssuerTradeParty', NS));
  const buyer = readParty(reference.get('ram:RecipientTradeParty', NS));
  const reasonCode = text(reference, 'ram:SpecifiedDocumentStatus/ram:ReasonCode');
  const reason = text(reference, 'ram:SpecifiedDocumentStatus/ram:Reason');
  return {
    line: reference.line,
    invoiceNumber,
    ...(issueDate === undefined ? {} : { invoiceIssueDate: issueDate }),
    ...(typeCode === undefined ? {} : { invoiceTypeCode: typeCode }),
    ...(seller === undefined ? {} : { seller }),
    ...(buyer === undefined ? {} : { buyer }),
    reformCode,
    status,
    ...(reasonCode === undefined ? {} : { reasonCode }),
    ...(reason === undefined ? {} : { reason }),
  };
}

/** Undefined when absent; an issue (and undefined) when present but unreadable. */
function readDate(
  context: XmlDocument | XmlNode,
  xpath: string,
  issues: ValidationIssue[],
): string | undefined {
  const node = context.get(xpath, NS);
  if (node === null) {
    return undefined;
  }
  const format = node.get('@format', NS)?.content ?? '';
  const iso = fromCdarDate(node.content, format);
  if (iso === undefined) {
    issues.push(
      statusIssueOf('STATUS_CDAR_DATE_INVALID', {
        message: `The date "${node.content.trim()}" (format "${format}") is not a format 102 or 204 date.`,
        line: node.line,
        xpath,
      }),
    );
  }
  return iso;
}

function readParty(node: XmlNode | null): CdarPartyRead | undefined {
  if (node === null) {
    return undefined;
  }
  const id = text(node, 'ram:ID');
  const globalIdNode = node.get('ram:GlobalID', NS);
  const globalId = globalIdNode?.content.trim();
  const scheme = globalIdNode?.get('@schemeID', NS)?.content.trim();
  const name = text(node, 'ram:Name');
  const role = text(node, 'ram:RoleCode');
  return {
    ...(id === undefined ? {} : { id }),
    ...(globalId === undefined || globalId === '' ? {} : { globalId }),
    ...(scheme === undefined || scheme === '' ? {} : { scheme }),
    ...(name === undefined ? {} : { name }),
    ...(role === undefined ? {} : { role }),
  };
}

/** Trimmed text of the first match; blank counts as absent. */
function text(context: XmlDocument | XmlNode, xpath: string): string | undefined {
  const value = context.get(xpath, NS)?.content.trim();
  return value === undefined || value === '' ? undefined : value;
}

function missing(xpath: string, line: number): ValidationIssue {
  return statusIssueOf('STATUS_CDAR_FIELD_MISSING', {
    message: `Missing ${xpath}.`,
    line,
    xpath,
  });
}
