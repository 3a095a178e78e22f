/**
 * Factur-X profiles: an explicit list is accepted (default BASIC WL with a warning, BASIC,
 * EN 16931, EXTENDED); XRECHNUNG, MINIMUM, pre-release and unknown ids are refused with their
 * code, and an unknown id is never validated against a generic CII schema.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaCatalog, validateFacturX, type FacturXPolicy } from '../../../src/validate/index.js';
import { buildHybridPdf, buildXmp } from '../../support/facturx-pdf.js';
import { SHARED_SAMPLES, SHARED_SCHEMAS } from '../../support/paths.js';

const CII = readFileSync(path.join(SHARED_SAMPLES, 'cii', 'CII_example1.xml'), 'utf8');
const schemas = new SchemaCatalog(SHARED_SCHEMAS);
afterAll(() => {
  schemas.dispose();
});

function withGuideline(id: string, xml = CII): string {
  return xml.replace(
    /(<ram:GuidelineSpecifiedDocumentContextParameter>\s*<ram:ID>)[^<]*/,
    `$1${id}`,
  );
}

async function validate(xml: string, facturx?: FacturXPolicy) {
  const pdf = await buildHybridPdf({ xml, xmp: buildXmp() });
  const report = await validateFacturX(pdf, {
    schemas,
    layers: ['xsd', 'en16931'],
    ...(facturx === undefined ? {} : { facturx }),
  });
  return {
    isValid: report.isValid,
    codes: report.issues.map((issue) => `${issue.code}:${issue.severity}`),
  };
}

describe('Factur-X accepted profiles', () => {
  it('accepts EN 16931', async () => {
    const result = await validate(withGuideline('urn:cen.eu:en16931:2017'));
    expect(result.codes.filter((code) => code.startsWith('FACTURX_PROFILE'))).toEqual([]);
  });

  it('refuses XRECHNUNG with FACTURX_PROFILE_REFUSED', async () => {
    const result = await validate(
      withGuideline('urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0'),
    );
    expect(result.isValid).toBe(false);
    expect(result.codes).toContain('FACTURX_PROFILE_REFUSED:fatal');
  });

  it.each([
    'urn:cen.eu:en16931:2017:compliant:factur-x.eu:1p0:en16931',
    'urn:cen.eu:en16931:2017:compliant:factur-x.eu:1p0:basic',
    'urn:example:custom-profile',
  ])('refuses %j with FACTURX_PROFILE_UNKNOWN and validates it against no schema', async (id) => {
    // Not XSD-valid either: a generic CII schema would report it.
    const xml = withGuideline(id).replace(
      '</rsm:ExchangedDocumentContext>',
      '</rsm:ExchangedDocumentContext><rsm:Unexpected/>',
    );
    const result = await validate(xml);
    expect(result.isValid).toBe(false);
    expect(result.codes).toEqual(['FACTURX_PROFILE_UNKNOWN:fatal']);
  });

  it('takes the list from the configuration', async () => {
    const policy: FacturXPolicy = {
      acceptedProfiles: ['EN16931'],
      refusedProfiles: [],
      warnedProfiles: [],
    };
    const extended = await validate(
      withGuideline('urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended'),
      policy,
    );
    expect(extended.codes).toContain('FACTURX_PROFILE_REFUSED:fatal');
    const en16931 = await validate(withGuideline('urn:cen.eu:en16931:2017'), policy);
    expect(en16931.codes).not.toContain('FACTURX_PROFILE_REFUSED:fatal');
  });
});
