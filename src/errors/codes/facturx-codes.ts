import type { CodeTable } from '../code-definition.js';

/** Factur-X / ZUGFeRD hybrid PDF checks (issue 4). */
export const FACTURX_CODES = {} as const satisfies CodeTable;
