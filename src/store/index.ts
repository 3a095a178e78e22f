export type {
  RunResult,
  SqlDatabase,
  SqlDialect,
  SqlExecutor,
  SqlValue,
  TransactionOptions,
} from './sql-database.js';
export { SqliteDatabase, openSqlite } from './sqlite-database.js';
