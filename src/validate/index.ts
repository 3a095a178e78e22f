export { checkProlog } from '../xml/index.js';
export type { FrRuleId, FrRuleOverrides, FrRuleSetting } from './fr/index.js';
export { FR_RULE_IDS, FR_RULES, isFrRuleId } from './fr/index.js';
export type { ParseResult } from './parse-xml.js';
export { parseXml } from './parse-xml.js';
export type { BundleCheck, SchemasCheck } from './check-schemas.js';
export { checkSchemas } from './check-schemas.js';
export type { SchemasInstall } from './install-schemas.js';
export { installSchemas } from './install-schemas.js';
export { SchemaCatalog, findMissingSchemas, loadSyntaxBindingRules } from './schema-catalog.js';
export type { SchemaBundle, SchemaManifest } from './schema-manifest.js';
export type {
  DocumentReport,
  DocumentSyntax,
  ValidateOptions,
  ValidationLayer,
} from './validate-document.js';
export { ALL_LAYERS, validateDocument } from './validate-document.js';
export type { FacturXPolicy } from './validate-facturx.js';
export { DEFAULT_FACTURX_POLICY, validateFacturX } from './validate-facturx.js';
export type { ValidateFileOptions } from './validate-file.js';
export { validateFile } from './validate-file.js';
export { buyerSiretMissing } from './buyer-siret-missing.js';
