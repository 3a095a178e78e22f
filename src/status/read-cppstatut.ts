/**
 * Reads a Chorus Pro "CPP Statut" file (pivot V1.19) sent by a public entity: each
 * `CPPFactureStatutUnitaire` is one status update, checked like a line of a status file.
 * Input: the file bytes and, when the official XSD is installed, a validator. Output: one
 * result per invoice status, or the issues that refuse the whole file.
 * Codes: XML_*, XSD_INVALID, STATUS_CPP_ROOT_INVALID, STATUS_CPP_FLOW_STATUS_UNSUPPORTED,
 * STATUS_CPP_CODE_UNSUPPORTED and the codes of `checkStatusUpdate`.
 */
import type { XmlDocument, XmlNode } from 'libxml2-wasm';
import type { ValidationIssue } from '../errors/index.js';
import { readUntrustedXml } from '../xml/index.js';
import { statusOfCppInvoiceCode } from './cppstatut-codes.js';
import { statusIssueOf } from './status-issue.js';
import {
  checkStatusUpdate,
  type StatusUpdateFileResult,
  type StatusUpdateLineResult,
} from './status-update.js';

/** Checks the parsed document against the official XSD; empty when valid. */
export type CppStatutValidator = (doc: XmlDocument) => readonly ValidationIssue[];

const UNIT = '/CPPStatut/CPPFactureStatuts/CPPFactureStatutUnitaire';
/** An xs:dateTime without offset (allowed by the XSD) says only the day for sure. */
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d+)?$/;
const REASON_CODE = /^[A-Z0-9_]{1,35}$/;

export function readCppStatut(
  source: Uint8Array | string,
  validate?: CppStatutValidator,
): StatusUpdateFileResult {
  const parsed = readUntrustedXml(source, (doc) => readDocument(doc, validate));
  return parsed.ok ? parsed.value : { ok: false, issues: parsed.issues };
}

function readDocument(doc: XmlDocument, validate?: CppStatutValidator): StatusUpdateFileResult {
  const root = doc.root;
  if (root.name !== 'CPPStatut' || root.namespaceUri !== '') {
    return { ok: false, issues: [statusIssueOf('STATUS_CPP_ROOT_INVALID', { line: root.line })] };
  }
  const invalid = validate?.(doc) ?? [];
  if (invalid.length > 0) return { ok: false, issues: invalid };
  if (doc.get('/CPPStatut/CPPFactureStatuts') === null) {
    return {
      ok: false,
      issues: [statusIssueOf('STATUS_CPP_FLOW_STATUS_UNSUPPORTED', { line: root.line })],
    };
  }
  const units = doc.find(UNIT);
  if (units.length === 0) {
    return {
      ok: false,
      issues: [
        statusIssueOf('STATUS_CPP_ROOT_INVALID', {
          message: 'The CPP Statut file has no CPPFactureStatutUnitaire.',
          line: root.line,
        }),
      ],
    };
  }
  return { ok: true, lines: units.map((unit, index) => readUnit(unit, index)) };
}

function readUnit(unit: XmlNode, index: number): StatusUpdateLineResult {
  const code = text(unit, 'DonneesStatut/IdStatut');
  const status = code === undefined ? undefined : statusOfCppInvoiceCode(code);
  const complement = text(unit, 'DonneesStatut/ComplementStatut');
  const comment = text(unit, 'DonneesStatut/Commentaire');
  const isCode = complement !== undefined && REASON_CODE.test(complement);
  // A free-text complement is part of the reason rather than a code.
  const reason =
    complement !== undefined && !isCode
      ? [complement, comment].filter((part) => part !== undefined).join(' — ')
      : comment;
  const horodatage = text(unit, 'DonneesStatut/Horodatage');
  const local = horodatage === undefined ? null : LOCAL_DATE_TIME.exec(horodatage);
  const readIssues =
    code !== undefined && status === undefined
      ? [
          statusIssueOf('STATUS_CPP_CODE_UNSUPPORTED', {
            message: `The CPP Statut invoice status ${code} cannot be sent by a public entity to this gateway.`,
            line: unit.line,
            xpath: `${UNIT}[${index + 1}]/DonneesStatut/IdStatut`,
          }),
        ]
      : [];
  const result = checkStatusUpdate(
    {
      line: unit.line,
      supplierSiret:
        text(unit, 'Fournisseur/TypeIdentifiant') === '1'
          ? text(unit, 'Fournisseur/Identifiant')
          : undefined,
      invoiceNumber: text(unit, 'DonneesStatut/IdFacture'),
      // An unsupported code is reported above; an absent one by checkStatusUpdate.
      status: status ?? (code === undefined ? undefined : 'UNSUPPORTED'),
      reason,
      reasonCode: isCode ? complement : undefined,
      date: local?.[1] ?? horodatage,
    },
    readIssues,
  );
  if (result.ok || readIssues.length === 0) return result;
  // The unsupported code already says why the status is unusable.
  return { ...result, issues: result.issues.filter((issue) => issue.code !== 'STATUS_UNKNOWN') };
}

/** Trimmed text of the first match; blank counts as absent. */
function text(context: XmlNode, xpath: string): string | undefined {
  const value = context.get(xpath)?.content.trim();
  return value === undefined || value === '' ? undefined : value;
}
