/**
 * The rule sets that judged a file, named in its acknowledgement as validation services do,
 * so that a supplier checking with another tool compares like with like.
 */
export interface RuleSet {
  readonly id: string;
  readonly name: string;
  readonly version: string;
}

const XSD_UBL: RuleSet = { id: 'ubl-xsd', name: 'OASIS UBL schemas', version: '2.1' };
const XSD_CII: RuleSet = { id: 'cii-xsd', name: 'UN/CEFACT CII schemas', version: 'D16B' };
const CEN: RuleSet = {
  id: 'en16931',
  name: 'EN 16931 validation artefacts (CEN)',
  version: '1.3.16',
};
const FACTURX: RuleSet = { id: 'factur-x', name: 'Factur-X (FNFE-MPE)', version: '1.0.9' };
const FRENCH: RuleSet = {
  id: 'fr',
  name: 'French public-sector rules: Chorus Pro checks (FR-B2G) and reform rules (BR-FR, FNFE-MPE)',
  version: '1.4.0',
};

/** The rule sets applied to files of this syntax; none for a file that was not an invoice. */
export function ruleSetsOf(syntax: string | undefined): readonly RuleSet[] {
  switch (syntax) {
    case 'ubl-invoice':
    case 'ubl-creditnote':
      return [XSD_UBL, CEN, FRENCH];
    case 'cii':
      return [XSD_CII, CEN, FRENCH];
    case 'factur-x':
      return [FACTURX, XSD_CII, CEN, FRENCH];
    case 'archive':
      return [XSD_UBL, XSD_CII, FACTURX, CEN, FRENCH];
    default:
      return [];
  }
}
