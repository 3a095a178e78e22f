/**
 * The installation's state, for the gateway and for every CLI command: its stores opened from
 * the configuration, and the run files of the live processes. Light on purpose: an operator
 * command loads this area, not the pipeline, the validators or the servers.
 */
export type { Stores } from './open-stores.js';
export { openStores } from './open-stores.js';
export type { FoundRuntime, RuntimeInfo } from './runtime-file.js';
export {
  conflictingProcess,
  listRuntimes,
  removeRuntimeInfo,
  writeRuntimeInfo,
} from './runtime-file.js';
