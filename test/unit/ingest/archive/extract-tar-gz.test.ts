import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_ARCHIVE_LIMITS, extractArchive } from '../../../../src/ingest/archive/index.js';
import type { ArchiveExtraction, ArchiveLimits } from '../../../../src/ingest/archive/index.js';
import { buildTarGz, buildTarGzBomb } from '../../../support/tar-gz-writer.js';
import type { TarEntrySpec } from '../../../support/tar-gz-writer.js';
import { buildZip } from '../../../support/zip-writer.js';

const GIB = 1024 * 1024 * 1024;
const xml = (n: number): Buffer =>
  Buffer.from(`<?xml version="1.0"?><Invoice><ID>${n}</ID></Invoice>`);
const file = (name: string, data: Buffer): TarEntrySpec => ({ header: { name }, data });

let workDir: string;
let destDir: string;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'passerelle-tgz-'));
  destDir = path.join(workDir, 'out');
});

afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function extract(
  archive: Buffer,
  limits: Partial<ArchiveLimits> = {},
): Promise<ArchiveExtraction> {
  const archivePath = path.join(workDir, 'batch.tar.gz');
  await writeFile(archivePath, archive);
  return extractArchive(archivePath, destDir, { ...DEFAULT_ARCHIVE_LIMITS, ...limits });
}

function summary(result: ArchiveExtraction): [number, string, string | undefined][] {
  if (!result.ok) {
    throw new Error(`expected ok, got ${result.issues.map((issue) => issue.code).join(', ')}`);
  }
  return result.entries.map((entry) => [entry.index, entry.name, entry.issues[0]?.code]);
}

function archiveCode(result: ArchiveExtraction): string | undefined {
  return result.ok ? undefined : result.issues[0]?.code;
}

async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).sort();
}

describe('extractArchive on tar.gz', () => {
  it('writes regular files, skips directories and junk, hashes what it wrote', async () => {
    const result = await extract(
      await buildTarGz([
        { header: { name: 'batch', type: 'directory' } },
        file('batch/a.xml', xml(1)),
        file('batch/._a.xml', xml(0)),
        file('batch/b.xml', xml(2)),
      ]),
    );

    expect(summary(result)).toEqual([
      [1, 'batch/a.xml', undefined],
      [2, 'batch/b.xml', undefined],
    ]);
    expect(await readFile(path.join(destDir, '0002.bin'))).toEqual(xml(2));
    expect(result.ok && result.entries[1]?.sha256).toBe(
      createHash('sha256').update(xml(2)).digest('hex'),
    );
  });

  it('rejects links, devices and names that climb out, entry by entry', async () => {
    const result = await extract(
      await buildTarGz([
        { header: { name: 'passwd.xml', type: 'symlink', linkname: '/etc/passwd' } },
        file('a.xml', xml(1)),
        { header: { name: 'hard.xml', type: 'link', linkname: 'a.xml' } },
        { header: { name: 'pipe.xml', type: 'fifo' } },
        { header: { name: 'tty.xml', type: 'character-device', devmajor: 4, devminor: 1 } },
        file('../../up.xml', xml(2)),
        file('/abs.xml', xml(3)),
        file('a.xml', xml(4)),
        file('nested.tar.gz', await buildTarGz([file('x.xml', xml(5))])),
        file('nested.xml', buildZip([{ name: 'x.xml', data: xml(6) }])),
      ]),
    );

    expect(summary(result)).toEqual([
      [1, 'passwd.xml', 'ARCHIVE_ENTRY_NOT_REGULAR_FILE'],
      [2, 'a.xml', 'ARCHIVE_ENTRY_DUPLICATE_NAME'],
      [3, 'hard.xml', 'ARCHIVE_ENTRY_NOT_REGULAR_FILE'],
      [4, 'pipe.xml', 'ARCHIVE_ENTRY_NOT_REGULAR_FILE'],
      [5, 'tty.xml', 'ARCHIVE_ENTRY_NOT_REGULAR_FILE'],
      [6, '../../up.xml', 'ARCHIVE_ENTRY_PATH_UNSAFE'],
      [7, '/abs.xml', 'ARCHIVE_ENTRY_PATH_UNSAFE'],
      [8, 'a.xml', 'ARCHIVE_ENTRY_DUPLICATE_NAME'],
      [9, 'nested.tar.gz', 'ARCHIVE_ENTRY_NESTED_ARCHIVE'],
      [10, 'nested.xml', 'ARCHIVE_ENTRY_NESTED_ARCHIVE'],
    ]);
    // Both a.xml entries are refused: the supplier's intent is ambiguous.
    expect(await filesIn(destDir)).toEqual([]);
    expect(await filesIn(workDir)).toEqual(['batch.tar.gz', 'out']);
  });

  it('rejects every entry whose path passes through a link entry', async () => {
    const result = await extract(
      await buildTarGz([
        { header: { name: 'incoming', type: 'symlink', linkname: '/srv/other/inbox' } },
        file('incoming/x.xml', xml(1)),
        file('./incoming/deeper/z.xml', xml(2)),
        file('keep.xml', xml(3)),
      ]),
    );

    expect(summary(result)).toEqual([
      [1, 'incoming', 'ARCHIVE_ENTRY_NOT_REGULAR_FILE'],
      [2, 'incoming/x.xml', 'ARCHIVE_ENTRY_THROUGH_LINK'],
      [3, './incoming/deeper/z.xml', 'ARCHIVE_ENTRY_THROUGH_LINK'],
      [4, 'keep.xml', undefined],
    ]);
    expect(await filesIn(destDir)).toEqual(['0004.bin']);
  });

  it('rejects an entry over maxEntryBytes and goes on with the next one', async () => {
    const result = await extract(
      await buildTarGz([file('big.xml', Buffer.alloc(20_000, 0x41)), file('small.xml', xml(1))]),
      { maxEntryBytes: 10_000 },
    );

    expect(summary(result)).toEqual([
      [1, 'big.xml', 'ARCHIVE_ENTRY_TOO_LARGE'],
      [2, 'small.xml', undefined],
    ]);
  });

  it('rejects the whole archive for 501 files', async () => {
    const files = Array.from({ length: 501 }, (_, n) => file(`f${n}.xml`, xml(n)));

    const result = await extract(await buildTarGz(files));

    expect(archiveCode(result)).toBe('ARCHIVE_TOO_MANY_ENTRIES');
    expect(await filesIn(destDir)).toEqual([]);
  });

  it('rejects a 1 GiB gzip bomb a few MiB in and leaves nothing behind', async () => {
    const bomb = buildTarGzBomb(GIB);
    expect(bomb.length).toBeLessThan(1_200_000);

    const result = await extract(bomb);

    expect(archiveCode(result)).toBe('ARCHIVE_COMPRESSION_RATIO_EXCEEDED');
    expect(await filesIn(destDir)).toEqual([]);
  });

  it('rejects the whole archive past maxTotalBytes', async () => {
    const files = [1, 2, 3].map((n) => file(`${n}.xml`, Buffer.alloc(30_000, 0x41 + n)));

    const result = await extract(await buildTarGz(files), {
      maxTotalBytes: 50_000,
      maxCompressionRatio: 10_000,
    });

    expect(archiveCode(result)).toBe('ARCHIVE_TOTAL_SIZE_EXCEEDED');
    expect(await filesIn(destDir)).toEqual([]);
  });

  it('rejects a truncated tar.gz and a gzip that holds no tar', async () => {
    const whole = await buildTarGz([1, 2, 3].map((n) => file(`${n}.xml`, xml(n))));

    const truncated = await extract(whole.subarray(0, Math.floor(whole.length / 2)));
    const notTar = await extract(gzipSync(Buffer.from('just some text, no tar header here')));

    expect(archiveCode(truncated)).toBe('ARCHIVE_CORRUPT');
    expect(archiveCode(notTar)).toBe('ARCHIVE_CORRUPT');
    expect(await filesIn(destDir)).toEqual([]);
  });
});
