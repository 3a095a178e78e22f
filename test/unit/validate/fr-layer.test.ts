import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ALL_LAYERS,
  SchemaCatalog,
  validateDocument,
  type FrRuleOverrides,
} from '../../../src/validate/index.js';
import { REPO_ROOT, SHARED_SCHEMAS } from '../../support/paths.js';

const schemas = new SchemaCatalog(SHARED_SCHEMAS);
afterAll(() => {
  schemas.dispose();
});

const VALID = readFileSync(
  path.join(REPO_ROOT, 'fixtures', 'invoices', 'fr-ubl-valid.xml'),
  'utf8',
);
/** XSD- and EN 16931-valid, but a 21-character number: FR-B2G-01 (fatal by default). */
const LONG_NUMBER = VALID.replace('FA-2026-000123', 'FA-2026-0001234567890');

const validate = (xml: string, frRules?: FrRuleOverrides) =>
  validateDocument(Buffer.from(xml), { schemas, frRules });

describe('the fr layer in validateDocument', () => {
  it('is one of the default layers', () => {
    expect(ALL_LAYERS).toEqual(['xsd', 'en16931', 'fr']);
    expect(validate(VALID).issues).toEqual([]);
  });

  it('rejects on a fatal rule with rule id, line and XPath', () => {
    const report = validate(LONG_NUMBER);
    expect(report.isValid).toBe(false);
    expect(report.issues).toEqual([
      expect.objectContaining({
        layer: 'fr',
        code: 'FR_RULE',
        rule: 'FR-B2G-01',
        severity: 'fatal',
        line: 6,
        xpath: '/ubl:Invoice/cbc:ID',
      }),
    ]);
  });

  it('follows the configuration: fatal, then warning (accepted), then off', () => {
    expect(validate(LONG_NUMBER, { 'FR-B2G-01': 'fatal' }).isValid).toBe(false);
    const warned = validate(LONG_NUMBER, { 'FR-B2G-01': 'warning' });
    expect(warned.isValid).toBe(true);
    expect(warned.issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ['FR_RULE_WARNING', 'warning'],
    ]);
    const off = validate(LONG_NUMBER, { 'FR-B2G-01': 'off' });
    expect(off.isValid).toBe(true);
    expect(off.issues).toEqual([]);
  });

  it('switches on a rule that is off by default', () => {
    expect(validate(VALID).issues).toEqual([]);
    expect(validate(VALID, { 'BR-FR-12': 'fatal' }).issues.map((issue) => issue.rule)).toEqual([
      'BR-FR-12',
    ]);
  });

  it('runs only when asked for', () => {
    const report = validateDocument(Buffer.from(LONG_NUMBER), {
      schemas,
      layers: ['xsd', 'en16931'],
    });
    expect(report.issues).toEqual([]);
  });
});
