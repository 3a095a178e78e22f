export type { SqliteDatabase } from './open-database.js';
export { openDatabase } from './open-database.js';
