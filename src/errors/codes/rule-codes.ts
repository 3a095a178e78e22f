import type { CodeTable } from '../code-definition.js';

/** Business rules: EN 16931 and the French public-sector layer (issue 3). */
export const RULE_CODES = {} as const satisfies CodeTable;
