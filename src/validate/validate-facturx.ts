/**
 * Stage: validate a Factur-X PDF.
 * Input: the PDF bytes. Output: the report of its embedded CII invoice, validated against its
 * profile's XSD, plus the container checks. Codes: FACTURX_* (hybrid checks, profile policy)
 * and every code of `validateDocument` for the embedded XML.
 */
import { issueOf, type ValidationIssue } from '../errors/index.js';
import {
  extractFacturX,
  isFullInvoiceProfile,
  profileSchemaPath,
  type FacturXProfile,
} from '../formats/index.js';
import {
  report,
  validateDocument,
  type DocumentReport,
  type ValidateOptions,
} from './validate-document.js';

export interface FacturXPolicy {
  /** The only profiles accepted (default BASIC WL, BASIC, EN 16931, EXTENDED). */
  readonly acceptedProfiles?: readonly FacturXProfile[];
  /** Refused even when listed as accepted. */
  readonly refusedProfiles: readonly FacturXProfile[];
  readonly warnedProfiles: readonly FacturXProfile[];
}

export const DEFAULT_ACCEPTED_PROFILES: readonly FacturXProfile[] = [
  'BASIC_WL',
  'BASIC',
  'EN16931',
  'EXTENDED',
];

export const DEFAULT_FACTURX_POLICY: FacturXPolicy = {
  acceptedProfiles: DEFAULT_ACCEPTED_PROFILES,
  refusedProfiles: ['MINIMUM'],
  warnedProfiles: ['BASIC_WL'],
};

const REFUSAL_REASONS: Partial<Record<FacturXProfile, string>> = {
  MINIMUM: ': MINIMUM is not an invoice',
  XRECHNUNG: ': XRechnung is a German CIUS of EN 16931, not a Factur-X profile',
};

function isAccepted(policy: FacturXPolicy, profile: FacturXProfile): boolean {
  const accepted = policy.acceptedProfiles ?? DEFAULT_ACCEPTED_PROFILES;
  return accepted.includes(profile) && !policy.refusedProfiles.includes(profile);
}

const PROFILE_NAMES: Readonly<Record<FacturXProfile, string>> = {
  MINIMUM: 'MINIMUM',
  BASIC_WL: 'BASIC WL',
  BASIC: 'BASIC',
  EN16931: 'EN 16931',
  EXTENDED: 'EXTENDED',
  XRECHNUNG: 'XRECHNUNG',
};

export async function validateFacturX(
  bytes: Uint8Array,
  options: ValidateOptions & { readonly facturx?: FacturXPolicy },
): Promise<DocumentReport> {
  const policy = options.facturx ?? DEFAULT_FACTURX_POLICY;
  const extraction = await extractFacturX(bytes);
  if (!extraction.ok) return report('pdf', 'factur-x', {}, extraction.issues);
  const { profile } = extraction;
  const issues: ValidationIssue[] = [...extraction.issues];
  if (profile !== undefined && !isAccepted(policy, profile)) {
    issues.push(
      issueOf('FACTURX_PROFILE_REFUSED', {
        message: `The Factur-X profile ${PROFILE_NAMES[profile]} is not accepted by this gateway${REFUSAL_REASONS[profile] ?? ''}.`,
      }),
    );
  } else if (profile !== undefined && policy.warnedProfiles.includes(profile)) {
    issues.push(
      issueOf('FACTURX_PROFILE_PARTIAL', {
        message: `The Factur-X profile ${PROFILE_NAMES[profile]} is accepted, but it is not a full EN 16931 invoice.`,
      }),
    );
  }
  // An unknown profile (refused by FACTURX_PROFILE_UNKNOWN) has no schema of its own: the
  // embedded XML is only read for its routing keys, never validated against a generic one.
  const embedded = validateDocument(extraction.xml, {
    ...options,
    ...(profile === undefined ? { layers: [] } : {}),
    schemaKey: profile === undefined ? 'cii' : profileSchemaPath(profile),
    isFullInvoice: profile !== undefined && isFullInvoiceProfile(profile),
  });
  const embeddedIssues =
    embedded.syntax === 'cii' || embedded.syntax === 'unknown'
      ? embedded.issues
      : [
          issueOf('DOC_UNKNOWN_TYPE', {
            message: `The embedded ${extraction.attachmentName} is a ${embedded.syntax} document; Factur-X embeds a CII CrossIndustryInvoice.`,
          }),
        ];
  return report('pdf', 'factur-x', embedded.keys, [...issues, ...embeddedIssues]);
}
