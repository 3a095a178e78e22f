export type { ArchiveEntryResult, ArchiveExtraction, ArchiveKind } from './archive-extraction.js';
export type { ArchiveLimits } from './archive-limits.js';
export { DEFAULT_ARCHIVE_LIMITS } from './archive-limits.js';
export { detectArchive } from './detect-archive.js';
export { extractArchive } from './extract-archive.js';
