export type { Config, ConfigInput } from './config-schema.js';
export { CONFIG_SCHEMA } from './config-schema.js';
export type { LoadConfigOptions } from './load-config.js';
export { loadConfig } from './load-config.js';
export type { DataLayout } from './data-layout.js';
export { dataLayoutOf } from './data-layout.js';
export { projectRoot } from './project-root.js';
export type { FrRuleId, FrRuleSetting } from './fr-rule-ids.js';
export { FR_RULE_IDS, isFrRuleId } from './fr-rule-ids.js';
