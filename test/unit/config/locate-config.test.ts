import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, locateConfig } from '../../../src/config/index.js';

describe('locateConfig', () => {
  let dir: string;
  let checkout: string;
  let system: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-unit-locate-'));
    checkout = path.join(dir, 'checkout');
    system = path.join(dir, 'etc-passerelle.json');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const locate = (explicit?: string, env: NodeJS.ProcessEnv = {}) =>
    locateConfig({ explicit, env, checkoutDir: checkout, cwd: '/somewhere', systemFile: system });

  it('uses the embedded defaults with the checkout as base, whatever the current folder', () => {
    expect(locate()).toEqual({ source: 'defaults', file: undefined, baseDir: checkout });
    const config = loadConfig({ file: undefined, cwd: checkout, envCwd: '/somewhere', env: {} });
    expect(config.dataDir).toBe(path.join(checkout, 'data'));
    expect(config.schemasDir).toBe(path.join(checkout, 'schemas', 'official'));
  });

  it('prefers --config, then $PASSERELLE_CONFIG, then the system file, then the checkout file', () => {
    writeFileSync(system, '{}');
    writeFileSync(path.join(dir, 'passerelle.json'), '{}');
    expect(locate('/x/a.json', { PASSERELLE_CONFIG: '/y/b.json' })).toMatchObject({
      source: 'option',
      file: '/x/a.json',
      baseDir: '/x',
    });
    expect(locate(undefined, { PASSERELLE_CONFIG: 'rel/b.json' })).toMatchObject({
      source: 'env',
      file: '/somewhere/rel/b.json',
    });
    expect(locate()).toMatchObject({ source: 'system', file: system });
    rmSync(system);
    checkout = dir;
    expect(locate()).toMatchObject({ source: 'checkout', file: path.join(dir, 'passerelle.json') });
  });

  it('resolves paths of the file from its folder and those of the environment from the current one', () => {
    const file = path.join(dir, 'passerelle.json');
    writeFileSync(file, JSON.stringify({ dataDir: 'var/data' }));
    const located = locateConfig({ explicit: file, env: {}, checkoutDir: checkout });
    const fromFile = loadConfig({ file: located.file, cwd: located.baseDir, env: {} });
    expect(fromFile.dataDir).toBe(path.join(dir, 'var', 'data'));
    const fromEnv = loadConfig({
      file: located.file,
      cwd: located.baseDir,
      envCwd: '/operator',
      env: { PASSERELLE_DATA_DIR: 'mine' },
    });
    expect(fromEnv.dataDir).toBe('/operator/mine');
  });
});
