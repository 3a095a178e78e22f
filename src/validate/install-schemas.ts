/**
 * `passerelle schemas install`: takes the archives and folders as downloaded from the
 * publishers and lays out, in the schemas folder, every file of the manifest found among them.
 * A file is taken only when its SHA-256 is the manifest's, so the layout inside the archive does
 * not matter and nothing else is ever written: entry names are never used as paths.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { ZipFile } from 'yauzl';
import { checkSchemas, sha256Of, type SchemasCheck } from './check-schemas.js';
import { readSchemaManifest, type SchemaManifest } from './schema-manifest.js';

/** Archives inside archives are opened this deep (publishers' packages nest one level). */
const MAX_ZIP_DEPTH = 3;
/** Entries larger than this are neither schema files nor packages of schema files. */
const MAX_ENTRY_BYTES = 512 * 1024 * 1024;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export interface SchemasInstall {
  /** Files written into the schemas folder. */
  readonly installed: readonly string[];
  /** Files of the manifest seen in the sources with other content (another version). */
  readonly rejected: readonly { readonly file: string; readonly source: string }[];
  /** Sources that could not be read, with the reason. */
  readonly unreadable: readonly { readonly source: string; readonly reason: string }[];
  /** The schemas folder after the install. */
  readonly check: SchemasCheck;
}

interface Wanted {
  /** Base name → SHA-256 sums of the manifest files with that name. */
  readonly sumsByName: ReadonlyMap<string, ReadonlySet<string>>;
  /** SHA-256 → content, filled while reading the sources. */
  readonly found: Map<string, Buffer>;
  /** Base name → where a file of that name with an unknown sum was seen. */
  readonly strangers: Map<string, string>;
}

function wantedOf(manifest: SchemaManifest): Wanted {
  const sumsByName = new Map<string, Set<string>>();
  for (const bundle of manifest.bundles) {
    for (const [relative, sum] of Object.entries(bundle.files)) {
      const name = path.posix.basename(relative);
      const sums = sumsByName.get(name) ?? new Set<string>();
      sums.add(sum);
      sumsByName.set(name, sums);
    }
  }
  return { sumsByName, found: new Map(), strangers: new Map() };
}

function offer(wanted: Wanted, name: string, bytes: Buffer, where: string): void {
  const sums = wanted.sumsByName.get(name);
  if (sums === undefined) return;
  const sum = sha256Of(bytes);
  if (sums.has(sum)) wanted.found.set(sum, bytes);
  else wanted.strangers.set(name, where);
}

function isZip(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).equals(ZIP_MAGIC);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readZip(zip: ZipFile, label: string, wanted: Wanted, depth: number): Promise<void> {
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/') || entry.uncompressedSize > MAX_ENTRY_BYTES) continue;
      const name = path.posix.basename(entry.fileName);
      const nested = name.toLowerCase().endsWith('.zip') && depth < MAX_ZIP_DEPTH;
      if (!nested && !wanted.sumsByName.has(name)) continue;
      const bytes = await readAll(await zip.openReadStreamPromise(entry));
      const where = `${label}!${entry.fileName}`;
      if (nested && isZip(bytes)) {
        await readZip(
          await yauzl.fromBufferPromise(bytes, { lazyEntries: true }),
          where,
          wanted,
          depth + 1,
        );
      } else {
        offer(wanted, name, bytes, where);
      }
    }
  } finally {
    zip.close();
  }
}

function readFolder(folder: string, wanted: Wanted): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) readFolder(full, wanted);
    else if (entry.isFile() && wanted.sumsByName.has(entry.name))
      offer(wanted, entry.name, readFileSync(full), full);
  }
}

async function readSource(source: string, wanted: Wanted): Promise<void> {
  if (statSync(source).isDirectory()) {
    readFolder(source, wanted);
    return;
  }
  if (startsLikeZip(source)) {
    await readZip(await yauzl.openPromise(source, { lazyEntries: true }), source, wanted, 1);
  } else if (wanted.sumsByName.has(path.basename(source))) {
    offer(wanted, path.basename(source), readFileSync(source), source);
  }
}

function startsLikeZip(file: string): boolean {
  const head = Buffer.alloc(ZIP_MAGIC.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return isZip(head);
}

function writeAtomically(file: string, bytes: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.part`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
}

/** Installs into `schemasDir` every manifest file found, intact, in `sources` (zips or folders). */
export async function installSchemas(
  sources: readonly string[],
  schemasDir: string,
  manifest: SchemaManifest = readSchemaManifest(),
): Promise<SchemasInstall> {
  const wanted = wantedOf(manifest);
  const unreadable: { source: string; reason: string }[] = [];
  for (const source of sources) {
    try {
      await readSource(source, wanted);
    } catch (error) {
      unreadable.push({ source, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  const before = checkSchemas(schemasDir, manifest);
  const installed: string[] = [];
  const rejected: { file: string; source: string }[] = [];
  for (const state of before.bundles) {
    for (const relative of [...state.missing, ...state.altered]) {
      const bytes = wanted.found.get(state.bundle.files[relative] ?? '');
      if (bytes !== undefined) {
        writeAtomically(path.join(schemasDir, relative), bytes);
        installed.push(relative);
        continue;
      }
      const seen = wanted.strangers.get(path.posix.basename(relative));
      if (seen !== undefined) rejected.push({ file: relative, source: seen });
    }
  }
  return { installed, rejected, unreadable, check: checkSchemas(schemasDir, manifest) };
}
