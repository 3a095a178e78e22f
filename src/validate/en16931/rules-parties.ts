import { hasText, type InvoiceModel, type Party } from '../../formats/index.js';
import type { ReportFailure } from './rule-collector.js';
import { anyEqual, isVatSchemeText } from './xpath-helpers.js';
import { isKnownVatPrefix } from './vat-prefixes.js';

/** BR-09, BR-11, BR-17 to BR-20, BR-56, BR-57, BR-62, BR-63, BR-CO-09, BR-CO-26. */
export function checkPartyRules(model: InvoiceModel, report: ReportFailure): void {
  if (model.syntax === 'ubl') checkUblParties(model, report);
  else checkCiiParties(model, report);
  for (const party of [model.seller, model.buyer, model.payee, model.taxRepresentative]) {
    for (const taxId of party?.taxIds ?? []) {
      const applies =
        model.syntax === 'ubl' ? isVatSchemeText(taxId.scheme) : taxId.scheme === 'VA';
      if (applies && !isKnownVatPrefix(model.syntax, taxId.value.text))
        report('BR-CO-09', taxId.value);
    }
  }
}

function checkUblParties(model: InvoiceModel, report: ReportFailure): void {
  const { seller, buyer, payee, taxRepresentative: representative } = model;
  for (const address of seller?.addresses ?? []) {
    if (!hasText(address.countryCode)) report('BR-09', address);
  }
  for (const address of buyer?.addresses ?? []) {
    if (!hasText(address.countryCode)) report('BR-11', address);
  }
  if (payee !== undefined) {
    const differs =
      payee.names.length > 0 &&
      !anyEqual(payee.names, seller?.tradingNames ?? []) &&
      !anyEqual(payee.identifiers, seller?.identifiers ?? []);
    if (!differs) report('BR-17', payee);
  }
  if (representative !== undefined) {
    if (!hasText(representative.names[0])) report('BR-18', representative);
    if (representative.addresses.length === 0) report('BR-19', representative);
    for (const address of representative.addresses) {
      if (!hasText(address.countryCode)) report('BR-20', address);
    }
    if (!representative.taxIds.some((taxId) => isVatSchemeText(taxId.scheme))) {
      report('BR-56', representative);
    }
  }
  for (const address of model.delivery?.addresses ?? []) {
    if (address.countryCode === undefined) report('BR-57', address);
  }
  for (const endpoint of seller?.endpoints ?? []) {
    if (endpoint.attributes['schemeID'] === undefined) report('BR-62', endpoint);
  }
  for (const endpoint of buyer?.endpoints ?? []) {
    if (endpoint.attributes['schemeID'] === undefined) report('BR-63', endpoint);
  }
  if (seller !== undefined && !hasUblSellerIdentifier(seller)) report('BR-CO-26', seller);
}

function hasUblSellerIdentifier(seller: Party): boolean {
  return (
    seller.taxIds.some((taxId) => isVatSchemeText(taxId.scheme)) ||
    seller.identifiers.some((id) => id.attributes['schemeID'] !== 'SEPA') ||
    seller.legalIds.length > 0
  );
}

function checkCiiParties(model: InvoiceModel, report: ReportFailure): void {
  const { seller, payee, taxRepresentative: representative } = model;
  if (payee !== undefined) {
    const differs =
      payee.names.length > 0 &&
      !anyEqual(payee.names, seller?.names ?? []) &&
      !anyEqual(payee.identifiers, seller?.identifiers ?? []) &&
      !anyEqual(payee.legalIds, seller?.legalIds ?? []);
    if (!differs) report('BR-17', payee);
  }
  if (representative !== undefined) {
    if (!hasText(representative.names[0])) report('BR-18', representative);
    if (representative.addresses.length === 0) report('BR-19', representative);
    if (!hasText(representative.addresses[0]?.countryCode)) report('BR-20', representative);
    const vatId = representative.taxIds.find((taxId) => taxId.scheme === 'VA');
    if (!hasText(vatId?.value)) report('BR-56', representative);
  }
  const delivery = model.delivery;
  const shipTo = delivery?.addresses[0];
  if (delivery !== undefined && shipTo !== undefined && !hasText(shipTo.countryCode)) {
    report('BR-57', delivery);
  }
  if (seller !== undefined) {
    const identified =
      seller.identifiers.length > 0 ||
      seller.globalIds.length > 0 ||
      seller.legalIds.length > 0 ||
      seller.taxIds.some((taxId) => taxId.scheme === 'VA');
    if (!identified) report('BR-CO-26', seller);
  }
}
