export type { GatewayStatus } from './gateway.js';
export { Gateway } from './gateway.js';
export type { Stores } from './open-stores.js';
export { openStores } from './open-stores.js';
export type { RuntimeInfo } from './runtime-file.js';
export type { FoundRuntime } from './runtime-file.js';
export { listRuntimes } from './runtime-file.js';
