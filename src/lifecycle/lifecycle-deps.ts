import type { AccountStore } from '../accounts/index.js';
import type { DirectoryStore } from '../directory/index.js';
import type { Registry } from '../registry/index.js';

/** What the lifecycle needs, passed in (no globals). */
export interface LifecycleDeps {
  readonly registry: Registry;
  readonly accounts: AccountStore;
  readonly directory: DirectoryStore;
}
