/**
 * Stage: unpack a batch archive (zip or tar.gz, told by content) into destDir, streaming.
 * Input: the archive path, an empty or fresh destination folder, limits. Output: one result per
 * file entry, accepted ones written as destDir/0001.bin, 0002.bin...; or the archive-level
 * issues, in which case nothing is left in destDir. Codes: every ARCHIVE_* code.
 * Throws PasserelleError STORAGE_IO when the archive cannot be read from disk or destDir
 * cannot be written: those are our problems, not the partner's.
 */

import { mkdir, open, stat } from 'node:fs/promises';

import { issueOf, PasserelleError } from '../../errors/index.js';
import type { ArchiveExtraction } from './archive-extraction.js';
import { DEFAULT_ARCHIVE_LIMITS } from './archive-limits.js';
import type { ArchiveLimits } from './archive-limits.js';
import { detectArchive } from './detect-archive.js';
import { ExtractionSession } from './extraction-session.js';
import { extractTarGz } from './extract-tar-gz.js';
import { extractZip } from './extract-zip.js';

const HEAD_BYTES = 8;

export async function extractArchive(
  archivePath: string,
  destDir: string,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ArchiveExtraction> {
  const { size, head } = await readHead(archivePath);
  const kind = detectArchive(head);
  if (kind === undefined) {
    return {
      ok: false,
      issues: [
        issueOf('ARCHIVE_CORRUPT', {
          message: 'The file is neither a zip nor a gzip-compressed tar archive.',
        }),
      ],
    };
  }
  try {
    await mkdir(destDir, { recursive: true });
  } catch (error) {
    throw new PasserelleError('STORAGE_IO', `Cannot create ${destDir}.`, { cause: error });
  }
  const session = new ExtractionSession(destDir, limits);
  try {
    if (kind === 'zip') {
      await extractZip(archivePath, size, session);
    } else {
      await extractTarGz(archivePath, session);
    }
  } catch (error) {
    await session.removeWritten();
    throw error;
  }
  return session.finish();
}

async function readHead(archivePath: string): Promise<{ size: number; head: Uint8Array }> {
  try {
    const { size } = await stat(archivePath);
    const handle = await open(archivePath, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
      return { size, head: buffer.subarray(0, bytesRead) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new PasserelleError('STORAGE_IO', `Cannot read the archive ${archivePath}.`, {
      cause: error,
    });
  }
}
