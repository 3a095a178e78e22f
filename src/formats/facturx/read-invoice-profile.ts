import { XmlElement } from 'libxml2-wasm';
import type { XmlDocument } from 'libxml2-wasm';

import { issueOf } from '../../errors/index.js';
import type { ValidationIssue } from '../../errors/index.js';
import { profileFromGuidelineId } from './facturx-profile.js';
import type { FacturXProfile } from './facturx-profile.js';
import { readUntrustedXml } from '../../xml/index.js';

const CII_NAMESPACES = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
};

const GUIDELINE_XPATH =
  '/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID';

export type InvoiceProfileResult =
  | {
      readonly ok: true;
      readonly profile: FacturXProfile | undefined;
      readonly issues: readonly ValidationIssue[];
    }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/**
 * Reads the profile of the embedded invoice from its guideline id (BT-24).
 * Input: the embedded XML bytes. Output: the profile, or undefined with a warning.
 * Codes: XML_NOT_XML, XML_DOCTYPE_FORBIDDEN, XML_ENCODING_UNSUPPORTED, XML_MALFORMED (fatal),
 * FACTURX_PROFILE_UNKNOWN (warning).
 */
export function readInvoiceProfile(xml: Uint8Array): InvoiceProfileResult {
  const read = readUntrustedXml(xml, readGuidelineId);
  if (!read.ok) {
    return { ok: false, issues: read.issues };
  }
  const found = read.value;
  if (found.kind === 'not-cii') {
    return {
      ok: true,
      profile: undefined,
      issues: [
        issueOf('FACTURX_PROFILE_UNKNOWN', {
          message: `The embedded XML root is {${found.namespace}}${found.root}, not a CII D16B CrossIndustryInvoice (ZUGFeRD 1.0 is not supported).`,
        }),
      ],
    };
  }
  const profile = found.id === undefined ? undefined : profileFromGuidelineId(found.id);
  if (profile !== undefined) {
    return { ok: true, profile, issues: [] };
  }
  return {
    ok: true,
    profile: undefined,
    issues: [
      issueOf('FACTURX_PROFILE_UNKNOWN', {
        message:
          found.id === undefined
            ? 'The embedded XML has no guideline id (BT-24).'
            : `The guideline id (BT-24) "${found.id}" is not a known Factur-X / ZUGFeRD profile.`,
        xpath: GUIDELINE_XPATH,
      }),
    ],
  };
}

type GuidelineLookup =
  | { readonly kind: 'cii'; readonly id: string | undefined }
  | { readonly kind: 'not-cii'; readonly root: string; readonly namespace: string };

function readGuidelineId(doc: XmlDocument): GuidelineLookup {
  const root = doc.root;
  if (!(root instanceof XmlElement)) {
    return { kind: 'not-cii', root: '', namespace: '' };
  }
  if (root.name !== 'CrossIndustryInvoice' || root.namespaceUri !== CII_NAMESPACES.rsm) {
    return { kind: 'not-cii', root: root.name, namespace: root.namespaceUri };
  }
  const node = doc.get(GUIDELINE_XPATH, CII_NAMESPACES);
  const id = node?.content.trim();
  return { kind: 'cii', id: id === '' ? undefined : id };
}
