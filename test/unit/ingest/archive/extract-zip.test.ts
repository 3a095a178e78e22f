import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_ARCHIVE_LIMITS, extractArchive } from '../../../../src/ingest/archive/index.js';
import type {
  ArchiveExtraction,
  ArchiveLimits,
  ArchiveEntryResult,
} from '../../../../src/ingest/archive/index.js';
import { buildZip, deflatedZeros } from '../../../support/zip-writer.js';
import type { ZipEntrySpec } from '../../../support/zip-writer.js';

const GIB = 1024 * 1024 * 1024;
const xml = (n: number): Buffer =>
  Buffer.from(`<?xml version="1.0"?><Invoice><ID>${n}</ID>${'<Line/>'.repeat(50)}</Invoice>`);

let workDir: string;
let destDir: string;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'passerelle-zip-'));
  destDir = path.join(workDir, 'out');
});

afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function extract(
  entries: readonly ZipEntrySpec[] | Buffer,
  limits: Partial<ArchiveLimits> = {},
): Promise<ArchiveExtraction> {
  const archive = path.join(workDir, 'batch.zip');
  await writeFile(archive, Buffer.isBuffer(entries) ? entries : buildZip(entries));
  return extractArchive(archive, destDir, { ...DEFAULT_ARCHIVE_LIMITS, ...limits });
}

function entriesOf(result: ArchiveExtraction): ArchiveEntryResult[] {
  if (!result.ok) {
    throw new Error(`expected ok, got ${result.issues.map((issue) => issue.code).join(', ')}`);
  }
  return result.entries;
}

function summary(result: ArchiveExtraction): [string, string | undefined][] {
  return entriesOf(result).map((entry) => [entry.name, entry.issues[0]?.code]);
}

async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).sort();
}

describe('extractArchive on good zips', () => {
  it('writes each file entry to a generated name and skips directories and junk', async () => {
    const result = await extract([
      { name: 'invoices/' },
      { name: 'invoices/a.xml', data: xml(1) },
      { name: 'invoices/b.xml', data: xml(2), method: 0 },
      { name: '__MACOSX/invoices/._a.xml', data: xml(9) },
      { name: 'invoices/.DS_Store', data: Buffer.from('junk') },
      { name: 'facture-é.xml', data: xml(3) },
    ]);

    const entries = entriesOf(result);
    expect(entries.map((entry) => [entry.index, entry.name, entry.issues])).toEqual([
      [1, 'invoices/a.xml', []],
      [2, 'invoices/b.xml', []],
      [3, 'facture-é.xml', []],
    ]);
    expect(await filesIn(destDir)).toEqual(['0001.bin', '0002.bin', '0003.bin']);
    const second = entries[1];
    expect(second?.path).toBe(path.join(destDir, '0002.bin'));
    expect(await readFile(path.join(destDir, '0002.bin'))).toEqual(xml(2));
    expect(second?.size).toBe(xml(2).length);
    expect(second?.sha256).toBe(createHash('sha256').update(xml(2)).digest('hex'));
  });
});

describe('extractArchive rejects the whole zip', () => {
  it('for a 1 GiB deflate bomb (~1 MB of zip), without inflating it', async () => {
    const bomb = buildZip([
      { name: 'zeros.xml', compressed: deflatedZeros(GIB), declaredSize: GIB },
    ]);
    expect(bomb.length).toBeLessThan(1_200_000);

    const result = await extract(bomb);

    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'ARCHIVE_COMPRESSION_RATIO_EXCEEDED', layer: 'archive' }],
    });
  });

  it('for a bomb that lies about its size, by counting while inflating', async () => {
    const result = await extract([
      { name: 'ok.xml', data: xml(1) },
      { name: 'zeros.xml', compressed: deflatedZeros(GIB), declaredSize: 1000 },
    ]);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((issue) => issue.code)).toEqual([
      'ARCHIVE_COMPRESSION_RATIO_EXCEEDED',
    ]);
    expect(await filesIn(destDir)).toEqual([]);
  });

  it('when the files together pass maxTotalBytes', async () => {
    const result = await extract(
      [1, 2, 3].map((n) => ({ name: `${n}.bin`, data: randomBytes(40_000) })),
      { maxTotalBytes: 100_000 },
    );

    expect(!result.ok && result.issues[0]?.code).toBe('ARCHIVE_TOTAL_SIZE_EXCEEDED');
    expect(await filesIn(destDir)).toEqual([]);
  });

  it('with 501 files and leaves nothing behind, but takes 500', async () => {
    const files = Array.from({ length: 501 }, (_, n) => ({ name: `f${n}.xml`, data: xml(n) }));

    const tooMany = await extract(files);
    expect(!tooMany.ok && tooMany.issues[0]?.code).toBe('ARCHIVE_TOO_MANY_ENTRIES');
    expect(await filesIn(destDir)).toEqual([]);

    const justEnough = await extract([{ name: 'dir/' }, ...files.slice(0, 500)]);
    expect(entriesOf(justEnough)).toHaveLength(500);
    expect(entriesOf(justEnough).every((entry) => entry.issues.length === 0)).toBe(true);
  });

  it('when the zip is truncated', async () => {
    const whole = buildZip([1, 2, 3].map((n) => ({ name: `${n}.xml`, data: randomBytes(5000) })));

    const result = await extract(whole.subarray(0, Math.floor(whole.length / 2)));

    expect(!result.ok && result.issues[0]?.code).toBe('ARCHIVE_CORRUPT');
  });

  it('when the file is no archive, or an archive with no file', async () => {
    const notZip = await extract(Buffer.from('<?xml version="1.0"?><a/>'));
    const empty = await extract([{ name: 'only-a-folder/' }, { name: '__MACOSX/x', data: xml(1) }]);

    expect(!notZip.ok && notZip.issues[0]?.code).toBe('ARCHIVE_CORRUPT');
    expect(!empty.ok && empty.issues[0]?.code).toBe('ARCHIVE_EMPTY');
  });
});

describe('extractArchive rejects single zip entries', () => {
  it('whose name is absolute or climbs out, and writes nothing outside destDir', async () => {
    const result = await extract([
      { name: '../evil.xml', data: xml(1) },
      { name: 'a/../../evil.xml', data: xml(2) },
      { name: '/etc/evil.xml', data: xml(3) },
      { name: 'C:\\evil.xml', data: xml(4) },
      { name: '..\\evil.xml', data: xml(5) },
      { name: 'good.xml', data: xml(6) },
    ]);

    expect(summary(result)).toEqual([
      ['../evil.xml', 'ARCHIVE_ENTRY_PATH_UNSAFE'],
      ['a/../../evil.xml', 'ARCHIVE_ENTRY_PATH_UNSAFE'],
      ['/etc/evil.xml', 'ARCHIVE_ENTRY_PATH_UNSAFE'],
      ['C:/evil.xml', 'ARCHIVE_ENTRY_PATH_UNSAFE'],
      ['../evil.xml', 'ARCHIVE_ENTRY_PATH_UNSAFE'],
      ['good.xml', undefined],
    ]);
    expect(entriesOf(result).filter((entry) => entry.path !== undefined)).toHaveLength(1);
    expect(await filesIn(workDir)).toEqual(['batch.zip', 'out']);
    expect(await filesIn(destDir)).toEqual(['0006.bin']);
  });

  it('that are symlinks, encrypted, nested archives, duplicates or oddly compressed', async () => {
    const innerZip = buildZip([{ name: 'x.xml', data: xml(1) }]);
    const result = await extract([
      { name: 'link.xml', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 },
      { name: 'secret.xml', data: xml(1), flags: 0x1 },
      { name: 'inner.zip', data: innerZip },
      { name: 'disguised.xml', data: innerZip },
      { name: 'a.xml', data: xml(1), unixMode: 0o100644 },
      { name: 'a.xml', data: xml(2) },
      { name: './a.xml', data: xml(3) },
      { name: 'bzip2.xml', data: xml(4), method: 12, compressed: Buffer.from('BZh91AY') },
    ]);

    expect(summary(result)).toEqual([
      ['link.xml', 'ARCHIVE_ENTRY_NOT_REGULAR_FILE'],
      ['secret.xml', 'ARCHIVE_ENTRY_ENCRYPTED'],
      ['inner.zip', 'ARCHIVE_ENTRY_NESTED_ARCHIVE'],
      ['disguised.xml', 'ARCHIVE_ENTRY_NESTED_ARCHIVE'],
      ['a.xml', 'ARCHIVE_ENTRY_DUPLICATE_NAME'],
      ['a.xml', 'ARCHIVE_ENTRY_DUPLICATE_NAME'],
      ['./a.xml', 'ARCHIVE_ENTRY_DUPLICATE_NAME'],
      ['bzip2.xml', 'ARCHIVE_ENTRY_UNSUPPORTED_COMPRESSION'],
    ]);
    // Every entry of an ambiguous name is refused, the first one too: nothing is left.
    expect(await filesIn(destDir)).toEqual([]);
  });

  it('that pass through a link entry, whichever comes first', async () => {
    const result = await extract([
      { name: 'incoming', data: Buffer.from('/srv/real-recipient/inbox'), unixMode: 0o120777 },
      { name: 'incoming/x.xml', data: xml(1) },
      { name: 'early/y.xml', data: xml(2) },
      { name: 'early', data: Buffer.from('/tmp'), unixMode: 0o120777 },
      { name: 'fine.xml', data: xml(3) },
    ]);

    expect(summary(result)).toEqual([
      ['incoming', 'ARCHIVE_ENTRY_NOT_REGULAR_FILE'],
      ['incoming/x.xml', 'ARCHIVE_ENTRY_THROUGH_LINK'],
      ['early/y.xml', 'ARCHIVE_ENTRY_THROUGH_LINK'],
      ['early', 'ARCHIVE_ENTRY_NOT_REGULAR_FILE'],
      ['fine.xml', undefined],
    ]);
    expect(await filesIn(destDir)).toEqual(['0005.bin']);
  });

  it('over maxEntryBytes, whether declared honestly or not', async () => {
    const big = randomBytes(50_000);
    const result = await extract(
      [
        { name: 'honest.bin', data: big },
        { name: 'liar.bin', data: big, declaredSize: 100 },
        { name: 'small.xml', data: xml(1) },
      ],
      { maxEntryBytes: 10_000 },
    );

    expect(summary(result)).toEqual([
      ['honest.bin', 'ARCHIVE_ENTRY_TOO_LARGE'],
      ['liar.bin', 'ARCHIVE_ENTRY_TOO_LARGE'],
      ['small.xml', undefined],
    ]);
    expect(await filesIn(destDir)).toEqual(['0003.bin']);
  });

  it('whose data is corrupt, shorter than declared or fails its CRC-32', async () => {
    const result = await extract([
      { name: 'garbage.xml', compressed: Buffer.from([0xff, 0xff, 0xff, 0xff]), declaredSize: 10 },
      { name: 'short.xml', data: xml(1), declaredSize: xml(1).length + 5 },
      { name: 'bad-crc.xml', data: xml(3), declaredCrc32: 0x12345678 },
      { name: 'fine.xml', data: xml(2) },
    ]);

    expect(summary(result)).toEqual([
      ['garbage.xml', 'ARCHIVE_ENTRY_CORRUPT'],
      ['short.xml', 'ARCHIVE_ENTRY_CORRUPT'],
      ['bad-crc.xml', 'ARCHIVE_ENTRY_CORRUPT'],
      ['fine.xml', undefined],
    ]);
  });
});
