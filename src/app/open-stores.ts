import { AccountStore } from '../accounts/index.js';
import type { DataLayout } from '../config/index.js';
import { DirectoryStore } from '../directory/index.js';
import { SqliteRegistry, type Registry } from '../registry/index.js';
import { openDatabase, type SqliteDatabase } from '../store/index.js';

export interface Stores {
  readonly db: SqliteDatabase;
  readonly registry: Registry;
  readonly accounts: AccountStore;
  readonly directory: DirectoryStore;
}

/** The embedded store and the three views on it. */
export function openStores(layout: DataLayout): Stores {
  const db = openDatabase(layout.database);
  return {
    db,
    registry: new SqliteRegistry(db),
    accounts: new AccountStore(db, layout.homes),
    directory: new DirectoryStore(db),
  };
}
