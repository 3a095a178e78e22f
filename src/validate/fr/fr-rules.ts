import type { FrRuleId, FrRuleSetting } from '../../config/index.js';

export { FR_RULE_IDS, isFrRuleId, type FrRuleId, type FrRuleSetting } from '../../config/index.js';

/**
 * Every rule of the French public-sector layer, with the business term it concerns and its
 * default setting. `FR-B2G-*` are this gateway's own Chorus Pro checks; `BR-FR-*` follow the
 * French e-invoicing reform Schematron (FNFE-MPE, version 1.4.0) with their official ids.
 */
export interface FrRuleDefinition {
  /** The business term or group the rule concerns, e.g. BT-1. */
  readonly term: string;
  /** The flag of the official Schematron in its "fatal" variant; undefined for our own rules. */
  readonly officialFlag?: 'fatal';
  readonly defaultSetting: FrRuleSetting;
}

export const FR_RULES: Readonly<Record<FrRuleId, FrRuleDefinition>> = {
  'FR-B2G-01': { term: 'BT-1', defaultSetting: 'fatal' },
  'FR-B2G-02': { term: 'BT-3', defaultSetting: 'fatal' },
  'FR-B2G-03': { term: 'BT-47', defaultSetting: 'off' },
  'FR-B2G-04': { term: 'BT-6', defaultSetting: 'fatal' },
  'FR-B2G-05': { term: 'BT-10', defaultSetting: 'fatal' },
  'FR-B2G-06': { term: 'BT-84', defaultSetting: 'fatal' },
  'FR-B2G-07': { term: 'BG-16', defaultSetting: 'fatal' },
  'BR-FR-01': { term: 'BT-1', officialFlag: 'fatal', defaultSetting: 'fatal' },
  'BR-FR-02': { term: 'BT-1', officialFlag: 'fatal', defaultSetting: 'fatal' },
  'BR-FR-03': { term: 'BT-2', officialFlag: 'fatal', defaultSetting: 'fatal' },
  'BR-FR-04': { term: 'BT-3', officialFlag: 'fatal', defaultSetting: 'fatal' },
  'BR-FR-05': { term: 'BT-22', officialFlag: 'fatal', defaultSetting: 'off' },
  'BR-FR-06': { term: 'BT-21', officialFlag: 'fatal', defaultSetting: 'fatal' },
  'BR-FR-10': { term: 'BT-30', officialFlag: 'fatal', defaultSetting: 'off' },
  'BR-FR-12': { term: 'BT-49', officialFlag: 'fatal', defaultSetting: 'off' },
  'BR-FR-13': { term: 'BT-34', officialFlag: 'fatal', defaultSetting: 'off' },
  'BR-FR-15': { term: 'BT-118', officialFlag: 'fatal', defaultSetting: 'fatal' },
  'BR-FR-16': { term: 'BT-119', officialFlag: 'fatal', defaultSetting: 'off' },
  'BR-FR-20': { term: 'BT-21', officialFlag: 'fatal', defaultSetting: 'fatal' },
  'BR-FR-25': { term: 'BT-49', officialFlag: 'fatal', defaultSetting: 'fatal' },
  'BR-FR-32': { term: 'BT-30', officialFlag: 'fatal', defaultSetting: 'fatal' },
  'BR-FR-CO-04': { term: 'BT-3', officialFlag: 'fatal', defaultSetting: 'fatal' },
  'BR-FR-CO-12': { term: 'BT-5', officialFlag: 'fatal', defaultSetting: 'off' },
};

/** Per-rule settings from the configuration (`validation.fr.rules`); absent rules keep their default. */
export type FrRuleOverrides = Readonly<Partial<Record<string, FrRuleSetting>>>;

export function settingOf(rule: FrRuleId, overrides: FrRuleOverrides | undefined): FrRuleSetting {
  return overrides?.[rule] ?? FR_RULES[rule].defaultSetting;
}
