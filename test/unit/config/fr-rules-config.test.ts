import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { PasserelleError } from '../../../src/errors/index.js';

describe('validation.fr.rules', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-fr-config-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const load = (value: unknown) => {
    const file = path.join(dir, 'passerelle.json');
    writeFileSync(file, JSON.stringify(value));
    return loadConfig({ file, env: {}, cwd: dir });
  };

  it('defaults to no override', () => {
    expect(load({}).validation.fr.rules).toEqual({});
  });

  it('takes fatal, warning and off per rule id', () => {
    const rules = { 'FR-B2G-03': 'warning', 'BR-FR-12': 'off', 'BR-FR-05': 'fatal' };
    expect(load({ validation: { fr: { rules } } }).validation.fr.rules).toEqual(rules);
  });

  it('refuses unknown rule ids and settings at start-up, all listed at once', () => {
    let failure: unknown;
    try {
      load({ validation: { fr: { rules: { 'BR-FR-99': 'off', 'FR-B2G-01': 'loud' } } } });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(PasserelleError);
    const message = (failure as PasserelleError).message;
    expect(message).toContain('validation.fr.rules.BR-FR-99: unknown French rule "BR-FR-99"');
    expect(message).toContain('FR-B2G-01');
    expect(message).toContain(
      'validation.fr.rules.FR-B2G-01: expected fatal, warning or off, got "loud"',
    );
  });
});
