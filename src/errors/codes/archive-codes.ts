import type { CodeTable } from '../code-definition.js';

/** zip and tar.gz batch archives (issue 4). */
export const ARCHIVE_CODES = {} as const satisfies CodeTable;
