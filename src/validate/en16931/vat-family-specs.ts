/**
 * The VAT category families as the official artefacts define them. Prefixes follow the
 * artefacts: BR-IC is category K (intra-community), BR-AF is L (IGIC, Canary Islands), BR-AG
 * is M (IPSI, Ceuta and Melilla). Where UBL and CII differ, each syntax file says how.
 */
export type RateRequirement = 'positive' | 'zero' | 'non-negative' | 'absent';

export interface VatFamilySpec {
  readonly code: string;
  readonly prefix: string;
  /** Rules 05 to 07 (line, allowance, charge rate) in UBL. */
  readonly ublRate: RateRequirement;
  /** The same in CII (BR-AF differs: > 0 there). */
  readonly ciiRate: RateRequirement;
  /** Rule 08: sum per category, or sum per rate. */
  readonly basis: 'category' | 'per-rate';
  /** Rule 09: category tax amount zero, or rate x basis within one unit. */
  readonly taxAmount: 'zero' | 'computed';
  /** Rule 10: exemption reason forbidden or required. */
  readonly exemption: 'forbidden' | 'required';
}

function family(
  code: string,
  prefix: string,
  ublRate: RateRequirement,
  ciiRate: RateRequirement,
  perRate: boolean,
  exemption: 'forbidden' | 'required',
): VatFamilySpec {
  return {
    code,
    prefix,
    ublRate,
    ciiRate,
    basis: perRate ? 'per-rate' : 'category',
    taxAmount: perRate ? 'computed' : 'zero',
    exemption,
  };
}

export const VAT_FAMILIES: readonly VatFamilySpec[] = [
  family('S', 'BR-S', 'positive', 'positive', true, 'forbidden'),
  family('Z', 'BR-Z', 'zero', 'zero', false, 'forbidden'),
  family('E', 'BR-E', 'zero', 'zero', false, 'required'),
  family('AE', 'BR-AE', 'zero', 'zero', false, 'required'),
  family('K', 'BR-IC', 'zero', 'zero', false, 'required'),
  family('G', 'BR-G', 'zero', 'zero', false, 'required'),
  family('O', 'BR-O', 'absent', 'absent', false, 'required'),
  family('L', 'BR-AF', 'non-negative', 'positive', true, 'forbidden'),
  family('M', 'BR-AG', 'non-negative', 'non-negative', true, 'forbidden'),
];

export function ruleOf(spec: VatFamilySpec, number: number): string {
  return `${spec.prefix}-${String(number).padStart(2, '0')}`;
}
