import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSchemas, installSchemas } from '../../../src/validate/index.js';
import { readSchemaManifest } from '../../../src/validate/schema-manifest.js';
import { SHARED_SCHEMAS } from '../../support/paths.js';
import { buildZip } from '../../support/zip-writer.js';

const manifest = readSchemaManifest();
const bundle = (id: string) => {
  const found = manifest.bundles.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no bundle ${id}`);
  return found;
};

describe('schemas manifest, check and install', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-schemas-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists with its SHA-256 every file of the shared schemas the project uses', () => {
    const check = checkSchemas(SHARED_SCHEMAS);
    expect(check.isGatewayReady).toBe(true);
    for (const state of check.bundles) {
      expect(state.missing, state.bundle.id).toEqual([]);
      expect(state.altered, state.bundle.id).toEqual([]);
    }
    const entryPoints = [
      ...Object.values(manifest.entryPoints),
      ...Object.values(manifest.syntaxBinding).flatMap((files) => [files.binding, files.abstract]),
    ];
    const listed = manifest.bundles.flatMap((candidate) => Object.keys(candidate.files));
    expect(entryPoints.filter((entry) => !listed.includes(entry))).toEqual([]);
  });

  it('reports an empty folder as missing every required bundle, with where to download it', () => {
    const check = checkSchemas(dir);
    expect(check.isGatewayReady).toBe(false);
    for (const state of check.bundles) {
      expect(state.intact).toBe(0);
      expect(state.bundle.download.length).toBeGreaterThan(0);
    }
  });

  it('reports a changed file as altered', async () => {
    await installSchemas([SHARED_SCHEMAS], dir);
    const file = path.join(dir, manifest.entryPoints['ubl-invoice'] ?? '');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
    const ubl = checkSchemas(dir).bundles.find((state) => state.bundle.id === 'ubl-2.1');
    expect(ubl?.altered).toEqual([manifest.entryPoints['ubl-invoice']]);
    expect(checkSchemas(dir).isGatewayReady).toBe(false);
  });

  it('installs from a folder laid out differently and from zips nested in zips', async () => {
    const ubl = bundle('ubl-2.1');
    const facturx = bundle('factur-x-1.0.9');
    // A publisher-like archive: other top folder, a nested package, unrelated files.
    const inner = buildZip(
      Object.keys(facturx.files).map((relative) => ({
        name: `Factur-X 1.0.9/XSD/${path.posix.basename(path.posix.dirname(relative))}/${path.posix.basename(relative)}`,
        data: readFileSync(path.join(SHARED_SCHEMAS, relative)),
      })),
    );
    const outer = buildZip([
      { name: 'README.txt', data: Buffer.from('not a schema') },
      { name: 'package/factur-x.zip', data: inner },
      ...Object.keys(ubl.files).map((relative) => ({
        name: `os-UBL-2.1/${relative.replace('ubl-2.1/', '')}`,
        data: readFileSync(path.join(SHARED_SCHEMAS, relative)),
      })),
    ]);
    const archive = path.join(dir, 'download.zip');
    writeFileSync(archive, outer);
    const target = path.join(dir, 'official');
    const result = await installSchemas(
      [
        archive,
        path.join(SHARED_SCHEMAS, 'cii-d16b'),
        path.join(SHARED_SCHEMAS, 'en16931-cen-1.3.16'),
        path.join(SHARED_SCHEMAS, 'chorus-pro', 'CPPStatutPivot_V1_19.xsd'),
      ],
      target,
    );
    expect(result.unreadable).toEqual([]);
    expect(result.rejected).toEqual([]);
    expect(result.check.isGatewayReady).toBe(true);
    expect(existsSync(path.join(target, 'README.txt'))).toBe(false);
    // The CPP Statut XSD is required since incoming CPP Statut files are checked against it.
    const chorus = result.check.bundles.find((state) => state.bundle.id === 'chorus-pro');
    expect(chorus?.bundle.requiredBy).toBe('gateway');
    expect(chorus?.missing).toEqual([]);
    // A second run changes nothing.
    const again = await installSchemas([archive], target);
    expect(again.installed).toEqual([]);
  });

  it('refuses a file of the right name with other content and names it', async () => {
    const relative = manifest.entryPoints['ubl-invoice'] ?? '';
    const archive = path.join(dir, 'other-version.zip');
    writeFileSync(
      archive,
      buildZip([
        { name: `xsd/maindoc/${path.posix.basename(relative)}`, data: Buffer.from('<xs:schema/>') },
      ]),
    );
    const result = await installSchemas([archive], path.join(dir, 'official'));
    expect(result.installed).toEqual([]);
    expect(result.rejected).toEqual([
      { file: relative, source: `${archive}!xsd/maindoc/${path.posix.basename(relative)}` },
    ]);
  });

  it('reports a source it cannot read without stopping', async () => {
    const result = await installSchemas(
      [path.join(dir, 'absent.zip'), SHARED_SCHEMAS],
      path.join(dir, 'o'),
    );
    expect(result.unreadable.map((entry) => entry.source)).toEqual([path.join(dir, 'absent.zip')]);
    expect(result.check.isGatewayReady).toBe(true);
  });
});
