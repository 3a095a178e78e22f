/**
 * The set-up a newcomer follows (README "Quick start" and "Installing the schemas"): the
 * launchers in bin/, the lockfile, the manifest's download addresses and the shared samples.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, SHARED_SAMPLES } from '../../support/paths.js';

/** A quoted absolute path ending in /shared/ (this pattern does not match itself). */
const FIXED_SHARED = /['"`]\/[^'"`]*\/shared\//;

interface LockPackage {
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

const manifest = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'schemas', 'manifest.json'), 'utf8'),
) as { bundles: { id: string; download: string[] }[] };
const samples = (
  JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'test', 'support', 'shared-samples.json'), 'utf8'),
  ) as { samples: Record<string, string> }
).samples;

describe('set-up scripts', () => {
  let dir: string;
  let markers: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-setup-'));
    // A stand-in npm that only records that it was called.
    const fakeBin = path.join(dir, 'bin');
    markers = path.join(dir, 'npm-calls');
    mkdirSync(fakeBin);
    writeFileSync(path.join(fakeBin, 'npm'), `#!/bin/sh\necho "$@" >> '${markers}'\n`);
    chmodSync(path.join(fakeBin, 'npm'), 0o755);
    env = { ...process.env, PATH: `${fakeBin}:${process.env.PATH ?? ''}` };
    delete env.PASSERELLE_CONFIG;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('npm start checks the schemas before installing anything, naming each bundle and its address', () => {
    const result = spawnSync('bash', [path.join(REPO_ROOT, 'bin', 'start')], {
      env: { ...env, PASSERELLE_SCHEMAS_DIR: path.join(dir, 'no-schemas') },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(existsSync(markers)).toBe(false);
    for (const bundle of manifest.bundles.filter((b) => b.id !== 'chorus-pro')) {
      if (!result.stderr.includes(bundle.id)) continue;
      for (const address of bundle.download) expect(result.stderr).toContain(address);
    }
    expect(result.stderr).toContain('ubl-2.1');
    expect(result.stderr).toContain('en16931-cen-1.3.16');
    expect(result.stderr).toContain('npm run schemas -- install');
  });

  it('builds only when a source is newer than the last build', () => {
    const project = path.join(dir, 'project');
    mkdirSync(path.join(project, 'src'), { recursive: true });
    mkdirSync(path.join(project, 'dist'));
    writeFileSync(path.join(project, 'src', 'a.ts'), 'export {};\n');
    const run = () =>
      spawnSync('bash', ['-c', `source '${path.join(REPO_ROOT, 'bin', 'build-if-changed.sh')}'`], {
        cwd: project,
        env,
        encoding: 'utf8',
      });
    const calls = () =>
      existsSync(markers) ? readFileSync(markers, 'utf8').trim().split('\n') : [];
    expect(run().status).toBe(0);
    expect(calls()).toEqual(['run --silent build']);
    expect(run().status).toBe(0);
    expect(calls()).toHaveLength(1);
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(project, 'src', 'a.ts'), later, later);
    expect(run().status).toBe(0);
    expect(calls()).toHaveLength(2);
  });

  it('npm test names, once and before running, the shared samples that are missing and where to get them', () => {
    const result = spawnSync('node', [path.join(REPO_ROOT, 'bin', 'missing-samples.mjs')], {
      env: { ...env, PASSERELLE_SHARED_DIR: path.join(dir, 'no-shared') },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    for (const [file, address] of Object.entries(samples))
      expect(result.stderr).toContain(`${file}  ${address}`);
    expect(readFileSync(path.join(REPO_ROOT, 'bin', 'test'), 'utf8')).toMatch(
      /missing-samples\.mjs[\s\S]*ensure-deps/,
    );
  });

  it('lists every shared sample the tests read', () => {
    const present = ['ubl', 'cii', 'factur-x'].flatMap((kind) =>
      readdirSync(path.join(SHARED_SAMPLES, kind)).map((name) => `${kind}/${name}`),
    );
    expect(Object.keys(samples).sort()).toEqual(present.sort());
  });

  it('the README gives the download address of every bundle', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    for (const bundle of manifest.bundles)
      for (const address of bundle.download) expect(readme, bundle.id).toContain(address);
  });

  it('the lockfile holds every optional package of every platform, as npm ci requires', () => {
    const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockPackage>;
    };
    const absent = Object.values(lock.packages)
      .flatMap((entry) => Object.keys(entry.optionalDependencies ?? {}))
      .filter((name) => lock.packages[`node_modules/${name}`] === undefined);
    expect(absent).toEqual([]);
  });

  it('test support files take the shared folder from test/support/paths.ts, never a fixed path', () => {
    const offenders: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && FIXED_SHARED.test(readFileSync(full, 'utf8')))
          offenders.push(path.relative(REPO_ROOT, full));
      }
    };
    walk(path.join(REPO_ROOT, 'test'));
    expect(offenders).toEqual([]);
  });
});
