import type { SourceValue } from '../../formats/index.js';
import { parseXsDecimal, parseXsNumber } from './decimal.js';
import type { RateRequirement } from './vat-family-specs.js';

/**
 * Rules 05 to 07 of the VAT families on one rate. `(x) > 0` compares an untyped value as a
 * number, `xs:decimal(x) = 0` casts it; a missing rate fails both, and only passes 'absent'.
 */
export function isRateAccepted(
  requirement: RateRequirement,
  rate: SourceValue | undefined,
  isCast: boolean,
): boolean {
  if (requirement === 'absent') return rate === undefined;
  const value = isCast ? parseXsDecimal(rate?.text) : parseXsNumber(rate?.text);
  if (value === undefined) return false;
  if (requirement === 'positive') return value.gt(0);
  if (requirement === 'zero') return value.eq(0);
  return value.gte(0);
}
