import type { CodeTable } from '../code-definition.js';

/**
 * Invoice lifecycle: status transitions, incoming status files from public entities and CDAR
 * lifecycle messages.
 */
export const STATUS_CODES = {
  STATUS_UNKNOWN: {
    layer: 'status',
    severity: 'fatal',
    message: 'The status is missing or is not a known invoice status.',
  },
  STATUS_ACTOR_UNKNOWN: {
    layer: 'status',
    severity: 'fatal',
    message: 'The actor must be one of platform, entity, supplier or operator.',
  },
  STATUS_TRANSITION_ILLEGAL: {
    layer: 'status',
    severity: 'fatal',
    message: 'The invoice cannot move from its current status to the requested status.',
  },
  STATUS_ACTOR_FORBIDDEN: {
    layer: 'status',
    severity: 'fatal',
    message: 'This actor may not set the requested status.',
  },
  STATUS_REASON_REQUIRED: {
    layer: 'status',
    severity: 'fatal',
    message: 'A reason is mandatory for the statuses SUSPENDUE, REJETEE and A_RECYCLER.',
  },
  STATUS_REASON_TOO_LONG: {
    layer: 'status',
    severity: 'fatal',
    message: 'The reason is longer than 1000 characters.',
  },
  STATUS_REASON_CODE_INVALID: {
    layer: 'status',
    severity: 'fatal',
    message: 'The reason code must be 1 to 35 characters among A-Z, 0-9 and underscore.',
  },
  STATUS_UNCHANGED: {
    layer: 'status',
    severity: 'warning',
    message: 'The invoice already has this status; nothing was changed.',
  },
  STATUS_INVOICE_NOT_FOUND: {
    layer: 'status',
    severity: 'fatal',
    message: 'No invoice delivered to this entity matches the line.',
  },
  STATUS_INVOICE_AMBIGUOUS: {
    layer: 'status',
    severity: 'fatal',
    message: 'Several invoices delivered to this entity match the line; give the invoice id.',
  },
  STATUS_UPDATE_ROOT_INVALID: {
    layer: 'status',
    severity: 'fatal',
    message:
      'The root element is not StatusUpdates version 1.0 in namespace urn:passerelle:status-update:1.',
  },
  STATUS_UPDATE_EMPTY: {
    layer: 'status',
    severity: 'fatal',
    message: 'The status file contains no status update.',
  },
  STATUS_UPDATE_FIELD_UNEXPECTED: {
    layer: 'status',
    severity: 'fatal',
    message: 'The status update contains an unknown or repeated field.',
  },
  STATUS_UPDATE_TARGET_MISSING: {
    layer: 'status',
    severity: 'fatal',
    message:
      'The invoice is not identified: give its id, or the supplier SIRET and invoice number.',
  },
  STATUS_UPDATE_TARGET_AMBIGUOUS: {
    layer: 'status',
    severity: 'fatal',
    message: 'Give either the invoice id or the supplier SIRET and invoice number, not both.',
  },
  STATUS_UPDATE_INVOICE_ID_INVALID: {
    layer: 'status',
    severity: 'fatal',
    message:
      'The invoice id must be 1 to 64 characters among A-Z, a-z, 0-9, dot, dash, underscore.',
  },
  STATUS_UPDATE_SIRET_INVALID: {
    layer: 'status',
    severity: 'fatal',
    message: 'The supplier SIRET must be exactly 14 digits.',
  },
  STATUS_UPDATE_INVOICE_NUMBER_INVALID: {
    layer: 'status',
    severity: 'fatal',
    message: 'The invoice number must be 1 to 100 characters without control characters.',
  },
  STATUS_UPDATE_DATE_INVALID: {
    layer: 'status',
    severity: 'fatal',
    message: 'The date is missing or is not YYYY-MM-DD or an ISO 8601 date-time with offset.',
  },
  STATUS_CSV_HEADER_INVALID: {
    layer: 'status',
    severity: 'fatal',
    message:
      'The CSV header must name the columns invoice_id, supplier_siret, invoice_number, status, reason, date (reason_code optional).',
  },
  STATUS_CSV_ENCODING_INVALID: {
    layer: 'status',
    severity: 'fatal',
    message: 'The CSV file is not valid UTF-8.',
  },
  STATUS_CSV_MALFORMED: {
    layer: 'status',
    severity: 'fatal',
    message: 'The CSV record cannot be read (quoting or number of columns).',
  },
  STATUS_CDAR_ROOT_INVALID: {
    layer: 'status',
    severity: 'fatal',
    message: 'The root element is not a UN/CEFACT CrossDomainAcknowledgementAndResponse.',
  },
  STATUS_CDAR_FIELD_MISSING: {
    layer: 'status',
    severity: 'fatal',
    message: 'A field required to apply the lifecycle status is missing from the CDAR message.',
  },
  STATUS_CDAR_DATE_INVALID: {
    layer: 'status',
    severity: 'fatal',
    message: 'A CDAR date is not in format 102 (YYYYMMDD) or 204 (YYYYMMDDHHMMSS).',
  },
  STATUS_CDAR_CODE_UNSUPPORTED: {
    layer: 'status',
    severity: 'fatal',
    message: 'The lifecycle status code has no Chorus Pro status on this gateway.',
  },
  STATUS_CPP_ROOT_INVALID: {
    layer: 'status',
    severity: 'fatal',
    message: 'The root element is not a Chorus Pro CPPStatut (pivot V1.19) without namespace.',
  },
  STATUS_CPP_FLOW_STATUS_UNSUPPORTED: {
    layer: 'status',
    severity: 'fatal',
    message:
      'The CPP Statut file carries flow statuses (CPPFluxStatuts); a public entity sends invoice statuses (CPPFactureStatuts).',
  },
  STATUS_CPP_CODE_UNSUPPORTED: {
    layer: 'status',
    severity: 'fatal',
    message: 'The CPP Statut invoice status code cannot be sent to this gateway.',
  },
} as const satisfies CodeTable;

export type StatusCode = keyof typeof STATUS_CODES;
