import type { AccountStore } from '../accounts/index.js';
import type { DirectoryStore } from '../directory/index.js';
import type { Registry } from '../registry/index.js';
import type { SqlDatabase } from '../store/index.js';

/** What the operator views read: the registry database and its views (the gateway's `Stores`). */
export interface OpsStores {
  readonly db: SqlDatabase;
  readonly registry: Registry;
  readonly accounts: AccountStore;
  readonly directory: DirectoryStore;
}
