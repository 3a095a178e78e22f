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
} from '../formats/facturx/index.js';
import {
  report,
  validateDocument,
  type DocumentReport,
  type ValidateOptions,
} from './validate-document.js';

export interface FacturXPolicy {
  readonly refusedProfiles: readonly FacturXProfile[];
  readonly warnedProfiles: readonly FacturXProfile[];
}

export const DEFAULT_FACTURX_POLICY: FacturXPolicy = {
  refusedProfiles: ['MINIMUM'],
  warnedProfiles: ['BASIC_WL'],
};

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
  if (profile !== undefined && policy.refusedProfiles.includes(profile)) {
    issues.push(
      issueOf('FACTURX_PROFILE_REFUSED', {
        message: `The Factur-X profile ${PROFILE_NAMES[profile]} is not accepted by this gateway${profile === 'MINIMUM' ? ': MINIMUM is not an invoice' : ''}.`,
      }),
    );
  } else if (profile !== undefined && policy.warnedProfiles.includes(profile)) {
    issues.push(
      issueOf('FACTURX_PROFILE_PARTIAL', {
        message: `The Factur-X profile ${PROFILE_NAMES[profile]} is accepted, but it is not a full EN 16931 invoice.`,
      }),
    );
  }
  const embedded = validateDocument(extraction.xml, {
    ...options,
    schemaKey: profile === undefined ? 'cii' : profileSchemaPath(profile),
    isFullInvoice: profile === undefined || isFullInvoiceProfile(profile),
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
