import type { CodeTable } from '../code-definition.js';

/**
 * zip and tar.gz batch archives (issue 4). `ARCHIVE_ENTRY_*` codes reject one entry and the
 * others go on; the other codes reject the whole archive and no entry is processed.
 */
export const ARCHIVE_CODES = {
  ARCHIVE_CORRUPT: {
    layer: 'archive',
    severity: 'fatal',
    message: 'The archive cannot be read: it is truncated or corrupt.',
  },
  ARCHIVE_EMPTY: {
    layer: 'archive',
    severity: 'fatal',
    message: 'The archive contains no file.',
  },
  ARCHIVE_TOO_MANY_ENTRIES: {
    layer: 'archive',
    severity: 'fatal',
    message: 'The archive contains more files than the limit; none was processed.',
  },
  ARCHIVE_TOTAL_SIZE_EXCEEDED: {
    layer: 'archive',
    severity: 'fatal',
    message: 'The archive inflates to more than the total size limit; none was processed.',
  },
  ARCHIVE_COMPRESSION_RATIO_EXCEEDED: {
    layer: 'archive',
    severity: 'fatal',
    message:
      'The archive inflates far more than real invoices do (compression bomb); none was processed.',
  },
  ARCHIVE_ENTRY_PATH_UNSAFE: {
    layer: 'archive',
    severity: 'fatal',
    message:
      'The entry name is absolute, climbs out with "..", or has control characters; the entry was skipped.',
  },
  ARCHIVE_ENTRY_NOT_REGULAR_FILE: {
    layer: 'archive',
    severity: 'fatal',
    message: 'The entry is a link, a device or another special file; the entry was skipped.',
  },
  ARCHIVE_ENTRY_NESTED_ARCHIVE: {
    layer: 'archive',
    severity: 'fatal',
    message: 'The entry is itself an archive; nested archives are not opened.',
  },
  ARCHIVE_ENTRY_DUPLICATE_NAME: {
    layer: 'archive',
    severity: 'fatal',
    message:
      "Another entry of the archive has the same name; the supplier's intent is ambiguous, so every entry of that name was refused.",
  },
  ARCHIVE_ENTRY_THROUGH_LINK: {
    layer: 'archive',
    severity: 'fatal',
    message:
      'The entry path passes through a link entry of the same archive (a path-escape attempt); the entry was skipped.',
  },
  ARCHIVE_ENTRY_ENCRYPTED: {
    layer: 'archive',
    severity: 'fatal',
    message: 'The entry is encrypted; encrypted entries are not accepted.',
  },
  ARCHIVE_ENTRY_UNSUPPORTED_COMPRESSION: {
    layer: 'archive',
    severity: 'fatal',
    message: 'The entry uses a compression method other than stored or deflate.',
  },
  ARCHIVE_ENTRY_CORRUPT: {
    layer: 'archive',
    severity: 'fatal',
    message: 'The entry data cannot be inflated or does not match its declared size or CRC-32.',
  },
  ARCHIVE_ENTRY_TOO_LARGE: {
    layer: 'archive',
    severity: 'fatal',
    message: 'The entry inflates to more than the per-file size limit; the entry was skipped.',
  },
} as const satisfies CodeTable;
