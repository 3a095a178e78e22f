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
      JSON.stringify({ schemasDir: SHARED_SCHEMAS, validation: { fr: { rules } } }),
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
