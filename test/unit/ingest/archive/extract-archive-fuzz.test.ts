import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { extractArchive } from '../../../../src/ingest/archive/index.js';
import { buildTarGz } from '../../../support/tar-gz-writer.js';
import { buildZip } from '../../../support/zip-writer.js';

const xml = (n: number): Buffer =>
  Buffer.from(`<?xml version="1.0"?><Invoice><ID>${n}</ID>${'<Line/>'.repeat(n * 20)}</Invoice>`);
const NAMES = ['a.xml', 'dir/b.xml', 'c.xml', 'd.pdf'];

let workDir: string;
let zip: Buffer;
let tarGz: Buffer;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'passerelle-fuzz-'));
  zip = buildZip(NAMES.map((name, n) => ({ name, data: xml(n) })));
  tarGz = await buildTarGz(NAMES.map((name, n) => ({ header: { name }, data: xml(n) })));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function damage(archive: Buffer): fc.Arbitrary<Buffer> {
  return fc
    .array(fc.tuple(fc.nat({ max: archive.length - 1 }), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((edits) => {
      const copy = Buffer.from(archive);
      for (const [offset, value] of edits) {
        copy[offset] = value;
      }
      return copy;
    });
}

let run = 0;

async function checkExtraction(archive: Buffer): Promise<void> {
  run += 1;
  const archivePath = path.join(workDir, `${run}.bin`);
  const destDir = path.join(workDir, `out-${run}`);
  await writeFile(archivePath, archive);

  const result = await extractArchive(archivePath, destDir);

  const written = (await readdir(destDir).catch(() => [])).sort();
  if (result.ok) {
    const paths = result.entries.flatMap((entry) => (entry.path === undefined ? [] : [entry.path]));
    expect(written).toEqual(paths.map((file) => path.basename(file)).sort());
  } else {
    expect(result.issues.length).toBeGreaterThan(0);
    expect(written).toEqual([]);
  }
}

describe('extractArchive on damaged archives', () => {
  it('never throws for a damaged zip and leaves exactly the accepted files', async () => {
    await fc.assert(fc.asyncProperty(damage(zip), checkExtraction), {
      numRuns: 40,
      seed: 20261124,
    });
  });

  it('never throws for a damaged tar.gz and leaves exactly the accepted files', async () => {
    await fc.assert(fc.asyncProperty(damage(tarGz), checkExtraction), {
      numRuns: 40,
      seed: 20261124,
    });
  });
});
