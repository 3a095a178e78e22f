import type { ValidationIssue } from '../../errors/index.js';

export type ArchiveKind = 'zip' | 'tar.gz';

/** One file entry of an archive, accepted (with `path`) or rejected (fatal issues, no `path`). */
export interface ArchiveEntryResult {
  /** 1-based position among the reported entries; also names the extracted file (0001.bin). */
  readonly index: number;
  /** The entry name as written in the archive, for acknowledgements; never used as a path. */
  readonly name: string;
  /** Where the entry was written; absent when the entry was rejected. */
  readonly path?: string;
  /** Bytes written; for a rejected entry, the bytes seen or else the declared size. */
  readonly size: number;
  /** Hex SHA-256 of the written bytes; absent when the entry was rejected. */
  readonly sha256?: string;
  readonly issues: ValidationIssue[];
}

export type ArchiveExtraction =
  | { readonly ok: true; readonly entries: ArchiveEntryResult[] }
  | { readonly ok: false; readonly issues: ValidationIssue[] };
