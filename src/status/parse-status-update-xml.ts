/**
 * Reads a status file in the XML format `urn:passerelle:status-update:1`
 * (schemas/passerelle-status-update-1.0.xsd, docs/status-formats.md).
 * Input: the file bytes. Output: one result per `Update` element, keeping its line.
 * Codes: XML_NOT_XML, XML_ENCODING_UNSUPPORTED, XML_DOCTYPE_FORBIDDEN, XML_MALFORMED,
 * STATUS_UPDATE_ROOT_INVALID, STATUS_UPDATE_EMPTY, STATUS_UPDATE_FIELD_UNEXPECTED and the
 * field codes of `checkStatusUpdate`.
 */
import { XmlElement, type XmlDocument } from 'libxml2-wasm';
import type { ValidationIssue } from '../errors/index.js';
import { readUntrustedXml } from '../xml/index.js';
import { statusIssueOf } from './status-issue.js';
import {
  checkStatusUpdate,
  type RawStatusUpdate,
  type StatusUpdateFileResult,
  type StatusUpdateLineResult,
} from './status-update.js';

export const STATUS_UPDATE_NAMESPACE = 'urn:passerelle:status-update:1';

type FieldName = Exclude<keyof RawStatusUpdate, 'line'>;

/** Element name → field. `Reason` also carries the optional `code` attribute. */
const FIELD_ELEMENTS: Readonly<Record<string, FieldName>> = {
  InvoiceId: 'invoiceId',
  SupplierSiret: 'supplierSiret',
  InvoiceNumber: 'invoiceNumber',
  Status: 'status',
  Reason: 'reason',
  Date: 'date',
};

export function parseStatusUpdateXml(source: Uint8Array | string): StatusUpdateFileResult {
  const parsed = readUntrustedXml(source, readUpdates);
  return parsed.ok ? parsed.value : { ok: false, issues: parsed.issues };
}

function readUpdates(doc: XmlDocument): StatusUpdateFileResult {
  const root = doc.root;
  if (root.name !== 'StatusUpdates' || root.namespaceUri !== STATUS_UPDATE_NAMESPACE) {
    return {
      ok: false,
      issues: [statusIssueOf('STATUS_UPDATE_ROOT_INVALID', { line: root.line })],
    };
  }
  const version = root.attr('version')?.value;
  if (version !== undefined && version.trim() !== '1.0') {
    const message = `Version "${version}" of the status update format is not supported; use 1.0.`;
    return {
      ok: false,
      issues: [statusIssueOf('STATUS_UPDATE_ROOT_INVALID', { line: root.line, message })],
    };
  }
  const lines: StatusUpdateLineResult[] = [];
  for (const child of childElements(root)) {
    if (child.name === 'Update' && child.namespaceUri === STATUS_UPDATE_NAMESPACE) {
      lines.push(readUpdate(child));
    } else {
      lines.push({
        ok: false,
        line: child.line,
        reference: {},
        issues: [unexpected(child, 'the root element only holds Update elements')],
      });
    }
  }
  if (lines.length === 0) {
    return { ok: false, issues: [statusIssueOf('STATUS_UPDATE_EMPTY', { line: root.line })] };
  }
  return { ok: true, lines };
}

function readUpdate(update: XmlElement): StatusUpdateLineResult {
  const fields: { -readonly [K in FieldName]?: string } = {};
  const issues: ValidationIssue[] = [];
  for (const child of childElements(update)) {
    const field =
      child.namespaceUri === STATUS_UPDATE_NAMESPACE ? FIELD_ELEMENTS[child.name] : undefined;
    if (field === undefined) {
      issues.push(unexpected(child, 'unknown element'));
      continue;
    }
    if (fields[field] !== undefined) {
      issues.push(unexpected(child, 'repeated element'));
      continue;
    }
    fields[field] = child.content;
    if (field === 'reason') {
      const code = child.attr('code')?.value;
      if (code !== undefined) {
        fields.reasonCode = code;
      }
    }
  }
  return checkStatusUpdate({ line: update.line, ...fields }, issues);
}

function unexpected(element: XmlElement, why: string): ValidationIssue {
  return statusIssueOf('STATUS_UPDATE_FIELD_UNEXPECTED', {
    line: element.line,
    message: `Unexpected element ${element.name} (${why}).`,
  });
}

function childElements(parent: XmlElement): XmlElement[] {
  const children: XmlElement[] = [];
  for (let node = parent.firstChild; node !== null; node = node.next) {
    if (node instanceof XmlElement) {
      children.push(node);
    }
  }
  return children;
}
