export type { GatewayStatus } from './gateway.js';
export { Gateway } from './gateway.js';
