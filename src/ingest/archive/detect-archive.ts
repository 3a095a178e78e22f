import type { ArchiveKind } from './archive-extraction.js';

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];
const GZIP = [0x1f, 0x8b, 0x08];

/**
 * Tells a supported archive by its magic bytes. Any gzip stream counts as tar.gz: whether a tar
 * is inside is only known once it is inflated, and extraction then reports ARCHIVE_CORRUPT.
 */
export function detectArchive(head: Uint8Array): ArchiveKind | undefined {
  if (startsWith(head, ZIP_LOCAL_HEADER) || startsWith(head, ZIP_EMPTY_ARCHIVE)) {
    return 'zip';
  }
  return startsWith(head, GZIP) ? 'tar.gz' : undefined;
}

/** Magic bytes of archives and compressed streams we refuse to open inside a batch. */
const NESTED_MAGICS: readonly (readonly number[])[] = [
  ZIP_LOCAL_HEADER,
  ZIP_EMPTY_ARCHIVE,
  [0x1f, 0x8b],
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], // RAR
  [0x42, 0x5a, 0x68], // bzip2
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
];
const USTAR = [0x75, 0x73, 0x74, 0x61, 0x72]; // "ustar" at offset 257 of a tar header
const USTAR_OFFSET = 257;

/** Bytes needed by looksLikeArchive to see a tar header. */
export const NESTED_SNIFF_BYTES = 512;

const ARCHIVE_NAME = /\.(zip|tar|tgz|gz|bz2|tbz2?|xz|txz|7z|rar)$/i;

/** True when an entry is itself an archive, by its name or its first bytes. */
export function looksLikeArchive(name: string, head: Uint8Array | undefined): boolean {
  if (ARCHIVE_NAME.test(name)) {
    return true;
  }
  if (head === undefined) {
    return false;
  }
  return (
    NESTED_MAGICS.some((magic) => startsWith(head, magic)) ||
    startsWith(head.subarray(USTAR_OFFSET), USTAR)
  );
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
}
