import type { CodeTable } from '../code-definition.js';

/** Reading the routing keys and checking them against the directory of public entities. */
export const ROUTING_CODES = {
  ROUTE_BUYER_SIRET_MISSING: {
    layer: 'routing',
    severity: 'fatal',
    message:
      'No buyer SIRET: BT-47 (legal registration id) or BT-46 (buyer id) with scheme 0009 is required.',
  },
  ROUTE_BUYER_SIRET_INVALID: {
    layer: 'routing',
    severity: 'fatal',
    message: 'The buyer SIRET must be exactly 14 digits.',
  },
  ROUTE_RECIPIENT_UNKNOWN: {
    layer: 'routing',
    severity: 'fatal',
    message: 'The buyer SIRET is not a public entity of the directory.',
  },
  ROUTE_RECIPIENT_INACTIVE: {
    layer: 'routing',
    severity: 'fatal',
    message: 'The public entity is inactive in the directory.',
  },
  ROUTE_RECIPIENT_NO_ACCOUNT: {
    layer: 'routing',
    severity: 'fatal',
    message: 'The public entity has no account to receive invoices on this gateway.',
  },
  ROUTE_SERVICE_CODE_REQUIRED: {
    layer: 'routing',
    severity: 'fatal',
    message: 'The public entity requires a service code (BT-10 buyer reference).',
  },
  ROUTE_SERVICE_CODE_UNKNOWN: {
    layer: 'routing',
    severity: 'fatal',
    message: 'The service code (BT-10) is not one of the public entity.',
  },
  ROUTE_SERVICE_CODE_INACTIVE: {
    layer: 'routing',
    severity: 'fatal',
    message: 'The service code (BT-10) is inactive.',
  },
  ROUTE_COMMITMENT_REQUIRED: {
    layer: 'routing',
    severity: 'fatal',
    message: 'The public entity requires a commitment number (BT-13 purchase order reference).',
  },
  ROUTE_SERVICE_OR_COMMITMENT_REQUIRED: {
    layer: 'routing',
    severity: 'fatal',
    message: 'The public entity requires a service code (BT-10) or a commitment number (BT-13).',
  },
  ROUTE_SELLER_NOT_AUTHORIZED: {
    layer: 'routing',
    severity: 'fatal',
    message:
      "The seller (BT-30 legal registration id, else BT-29 or BT-31) is neither the depositing account's SIRET (or SIREN) nor a seller it holds a deposit mandate for.",
  },
  ROUTE_INVOICE_NUMBER_MISSING: {
    layer: 'routing',
    severity: 'fatal',
    message: 'The invoice number (BT-1) is missing.',
  },
  INVOICE_NUMBER_DUPLICATE: {
    layer: 'routing',
    severity: 'fatal',
    message:
      'This supplier already sent an invoice with this number (BT-1) in the same year; only an invoice rejected at deposit or returned for recycling (A_RECYCLER) may be sent again with its number.',
  },
} as const satisfies CodeTable;

/** Technical incidents, set by an operator on a flow that cannot be completed. */
export const DELIVERY_CODES = {
  PROCESSING_INCIDENT: {
    layer: 'delivery',
    severity: 'fatal',
    message:
      'A technical incident stopped the processing of this invoice; an operator closed the flow. Send the invoice again.',
  },
} as const satisfies CodeTable;
