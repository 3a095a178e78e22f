/**
 * Stage: extract a tar.gz batch as one stream (gzip cannot be read at random).
 * Input: the archive path and a session. Output: entries recorded in the session.
 * Codes: ARCHIVE_CORRUPT, ARCHIVE_TOO_MANY_ENTRIES, ARCHIVE_TOTAL_SIZE_EXCEEDED,
 * ARCHIVE_COMPRESSION_RATIO_EXCEEDED (archive); ARCHIVE_ENTRY_* (entry).
 */

import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

import tar from 'tar-stream';
import type { Extract, Header } from 'tar-stream';

import { issueOf, PasserelleError } from '../../errors/index.js';
import type { ValidationIssue } from '../../errors/index.js';
import { looksLikeArchive } from './detect-archive.js';
import { classifyEntryName } from './entry-name.js';
import type { ExtractionSession } from './extraction-session.js';
import { writeEntry } from './write-entry.js';

type EntryType = Header['type'];
type Entry = Extract extends AsyncIterable<infer Source> ? Source : never;
const REGULAR_TYPES: ReadonlySet<EntryType> = new Set(['file', 'contiguous-file']);

export async function extractTarGz(archivePath: string, session: ExtractionSession): Promise<void> {
  const meter = createInflationMeter(session);
  const extract = tar.extract();
  // Settles to the stream error, so that a failure while we iterate is never unhandled.
  const piping = pipeline(
    createReadStream(archivePath),
    meter.compressed,
    createGunzip(),
    meter.inflated,
    extract,
  ).then(
    () => undefined,
    (error: unknown) => error,
  );
  let iterationError: unknown;
  try {
    for await (const entry of extract) {
      await extractTarEntry(entry, session);
      if (session.breach !== undefined) {
        break;
      }
    }
  } catch (error) {
    iterationError = error;
  }
  if (session.breach !== undefined || iterationError instanceof PasserelleError) {
    extract.destroy();
  }
  const streamError = await piping;
  if (iterationError instanceof PasserelleError) {
    throw iterationError;
  }
  if (session.breach === undefined && (iterationError ?? streamError) !== undefined) {
    session.fail(corrupt(iterationError ?? streamError));
  }
}

async function extractTarEntry(entry: Entry, session: ExtractionSession): Promise<void> {
  const { header } = entry;
  const name = header.name;
  const type = header.type ?? 'file';
  if (!session.countRecord()) {
    entry.resume();
    return;
  }
  const verdict = classifyEntryName(name);
  if (verdict === 'directory' || verdict === 'junk' || type === 'directory') {
    entry.resume();
    return;
  }
  const index = session.beginFile();
  if (index === undefined) {
    entry.resume();
    return;
  }
  const declared = header.size ?? 0;
  const refusal = refuseBeforeReading(type, name, index, verdict, declared, session);
  if (refusal !== undefined) {
    entry.resume();
    session.reject(index, name, declared, refusal);
    return;
  }
  const source = chunksOf(entry);
  const outcome = await writeEntry({ session, index, name, source, drainOnReject: true });
  if (outcome.kind === 'source-failed') {
    throw outcome.error;
  }
}

/** streamx types its chunks as unknown; tar entries only ever carry bytes. */
async function* chunksOf(entry: Entry): AsyncGenerator<Uint8Array> {
  for await (const chunk of entry) {
    if (!(chunk instanceof Uint8Array)) {
      throw new TypeError('A tar entry yielded a chunk that is not bytes.');
    }
    yield chunk;
  }
}

function refuseBeforeReading(
  type: EntryType,
  name: string,
  index: number,
  verdict: 'unsafe' | 'file',
  declared: number,
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
  if (type === 'symlink' || type === 'link') {
    session.noteLink(name);
  }
  if (!REGULAR_TYPES.has(type)) {
    return issueOf('ARCHIVE_ENTRY_NOT_REGULAR_FILE', {
      message: `The entry is a ${type} entry, not a regular file; the entry was skipped.`,
    });
  }
  if (declared > session.limits.maxEntryBytes) {
    return issueOf('ARCHIVE_ENTRY_TOO_LARGE', {
      message: `The entry is ${declared} bytes, more than ${session.limits.maxEntryBytes}; it was skipped.`,
    });
  }
  return looksLikeArchive(name, undefined) ? issueOf('ARCHIVE_ENTRY_NESTED_ARCHIVE') : undefined;
}

/**
 * Counts bytes on both sides of gunzip. The whole tar stream (headers and skipped entries too)
 * is inflated, so the total and ratio limits are judged here, for the archive as a whole.
 */
function createInflationMeter(session: ExtractionSession): {
  compressed: Transform;
  inflated: Transform;
} {
  let compressedBytes = 0;
  let inflatedBytes = 0;
  const compressed = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      compressedBytes += chunk.length;
      callback(null, chunk);
    },
  });
  const inflated = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      inflatedBytes += chunk.length;
      const breach =
        session.addInflatedBytes(chunk.length) ??
        session.checkRatio(inflatedBytes, compressedBytes);
      callback(breach === undefined ? null : new Error(breach.message), chunk);
    },
  });
  return { compressed, inflated };
}

function corrupt(error: unknown): ValidationIssue {
  return issueOf('ARCHIVE_CORRUPT', {
    message: `The tar.gz archive cannot be read: ${error instanceof Error ? error.message : String(error)}`,
  });
}
