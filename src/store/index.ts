export type {
  RunResult,
  SqlDatabase,
  SqlDialect,
  SqlExecutor,
  SqlValue,
  TransactionOptions,
} from './sql-database.js';
export { SqliteDatabase, openSqlite } from './sqlite-database.js';
export type { PostgresOptions } from './postgres-database.js';
export { PostgresDatabase } from './postgres-database.js';
export { openPostgres } from './postgres-migrate.js';
export { isUniqueViolation } from './postgres-errors.js';
