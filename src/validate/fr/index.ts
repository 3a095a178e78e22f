export { checkFr } from './check-fr.js';
export type { FrRuleDefinition, FrRuleId, FrRuleOverrides, FrRuleSetting } from './fr-rules.js';
export { FR_RULE_IDS, FR_RULES, isFrRuleId } from './fr-rules.js';
export { isValidIban } from './iban.js';
