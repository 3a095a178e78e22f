import type { CodeTable } from '../code-definition.js';

/**
 * Business rules: EN 16931 and the French public-sector layer. For the EN 16931 rules the
 * issue's `rule` carries the official id (BR-CO-10) and its message the official text; for the
 * French layer the rule id (FR-B2G-03, BR-FR-12) and a message of ours, at the configured severity.
 */
export const RULE_CODES = {
  EN16931_RULE: {
    layer: 'en16931',
    severity: 'fatal',
    message: 'An EN 16931 business rule failed.',
  },
  EN16931_RULE_WARNING: {
    layer: 'en16931',
    severity: 'warning',
    message: 'An EN 16931 business rule flagged as a warning failed.',
  },
  FR_RULE: {
    layer: 'fr',
    severity: 'fatal',
    message: 'A French public-sector rule (Chorus Pro or French reform BR-FR) failed.',
  },
  FR_RULE_WARNING: {
    layer: 'fr',
    severity: 'warning',
    message: 'A French public-sector rule configured as a warning failed.',
  },
  MODEL_UNREADABLE: {
    layer: 'en16931',
    severity: 'fatal',
    message:
      'The document cannot be read as an EN 16931 invoice (not a UBL Invoice, UBL CreditNote or CII CrossIndustryInvoice).',
  },
  MODEL_TOO_LARGE: {
    layer: 'en16931',
    severity: 'fatal',
    message: 'The invoice has more lines than the gateway checks; it was not validated.',
  },
} as const satisfies CodeTable;
