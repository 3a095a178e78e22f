export type { Syntax } from './syntax.js';
export { NAMESPACES, detectSyntax } from './syntax.js';
export type { ContentKind } from './sniff-content.js';
export { sniffContent } from './sniff-content.js';
export type { RoutingKeys } from './keys/routing-keys.js';
export { readRoutingKeys } from './keys/read-routing-keys.js';
