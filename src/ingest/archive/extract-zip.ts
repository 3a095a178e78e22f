/**
 * Stage: extract a zip batch, one entry at a time.
 * Input: the zip path and a session. Output: entries recorded in the session.
 * Codes: ARCHIVE_CORRUPT, ARCHIVE_TOO_MANY_ENTRIES, ARCHIVE_TOTAL_SIZE_EXCEEDED,
 * ARCHIVE_COMPRESSION_RATIO_EXCEEDED (archive); ARCHIVE_ENTRY_* (entry).
 */

import { Transform } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';

import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

import { issueOf, PasserelleError } from '../../errors/index.js';
import type { ValidationIssue } from '../../errors/index.js';
import { looksLikeArchive } from './detect-archive.js';
import { classifyEntryName } from './entry-name.js';
import type { ExtractionSession } from './extraction-session.js';
import { writeEntry } from './write-entry.js';

const UNIX_HOST = 3;
const FILE_TYPE_MASK = 0o170000;
const REGULAR_FILE = 0o100000;
const DIRECTORY = 0o040000;
const SYMLINK = 0o120000;
const STORED = 0;
const DEFLATED = 8;

export async function extractZip(
  archivePath: string,
  fileSize: number,
  session: ExtractionSession,
): Promise<void> {
  let zip: ZipFile;
  try {
    // Names are decoded and judged by us: yauzl's own check would abort the whole archive.
    zip = await yauzl.openPromise(archivePath, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: false,
    });
  } catch (error) {
    session.fail(corrupt(error));
    return;
  }
  try {
    if (zip.entryCount > session.limits.maxRecords) {
      session.fail(
        issueOf('ARCHIVE_TOO_MANY_ENTRIES', {
          message: `The archive lists ${zip.entryCount} records (limit ${session.limits.maxRecords}); none was processed.`,
        }),
      );
      return;
    }
    for await (const entry of zip.eachEntry()) {
      await extractZipEntry(zip, entry, fileSize, session);
      if (session.breach !== undefined) {
        return;
      }
    }
  } catch (error) {
    if (error instanceof PasserelleError) {
      throw error;
    }
    session.fail(corrupt(error));
  } finally {
    zip.close();
  }
}

async function extractZipEntry(
  zip: ZipFile,
  entry: Entry,
  fileSize: number,
  session: ExtractionSession,
): Promise<void> {
  if (!session.countRecord()) {
    return;
  }
  const name = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    false,
  );
  const verdict = classifyEntryName(name);
  if (verdict === 'directory' || verdict === 'junk' || fileType(entry) === DIRECTORY) {
    return;
  }
  const index = session.beginFile();
  if (index === undefined) {
    return;
  }
  const compressed = Math.max(1, Math.min(entry.compressedSize, fileSize));
  if (
    session.addDeclaredBytes(entry.uncompressedSize) !== undefined ||
    session.checkRatio(entry.uncompressedSize, compressed) !== undefined
  ) {
    return;
  }
  const refusal = refuseBeforeReading(entry, name, index, verdict, session);
  if (refusal !== undefined) {
    session.reject(index, name, entry.uncompressedSize, refusal);
    return;
  }
  let raw: Readable;
  try {
    raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
  } catch (error) {
    session.reject(index, name, entry.uncompressedSize, entryCorrupt(error));
    return;
  }
  let consumed = 0;
  const source =
    entry.compressionMethod === DEFLATED
      ? inflateCounting(raw, (bytes) => {
          consumed += bytes;
        })
      : raw;
  const outcome = await writeEntry({
    session,
    index,
    name,
    source,
    declaredSize: entry.uncompressedSize,
    declaredCrc32: entry.crc32,
    drainOnReject: false,
    onChunk: (entryBytes, chunkBytes) =>
      session.addInflatedBytes(chunkBytes) ??
      session.checkRatio(entryBytes, entry.compressionMethod === DEFLATED ? consumed : entryBytes),
  });
  if (outcome.kind === 'source-failed') {
    session.reject(index, name, entry.uncompressedSize, entryCorrupt(outcome.error));
  }
}

/**
 * Inflates an entry ourselves rather than through yauzl, so that the ratio is judged against
 * the compressed bytes actually consumed: a bomb is stopped a few MiB in, whatever it declares.
 */
function inflateCounting(raw: Readable, onCompressed: (bytes: number) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      onCompressed(chunk.length);
      callback(null, chunk);
    },
  });
  const inflate = createInflateRaw();
  // A failure anywhere destroys `inflate` with that error, which its reader then sees.
  pipeline(raw, counter, inflate).catch(() => undefined);
  return inflate;
}

/** Problems visible in the central directory, in the order a partner would fix them. */
function refuseBeforeReading(
  entry: Entry,
  name: string,
  index: number,
  verdict: 'unsafe' | 'file',
  session: ExtractionSession,
): ValidationIssue | undefined {
  if (verdict === 'unsafe') {
    return issueOf('ARCHIVE_ENTRY_PATH_UNSAFE');
  }
  if (session.isDuplicateName(name, index)) {
    return issueOf('ARCHIVE_ENTRY_DUPLICATE_NAME');
  }
  const throughLink = session.linkOnPathOf(name);
  if (throughLink !== undefined) {
    return throughLink;
  }
  const type = fileType(entry);
  if (type === SYMLINK) {
    session.noteLink(name);
  }
  if (type !== undefined && type !== REGULAR_FILE) {
    return issueOf('ARCHIVE_ENTRY_NOT_REGULAR_FILE', {
      message:
        type === SYMLINK
          ? 'The entry is a symbolic link; the entry was skipped.'
          : `The entry is a special file (mode ${type.toString(8)}); the entry was skipped.`,
    });
  }
  if (entry.isEncrypted()) {
    return issueOf('ARCHIVE_ENTRY_ENCRYPTED');
  }
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    return issueOf('ARCHIVE_ENTRY_UNSUPPORTED_COMPRESSION', {
      message: `The entry uses compression method ${entry.compressionMethod}; only stored (0) and deflate (8) are read.`,
    });
  }
  if (entry.uncompressedSize > session.limits.maxEntryBytes) {
    return issueOf('ARCHIVE_ENTRY_TOO_LARGE', {
      message: `The entry declares ${entry.uncompressedSize} bytes, more than ${session.limits.maxEntryBytes}; it was skipped.`,
    });
  }
  return looksLikeArchive(name, undefined) ? issueOf('ARCHIVE_ENTRY_NESTED_ARCHIVE') : undefined;
}

/** The Unix file type when the entry was made on Unix and says so, else undefined. */
function fileType(entry: Entry): number | undefined {
  if (entry.versionMadeBy >> 8 !== UNIX_HOST) {
    return undefined;
  }
  const type = (entry.externalFileAttributes >>> 16) & FILE_TYPE_MASK;
  return type === 0 ? undefined : type;
}

function corrupt(error: unknown): ValidationIssue {
  return issueOf('ARCHIVE_CORRUPT', {
    message: `The zip archive cannot be read: ${describe(error)}`,
  });
}

function entryCorrupt(error: unknown): ValidationIssue {
  return issueOf('ARCHIVE_ENTRY_CORRUPT', {
    message: `The entry cannot be inflated: ${describe(error)}`,
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
