/**
 * The ids `validation.fr.rules` accepts: the rules of the French public-sector layer. The
 * layer (`validate/fr/fr-rules.ts`) types its table by this list, so the two cannot drift
 * apart; the list lives here because `validate` depends on `config`, not the reverse.
 */
export const FR_RULE_IDS = [
  'FR-B2G-01',
  'FR-B2G-02',
  'FR-B2G-03',
  'FR-B2G-04',
  'FR-B2G-05',
  'FR-B2G-06',
  'FR-B2G-07',
  'BR-FR-01',
  'BR-FR-02',
  'BR-FR-03',
  'BR-FR-04',
  'BR-FR-05',
  'BR-FR-06',
  'BR-FR-10',
  'BR-FR-12',
  'BR-FR-13',
  'BR-FR-15',
  'BR-FR-16',
  'BR-FR-20',
  'BR-FR-25',
  'BR-FR-32',
  'BR-FR-CO-04',
  'BR-FR-CO-12',
] as const;

export type FrRuleId = (typeof FR_RULE_IDS)[number];

export type FrRuleSetting = 'fatal' | 'warning' | 'off';

export function isFrRuleId(id: string): id is FrRuleId {
  return (FR_RULE_IDS as readonly string[]).includes(id);
}
