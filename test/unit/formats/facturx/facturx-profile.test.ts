import { existsSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  isFullInvoiceProfile,
  isPdf,
  profileFromGuidelineId,
  profileSchemaPath,
} from '../../../../src/formats/facturx/index.js';
import type { FacturXProfile } from '../../../../src/formats/facturx/index.js';
import { SHARED_SCHEMAS } from '../../../support/paths.js';

const ALL_PROFILES: readonly FacturXProfile[] = [
  'MINIMUM',
  'BASIC_WL',
  'BASIC',
  'EN16931',
  'EXTENDED',
  'XRECHNUNG',
];

describe('profileFromGuidelineId', () => {
  it.each([
    ['urn:factur-x.eu:1p0:minimum', 'MINIMUM'],
    ['urn:factur-x.eu:1p0:basicwl', 'BASIC_WL'],
    ['urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic', 'BASIC'],
    ['urn:cen.eu:en16931:2017', 'EN16931'],
    ['  urn:cen.eu:en16931:2017\n', 'EN16931'],
    ['urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended', 'EXTENDED'],
    ['urn:zugferd.de:2p0:minimum', 'MINIMUM'],
    ['urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended', 'EXTENDED'],
    ['urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0', 'XRECHNUNG'],
    ['urn:cen.eu:en16931:2017#compliant#urn:xoev-de:kosit:standard:xrechnung_1.2', 'XRECHNUNG'],
  ])('maps %j to %s', (id, profile) => {
    expect(profileFromGuidelineId(id)).toBe(profile);
  });

  it.each(['', 'urn:factur-x.eu:1p0:MINIMUM', 'urn:ferd:CrossIndustryDocument:invoice:1p0:basic'])(
    'knows nothing of %j',
    (id) => {
      expect(profileFromGuidelineId(id)).toBeUndefined();
    },
  );
});

describe('profileSchemaPath', () => {
  it.each(ALL_PROFILES)('points %s at an XSD of the official bundle', (profile) => {
    const schema = profileSchemaPath(profile);

    expect(schema).toMatch(/^factur-x-1\.0\.9\/facturx-[a-z0-9]+\/Factur-X_[A-Z0-9]+\.xsd$/);
    expect(existsSync(path.join(SHARED_SCHEMAS, schema))).toBe(true);
  });

  it('uses the EN16931 entry for EN16931', () => {
    expect(profileSchemaPath('EN16931')).toBe(
      'factur-x-1.0.9/facturx-en16931/Factur-X_EN16931.xsd',
    );
  });
});

describe('isFullInvoiceProfile', () => {
  it('is true for profiles that carry a full invoice and false for MINIMUM and BASIC WL', () => {
    expect(ALL_PROFILES.filter((profile) => isFullInvoiceProfile(profile))).toEqual([
      'BASIC',
      'EN16931',
      'EXTENDED',
      'XRECHNUNG',
    ]);
  });
});

describe('isPdf', () => {
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('recognises the header at offset 0 and after leading junk within 1 KiB', () => {
    expect(isPdf(encode('%PDF-1.7\n'))).toBe(true);
    expect(isPdf(encode(`${' '.repeat(1000)}%PDF-1.4`))).toBe(true);
  });

  it('rejects XML, empty input, a header past 1 KiB and a cut header', () => {
    expect(isPdf(encode('<?xml version="1.0"?><a/>'))).toBe(false);
    expect(isPdf(new Uint8Array())).toBe(false);
    expect(isPdf(encode(`${' '.repeat(1024)}%PDF-1.4`))).toBe(false);
    expect(isPdf(encode('%PDF'))).toBe(false);
  });
});
