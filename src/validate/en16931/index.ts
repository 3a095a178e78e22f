export { checkEn16931, type CheckEn16931Options } from './check-en16931.js';
export {
  compileSyntaxBindingRules,
  type SyntaxBindingFiles,
  type SyntaxBindingRules,
  type UnsupportedAssert,
} from './syntax-binding-rules.js';
export { IMPLEMENTED_RULES } from './implemented-rules.js';
export type { OfficialRuleText } from './official-rule-text.js';
export type { RuleTextFiles } from './official-rule-texts.js';
export {
  areOfficialRuleTextsLoaded,
  loadOfficialRuleTexts,
  officialRuleText,
} from './official-rule-texts.js';
export { readOfficialRuleTexts } from './read-rule-texts.js';
