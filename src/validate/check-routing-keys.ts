import { issueOf, type ValidationIssue } from '../errors/index.js';
import type { RoutingKeys } from '../formats/index.js';
import { buyerSiretMissing } from './buyer-siret-missing.js';

/**
 * What routing needs from the document itself, checked without the directory: an invoice
 * number and a well-formed buyer SIRET. The directory checks happen in `route/`.
 */
export function checkRoutingKeys(keys: RoutingKeys, syntax?: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (keys.number === undefined) issues.push(issueOf('ROUTE_INVOICE_NUMBER_MISSING'));
  if (keys.buyerSiret === undefined) {
    issues.push(buyerSiretMissing(syntax));
  } else if (!/^\d{14}$/.test(keys.buyerSiret)) {
    issues.push(
      issueOf('ROUTE_BUYER_SIRET_INVALID', {
        message: `The buyer SIRET (${keys.buyerSiretSource ?? 'buyer'}) must be exactly 14 digits, got "${keys.buyerSiret}".`,
      }),
    );
  }
  return issues;
}
