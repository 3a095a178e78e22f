import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../../src/cli/index.js';
import { SHARED_SCHEMAS, REPO_ROOT } from '../../support/paths.js';
import { readFileSync } from 'node:fs';

const VALID = readFileSync(
  path.join(REPO_ROOT, 'fixtures', 'invoices', 'fr-ubl-valid.xml'),
  'utf8',
);

describe('passerelle validate --layers', () => {
  let dir: string;
  let output: string[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-cli-'));
    output = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(rules: Record<string, string>, ...args: string[]): Promise<unknown[]> {
    const config = path.join(dir, 'passerelle.json');
    writeFileSync(
      config,
      JSON.stringify({
        schemasDir: SHARED_SCHEMAS,
        dataDir: path.join(dir, 'data'),
        validation: { fr: { rules } },
      }),
    );
    const file = path.join(dir, 'invoice.xml');
    writeFileSync(file, VALID.replace('FA-2026-000123', 'FA 2026 000123'));
    await (
      await buildProgram()
    ).parseAsync(['node', 'passerelle', '-c', config, 'validate', '--json', ...args, file]);
    return output.map((line) => JSON.parse(line) as unknown);
  }

  it('runs the French layer alone with --layers fr, as configured', async () => {
    const [report] = await run({ 'BR-FR-02': 'fatal' }, '--layers', 'fr');
    expect(report).toMatchObject({ valid: false });
    const rules = (report as { issues: { layer: string; rule: string }[] }).issues.map(
      (issue) => `${issue.layer} ${issue.rule}`,
    );
    expect(rules).toEqual(['fr BR-FR-01', 'fr BR-FR-02']);
    expect(process.exitCode).toBe(1);
  });

  it('leaves it out with --layers xsd,en16931', async () => {
    const [report] = await run({ 'BR-FR-02': 'fatal' }, '--layers', 'xsd,en16931');
    expect(report).toMatchObject({ valid: true, issues: [] });
    expect(process.exitCode).toBe(0);
  });

  it('offers fr among the known layers', async () => {
    await expect(run({}, '--layers', 'xsd,frr')).rejects.toThrow(/known: xsd, en16931, fr/);
  });
});

describe('passerelle validate with the gateway directory', () => {
  let dir: string;
  let output: string[];
  let errors: string[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-cli-dir-'));
    output = [];
    errors = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      errors.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...args: string[]): Promise<void> {
    const config = path.join(dir, 'passerelle.json');
    writeFileSync(
      config,
      JSON.stringify({ schemasDir: SHARED_SCHEMAS, dataDir: path.join(dir, 'data') }),
    );
    await (await buildProgram()).parseAsync(['node', 'passerelle', '-c', config, ...args]);
  }

  const SERVICE_REQUIRED = path.join(
    REPO_ROOT,
    'fixtures',
    'invoices',
    'fr-cii-service-required-missing.xml',
  );

  it('refuses, as the gateway does, an invoice whose entity requires a service code', async () => {
    await cli('directory', 'import', path.join(REPO_ROOT, 'config', 'directory.example.csv'));
    output = [];
    await cli('validate', '--json', SERVICE_REQUIRED);
    const report = JSON.parse(output[0] ?? '{}') as {
      valid: boolean;
      directoryChecked: boolean;
      issues: { code: string }[];
    };
    expect(report.directoryChecked).toBe(true);
    expect(report.valid).toBe(false);
    expect(report.issues.map((issue) => issue.code)).toContain('ROUTE_SERVICE_CODE_REQUIRED');
    expect(process.exitCode).toBe(1);
  });

  it('says when it cannot apply the directory checks', async () => {
    await cli('validate', '--json', SERVICE_REQUIRED);
    const report = JSON.parse(output[0] ?? '{}') as { valid: boolean; directoryChecked: boolean };
    expect(report.directoryChecked).toBe(false);
    expect(errors.join('')).toMatch(/directory checks not applied: no gateway data at/);
  });
});
