export type { DirectoryEntry, EntityService, PublicEntity } from './public-entity.js';
export type { DirectoryParseResult } from './parse-directory-csv.js';
export { DIRECTORY_COLUMNS, parseDirectoryCsv } from './parse-directory-csv.js';
export type { ImportSummary } from './directory-store.js';
export { DirectoryStore } from './directory-store.js';
