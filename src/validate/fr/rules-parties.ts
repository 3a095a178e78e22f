import {
  hasText,
  normalizeSpace,
  type InvoiceModel,
  type Party,
  type SourceValue,
} from '../../formats/index.js';
import type { ReportFrFailure } from './fr-collector.js';
import { stringLength } from './id-format.js';

const SIREN_SCHEME = '0002';
const SINGLE_VAT_GROUP_SCHEME = '0231';
const MAX_ENDPOINT_LENGTH = 125;
const isSiren = (value: SourceValue): boolean => /^\d{9}$/.test(normalizeSpace(value));
const schemeOf = (value: SourceValue): string | undefined => value.attributes['schemeID'];

/** BR-FR-10, BR-FR-12, BR-FR-13, BR-FR-25, BR-FR-32: SIREN and electronic addresses. */
export function checkPartyRules(model: InvoiceModel, report: ReportFrFailure): void {
  checkSellerSiren(model, report);
  checkEndpointPresence(model, model.buyer, 'BR-FR-12', 'buyer electronic address (BT-49)', report);
  checkEndpointPresence(
    model,
    model.seller,
    'BR-FR-13',
    'seller electronic address (BT-34)',
    report,
  );
  const endpoints: [string, Party | undefined][] = [
    ['seller electronic address (BT-34)', model.seller],
    ['buyer electronic address (BT-49)', model.buyer],
    ['payee electronic address (EXT-FR-FE-29)', model.payee],
  ];
  for (const [label, party] of endpoints) {
    for (const endpoint of party?.endpoints ?? []) {
      const length = stringLength(endpoint);
      if (length > MAX_ENDPOINT_LENGTH) {
        report(
          'BR-FR-25',
          endpoint,
          `The ${label} has ${length} characters; the French reform allows at most ${MAX_ENDPOINT_LENGTH}.`,
        );
      }
    }
  }
  checkSirenFormats(model, report);
}

function checkSellerSiren(model: InvoiceModel, report: ReportFrFailure): void {
  const seller = model.seller;
  // UBL evaluates the rule in the seller's cac:PartyLegalEntity, so only when there is one.
  const hasLegalEntity = (seller?.names.length ?? 0) + (seller?.legalIds.length ?? 0) > 0;
  if (model.syntax === 'ubl' && !hasLegalEntity) return;
  const siren = seller?.legalIds.find((value) => schemeOf(value) === SIREN_SCHEME);
  if (siren === undefined || !isSiren(siren)) {
    report(
      'BR-FR-10',
      siren ?? seller,
      siren === undefined
        ? 'The seller has no SIREN: its legal registration identifier (BT-30) with scheme 0002 is mandatory in the French reform.'
        : `The seller SIREN (BT-30, scheme 0002) must be exactly 9 digits, got "${siren.text}".`,
    );
  }
}

function checkEndpointPresence(
  model: InvoiceModel,
  party: Party | undefined,
  rule: 'BR-FR-12' | 'BR-FR-13',
  label: string,
  report: ReportFrFailure,
): void {
  const endpoint = party?.endpoints[0];
  // UBL tests normalize-space() of the address, CII its plain string value.
  const isPresent = model.syntax === 'ubl' ? hasText(endpoint) : (endpoint?.text ?? '') !== '';
  if (!isPresent) {
    report(
      rule,
      endpoint ?? party ?? model.root,
      `The ${label} is missing; the French reform requires it to route the invoice.`,
    );
  }
}

function checkSirenFormats(model: InvoiceModel, report: ReportFrFailure): void {
  const parties = [model.seller, model.buyer, model.payee, model.taxRepresentative];
  for (const party of parties) {
    if (party === undefined) continue;
    const legal = party.legalIds.filter((value) => schemeOf(value) === SIREN_SCHEME);
    const global = (model.syntax === 'ubl' ? party.identifiers : party.globalIds).filter(
      (value) => schemeOf(value) === SIREN_SCHEME || schemeOf(value) === SINGLE_VAT_GROUP_SCHEME,
    );
    for (const value of [...legal, ...global]) {
      if (!isSiren(value)) {
        report(
          'BR-FR-32',
          value,
          `The party identifier "${value.text}" with scheme ${schemeOf(value) ?? ''} must be a SIREN of exactly 9 digits.`,
        );
      }
    }
  }
}
