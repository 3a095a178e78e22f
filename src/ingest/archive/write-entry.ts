import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { crc32 } from 'node:zlib';

import { issueOf, PasserelleError } from '../../errors/index.js';
import type { ValidationIssue } from '../../errors/index.js';
import { looksLikeArchive, NESTED_SNIFF_BYTES } from './detect-archive.js';
import type { ExtractionSession } from './extraction-session.js';

export interface EntryWrite {
  readonly session: ExtractionSession;
  readonly index: number;
  readonly name: string;
  /** Decoded bytes of the entry, as the archive library inflates them. */
  readonly source: AsyncIterable<Uint8Array>;
  /** Zip only: the central directory's size, checked against what actually came out. */
  readonly declaredSize?: number;
  /** Zip only: the central directory's CRC-32 of the data, checked likewise. */
  readonly declaredCrc32?: number;
  /** Called for every chunk with the entry's bytes so far; returns an archive-level breach. */
  readonly onChunk?: (entryBytes: number, chunkBytes: number) => ValidationIssue | undefined;
  /** A tar entry must be read to its end for the next header to come; a zip entry need not. */
  readonly drainOnReject: boolean;
}

export type WriteOutcome =
  | { readonly kind: 'written' }
  | { readonly kind: 'rejected' }
  | { readonly kind: 'archive-breach' }
  | { readonly kind: 'source-failed'; readonly error: unknown };

/**
 * Streams one entry to its generated file, counting and hashing as it goes.
 * Input: the entry's decoded bytes. Output: the entry recorded in the session as accepted or
 * rejected. Codes: ARCHIVE_ENTRY_TOO_LARGE, ARCHIVE_ENTRY_NESTED_ARCHIVE, ARCHIVE_ENTRY_CORRUPT
 * (entry); archive-level breaches come from `onChunk`. Throws PasserelleError STORAGE_IO when
 * the destination cannot be written.
 */
export async function writeEntry(write: EntryWrite): Promise<WriteOutcome> {
  const { session, index, name } = write;
  const target = session.targetPath(index);
  const output = createWriteStream(target, { flags: 'wx' });
  let writeError: unknown;
  let abandoned = false;
  output.on('error', (error) => {
    // Destroying the stream fails its pending writes: our doing, not the disk's.
    if (!abandoned) {
      writeError ??= error;
    }
  });
  const discard = async (): Promise<void> => {
    abandoned = true;
    output.destroy();
    // The file may still be opening: removed before the open completes, it would come back.
    // (Not events.once: it rejects on the 'error' that destroying a stream with writes emits.)
    if (!output.closed) await new Promise<void>((resolve) => output.once('close', resolve));
    await rm(target, { force: true });
  };
  session.noteWritten(target);
  const hash = createHash('sha256');
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let size = 0;
  let crc = 0;
  let stop: ValidationIssue | 'archive-breach' | undefined;
  try {
    for await (const chunk of write.source) {
      if (stop !== undefined) {
        continue;
      }
      size += chunk.length;
      if (write.onChunk?.(size, chunk.length) !== undefined) {
        stop = 'archive-breach';
      } else if (size > session.limits.maxEntryBytes) {
        stop = issueOf('ARCHIVE_ENTRY_TOO_LARGE', {
          message: `The entry inflates to more than ${session.limits.maxEntryBytes} bytes; it was skipped.`,
        });
      }
      if (stop === undefined && headBytes < NESTED_SNIFF_BYTES) {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes >= NESTED_SNIFF_BYTES && looksLikeArchive(name, Buffer.concat(head))) {
          stop = nestedIssue();
        }
      }
      if (stop !== undefined) {
        if (!write.drainOnReject) {
          break;
        }
        continue;
      }
      hash.update(chunk);
      crc = crc32(chunk, crc);
      if (!output.write(chunk)) {
        await once(output, 'drain');
      }
    }
  } catch (error) {
    throwIfStorageFailed(writeError);
    await discard();
    return { kind: 'source-failed', error };
  }
  if (
    stop === undefined &&
    headBytes < NESTED_SNIFF_BYTES &&
    looksLikeArchive(name, Buffer.concat(head))
  ) {
    stop = nestedIssue();
  }
  if (stop === undefined && write.declaredSize !== undefined && size !== write.declaredSize) {
    stop = issueOf('ARCHIVE_ENTRY_CORRUPT', {
      message: `The entry inflates to ${size} bytes but declares ${write.declaredSize}; it was skipped.`,
    });
  }
  if (stop === undefined && write.declaredCrc32 !== undefined && crc !== write.declaredCrc32) {
    stop = issueOf('ARCHIVE_ENTRY_CORRUPT', {
      message: 'The entry data does not match its CRC-32; it was skipped.',
    });
  }
  if (stop !== undefined) {
    throwIfStorageFailed(writeError);
    await discard();
    if (stop === 'archive-breach') {
      return { kind: 'archive-breach' };
    }
    session.reject(index, name, size, stop);
    return { kind: 'rejected' };
  }
  output.end();
  try {
    await finished(output);
  } catch (error) {
    await rm(target, { force: true });
    throwIfStorageFailed(error);
  }
  session.accept({ index, name, path: target, size, sha256: hash.digest('hex') });
  return { kind: 'written' };
}

function nestedIssue(): ValidationIssue {
  return issueOf('ARCHIVE_ENTRY_NESTED_ARCHIVE');
}

function throwIfStorageFailed(error: unknown): void {
  if (error !== undefined) {
    throw new PasserelleError('STORAGE_IO', 'Writing an extracted archive entry failed.', {
      cause: error,
    });
  }
}
