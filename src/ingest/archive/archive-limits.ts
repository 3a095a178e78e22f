/** Bounds on what one batch archive may cost us; see docs/batches-and-facturx.md. */
export interface ArchiveLimits {
  /** File entries (directories and skipped junk not counted); one more rejects the archive. */
  readonly maxEntries: number;
  /** Inflated bytes of one entry; above it only that entry is rejected. */
  readonly maxEntryBytes: number;
  /** Inflated bytes of the whole archive (tar.gz: the whole tar stream); above it, the archive. */
  readonly maxTotalBytes: number;
  /** Inflated / compressed bytes; above it (past ratioGraceBytes) the archive is a bomb. */
  readonly maxCompressionRatio: number;
  /** Small entries compress far better than big ones, so the ratio is judged only past this. */
  readonly ratioGraceBytes: number;
  /** Every record, directories and junk included: bounds the work on a listing-only bomb. */
  readonly maxRecords: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 500,
  maxEntryBytes: 120 * MIB,
  maxTotalBytes: 2048 * MIB,
  maxCompressionRatio: 100,
  ratioGraceBytes: 1 * MIB,
  maxRecords: 5000,
};
