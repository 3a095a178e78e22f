import type { ValidationIssue } from '../../errors/index.js';
import type { FacturXProfile } from './facturx-profile.js';

/**
 * What extracting a Factur-X PDF gives: the embedded invoice with warnings about the container,
 * or the fatal issues that prevented taking it out.
 */
export type FacturXResult =
  | {
      readonly ok: true;
      readonly xml: Uint8Array;
      readonly attachmentName: string;
      readonly profile: FacturXProfile | undefined;
      readonly issues: ValidationIssue[];
    }
  | { readonly ok: false; readonly issues: ValidationIssue[] };

export interface FacturXOptions {
  /** Cap on the decoded embedded XML (and XMP) in bytes; decoding stops there. */
  readonly maxXmlBytes?: number;
}

/** 20 MiB: ten times the largest real invoice XML we have seen, far below memory trouble. */
export const DEFAULT_MAX_FACTURX_XML_BYTES = 20 * 1024 * 1024;
