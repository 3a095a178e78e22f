import { AccountStore } from '../accounts/index.js';
import { dataLayoutOf, type Config, type DataLayout } from '../config/index.js';
import { DirectoryStore } from '../directory/index.js';
import { SqlRegistry, type Registry } from '../registry/index.js';
import { openSqlite, type SqlDatabase } from '../store/index.js';

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

/** The configured registry database, migrated, and the views on it. */
export function openStores(config: Config): Promise<Stores> {
  const layout = dataLayoutOf(config);
  return Promise.resolve(storesOn(openSqlite(layout.database), layout));
}
