/**
 * Factur-X / ZUGFeRD profiles, read from the embedded XML's guideline id (BT-24) and compared
 * with the XMP fx:ConformanceLevel.
 */
export type FacturXProfile =
  'MINIMUM' | 'BASIC_WL' | 'BASIC' | 'EN16931' | 'EXTENDED' | 'XRECHNUNG';

const EN16931 = 'urn:cen.eu:en16931:2017';

const PROFILE_BY_GUIDELINE_ID: ReadonlyMap<string, FacturXProfile> = new Map([
  ['urn:factur-x.eu:1p0:minimum', 'MINIMUM'],
  ['urn:zugferd.de:2p0:minimum', 'MINIMUM'],
  ['urn:factur-x.eu:1p0:basicwl', 'BASIC_WL'],
  ['urn:zugferd.de:2p0:basicwl', 'BASIC_WL'],
  [`${EN16931}#compliant#urn:factur-x.eu:1p0:basic`, 'BASIC'],
  [`${EN16931}#compliant#urn:zugferd.de:2p0:basic`, 'BASIC'],
  [EN16931, 'EN16931'],
  [`${EN16931}#conformant#urn:factur-x.eu:1p0:extended`, 'EXTENDED'],
  [`${EN16931}#conformant#urn:zugferd.de:2p0:extended`, 'EXTENDED'],
]);
// Pre-release spellings with colons instead of "#" (`urn:cen.eu:en16931:2017:compliant:…`)
// are not Factur-X 1.0 ids: they are unknown, and refused (FACTURX_PROFILE_UNKNOWN).

const XRECHNUNG_PREFIXES = [
  `${EN16931}#compliant#urn:xoev-de:kosit:standard:xrechnung`,
  `${EN16931}#compliant#urn:xeinkauf.de:kosit:xrechnung`,
];

/** Returns the profile of a BT-24 value, or undefined when it is not a known Factur-X id. */
export function profileFromGuidelineId(guidelineId: string): FacturXProfile | undefined {
  const id = guidelineId.trim();
  const known = PROFILE_BY_GUIDELINE_ID.get(id);
  if (known !== undefined) {
    return known;
  }
  return XRECHNUNG_PREFIXES.some((prefix) => id.startsWith(prefix)) ? 'XRECHNUNG' : undefined;
}

/**
 * XMP conformance levels that agree with each profile, compared after removing spaces, "_" and
 * "-" and upper-casing. XRechnung PDFs are written both ways by producers in the wild.
 */
const CONFORMANCE_LEVELS: Readonly<Record<FacturXProfile, readonly string[]>> = {
  MINIMUM: ['MINIMUM'],
  BASIC_WL: ['BASICWL'],
  BASIC: ['BASIC'],
  EN16931: ['EN16931', 'COMFORT'],
  EXTENDED: ['EXTENDED'],
  XRECHNUNG: ['XRECHNUNG', 'EN16931'],
};

export function isConformanceLevelOf(conformanceLevel: string, profile: FacturXProfile): boolean {
  const normalised = conformanceLevel.replace(/[\s_-]/g, '').toUpperCase();
  return CONFORMANCE_LEVELS[profile].includes(normalised);
}

const SCHEMA_PATHS: Readonly<Record<FacturXProfile, string>> = {
  MINIMUM: 'factur-x-1.0.9/facturx-minimum/Factur-X_MINIMUM.xsd',
  BASIC_WL: 'factur-x-1.0.9/facturx-basicwl/Factur-X_BASICWL.xsd',
  BASIC: 'factur-x-1.0.9/facturx-basic/Factur-X_BASIC.xsd',
  EN16931: 'factur-x-1.0.9/facturx-en16931/Factur-X_EN16931.xsd',
  EXTENDED: 'factur-x-1.0.9/facturx-extended/Factur-X_EXTENDED.xsd',
  // XRechnung CII is EN 16931 CII; its extra rules are schematron, not schema.
  XRECHNUNG: 'factur-x-1.0.9/facturx-en16931/Factur-X_EN16931.xsd',
};

/** The XSD entry point for a profile, relative to the official schemas folder. */
export function profileSchemaPath(profile: FacturXProfile): string {
  return SCHEMA_PATHS[profile];
}

/**
 * MINIMUM and BASIC WL carry no invoice lines and are not invoices under EN 16931; only the
 * other profiles can go through the EN 16931 business rules.
 */
export function isFullInvoiceProfile(profile: FacturXProfile): boolean {
  return profile !== 'MINIMUM' && profile !== 'BASIC_WL';
}
