import { AccountStore } from '../accounts/index.js';
import { dataLayoutOf, type Config, type DataLayout } from '../config/index.js';
import { DirectoryStore } from '../directory/index.js';
import { SqlRegistry, type Registry } from '../registry/index.js';
import { openPostgres, openSqlite, type SqlDatabase } from '../store/index.js';

export interface Stores {
  readonly db: SqlDatabase;
  readonly registry: Registry;
  readonly accounts: AccountStore;
  readonly directory: DirectoryStore;
}

/** The registry database's views (the registry, accounts, directory), on an open database. */
export function storesOn(db: SqlDatabase, layout: DataLayout): Stores {
  return {
    db,
    registry: new SqlRegistry(db),
    accounts: new AccountStore(db, layout.homes),
    directory: new DirectoryStore(db),
  };
}

/**
 * The configured registry database, migrated, and the views on it: PostgreSQL when
 * `registry.url` (DATABASE_URL) is set, else the embedded SQLite file.
 */
export async function openStores(
  config: Config,
  onIdleError?: (error: Error) => void,
): Promise<Stores> {
  const layout = dataLayoutOf(config);
  const { url, poolSize } = config.registry;
  const db =
    url === undefined
      ? openSqlite(layout.database)
      : await openPostgres({ url, poolSize, ...(onIdleError ? { onIdleError } : {}) });
  return storesOn(db, layout);
}
