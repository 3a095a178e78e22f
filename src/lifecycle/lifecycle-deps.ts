import type { AccountStore } from '../accounts/index.js';
import type { DirectoryStore } from '../directory/index.js';
import type { Registry } from '../registry/index.js';
import type { SchemaCatalog } from '../validate/index.js';

/** What the lifecycle needs, passed in (no globals). */
export interface LifecycleDeps {
  readonly registry: Registry;
  readonly accounts: AccountStore;
  readonly directory: DirectoryStore;
  /** Official schemas: incoming CPP Statut files are checked against their XSD when given. */
  readonly schemas?: Pick<SchemaCatalog, 'validate'> | undefined;
}
