export { checkProlog } from './check-prolog.js';
export type { ParseResult } from './parse-xml.js';
export { parseXml } from './parse-xml.js';
export { SchemaCatalog, findMissingSchemas } from './schema-catalog.js';
export type { DocumentReport, ValidateOptions, ValidationLayer } from './validate-document.js';
export { ALL_LAYERS, validateDocument } from './validate-document.js';
