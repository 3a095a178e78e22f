import { issueOf } from '../../errors/index.js';
import type { ValidationIssue } from '../../errors/index.js';
import type { EmbeddedFile } from './find-embedded-files.js';
import { isConformanceLevelOf } from './facturx-profile.js';
import type { FacturXProfile } from './facturx-profile.js';
import type { XmpFacts } from './read-xmp.js';

const AF_RELATIONSHIPS = ['Data', 'Alternative', 'Source'];

/** What became of the document XMP: read, absent, or present but not usable. */
export type XmpOutcome =
  | { readonly kind: 'read'; readonly facts: XmpFacts }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * Checks that the PDF container agrees with the invoice it carries.
 * Input: the chosen attachment, the XML's profile and the XMP. Output: warnings only.
 * Codes: FACTURX_AF_RELATIONSHIP_INVALID, FACTURX_XMP_MISSING, FACTURX_PDFA_PART_INVALID,
 * FACTURX_XMP_DOCUMENT_TYPE_INVALID, FACTURX_XMP_FILENAME_MISMATCH, FACTURX_XMP_PROFILE_MISMATCH.
 */
export function checkHybridMetadata(
  attachment: EmbeddedFile,
  profile: FacturXProfile | undefined,
  xmp: XmpOutcome,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const relationship = attachment.afRelationship;
  if (relationship === undefined || !AF_RELATIONSHIPS.includes(relationship)) {
    issues.push(
      issueOf('FACTURX_AF_RELATIONSHIP_INVALID', {
        message:
          relationship === undefined
            ? `The embedded invoice ${attachment.name} has no AFRelationship (expected Data, Alternative or Source).`
            : `The embedded invoice ${attachment.name} has AFRelationship /${relationship}; expected Data, Alternative or Source.`,
      }),
    );
  }
  if (xmp.kind === 'missing') {
    issues.push(issueOf('FACTURX_XMP_MISSING', { message: 'The PDF has no XMP metadata stream.' }));
    return issues;
  }
  if (xmp.kind === 'unreadable') {
    issues.push(
      issueOf('FACTURX_XMP_MISSING', {
        message: `The PDF XMP metadata cannot be read: ${xmp.reason}`,
      }),
    );
    return issues;
  }
  issues.push(...checkXmpFacts(xmp.facts, attachment.name, profile));
  return issues;
}

function checkXmpFacts(
  facts: XmpFacts,
  attachmentName: string,
  profile: FacturXProfile | undefined,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (facts.pdfaPart !== '3') {
    issues.push(
      issueOf('FACTURX_PDFA_PART_INVALID', {
        message:
          facts.pdfaPart === undefined
            ? 'The XMP has no PDF/A identification (pdfaid:part); a Factur-X PDF must be PDF/A-3.'
            : `The XMP declares PDF/A part ${facts.pdfaPart}; a Factur-X PDF must be PDF/A-3.`,
      }),
    );
  }
  if (!facts.hasFacturXProperties) {
    issues.push(
      issueOf('FACTURX_XMP_MISSING', {
        message:
          'The XMP metadata has no Factur-X properties (fx:DocumentType, fx:ConformanceLevel...).',
      }),
    );
    return issues;
  }
  if (facts.documentType?.toUpperCase() !== 'INVOICE') {
    issues.push(
      issueOf('FACTURX_XMP_DOCUMENT_TYPE_INVALID', {
        message: `The XMP fx:DocumentType is ${quote(facts.documentType)}, not INVOICE.`,
      }),
    );
  }
  if (facts.documentFileName !== attachmentName) {
    issues.push(
      issueOf('FACTURX_XMP_FILENAME_MISMATCH', {
        message: `The XMP fx:DocumentFileName is ${quote(facts.documentFileName)} but the embedded invoice is named "${attachmentName}".`,
      }),
    );
  }
  if (profile !== undefined && !isConformanceLevelOf(facts.conformanceLevel ?? '', profile)) {
    issues.push(
      issueOf('FACTURX_XMP_PROFILE_MISMATCH', {
        message: `The XMP fx:ConformanceLevel is ${quote(facts.conformanceLevel)} but the embedded XML is of profile ${profile}.`,
      }),
    );
  }
  return issues;
}

function quote(value: string | undefined): string {
  return value === undefined ? 'missing' : `"${value}"`;
}
