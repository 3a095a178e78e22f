import { normalizeSpace, type InvoiceModel } from '../../formats/index.js';
import { findBuyerSiret } from './buyer-siret.js';
import type { ReportFrFailure } from './fr-collector.js';
import { isValidIban } from './iban.js';
import { codePointCount } from './id-format.js';

const MAX_NUMBER_LENGTH = 20;
const MAX_SERVICE_CODE_LENGTH = 100;
const CHORUS_TYPE_CODES: ReadonlySet<string> = new Set(['380', '381', '384', '386', '389']);
const CREDIT_TRANSFER_CODES: ReadonlySet<string> = new Set(['30', '58']);
const CREDIT_NOTE_TYPE_CODE = '381';

const lengthOf = codePointCount;

/** FR-B2G-01 to FR-B2G-07: what Chorus Pro refuses in an invoice to a public buyer. */
export function checkChorusProRules(model: InvoiceModel, report: ReportFrFailure): void {
  const number = normalizeSpace(model.number);
  if (lengthOf(number) > MAX_NUMBER_LENGTH) {
    report(
      'FR-B2G-01',
      model.number,
      `The invoice number (BT-1) has ${lengthOf(number)} characters; Chorus Pro accepts at most ${MAX_NUMBER_LENGTH}.`,
    );
  }
  const typeCode = normalizeSpace(model.typeCode);
  if (model.typeCode !== undefined && !CHORUS_TYPE_CODES.has(typeCode)) {
    report(
      'FR-B2G-02',
      model.typeCode,
      `The invoice type code (BT-3) "${typeCode}" is not accepted by Chorus Pro, which takes 380 (invoice), 381 (credit note), 384 (corrective invoice), 386 (prepayment invoice) and 389 (self-billed invoice).`,
    );
  }
  checkBuyerSiret(model, report);
  const taxCurrency = normalizeSpace(model.taxCurrencyCode);
  if (taxCurrency !== '' && taxCurrency !== normalizeSpace(model.currencyCode)) {
    report(
      'FR-B2G-04',
      model.taxCurrencyCode,
      `The VAT accounting currency (BT-6) "${taxCurrency}" differs from the invoice currency (BT-5) "${normalizeSpace(model.currencyCode)}"; Chorus Pro takes invoices in one currency only.`,
    );
  }
  const serviceCode = normalizeSpace(model.buyerReference);
  if (lengthOf(serviceCode) > MAX_SERVICE_CODE_LENGTH) {
    report(
      'FR-B2G-05',
      model.buyerReference,
      `The service code of the public buyer (BT-10, buyer reference) has ${lengthOf(serviceCode)} characters; Chorus Pro accepts at most ${MAX_SERVICE_CODE_LENGTH}.`,
    );
  }
  checkPaymentMeans(model, report);
}

function checkBuyerSiret(model: InvoiceModel, report: ReportFrFailure): void {
  const siret = findBuyerSiret(model);
  if (siret === undefined) {
    report(
      'FR-B2G-03',
      model.buyer,
      'The public buyer has no SIRET: give it as legal registration identifier (BT-47), buyer identifier (BT-46) or electronic address (BT-49) with scheme 0009. Chorus Pro routes invoices by this number.',
    );
    return;
  }
  const text = siret.value.text.trim();
  if (!/^\d{14}$/.test(text)) {
    report(
      'FR-B2G-03',
      siret.value,
      `The public buyer SIRET (${siret.term}, scheme 0009) must be exactly 14 digits, got "${text}".`,
    );
  }
}

function checkPaymentMeans(model: InvoiceModel, report: ReportFrFailure): void {
  const isCreditNote = model.kind === 'credit-note' || normalizeSpace(model.typeCode) === '381';
  if (isCreditNote) {
    for (const means of model.paymentMeans) {
      report(
        'FR-B2G-07',
        means,
        `A credit note (${model.kind === 'credit-note' ? 'UBL CreditNote' : `type code ${CREDIT_NOTE_TYPE_CODE}`}) must not carry payment instructions (BG-16): the public buyer does not pay a credit note.`,
      );
    }
    return;
  }
  for (const means of model.paymentMeans) {
    const code = normalizeSpace(means.typeCode);
    if (!CREDIT_TRANSFER_CODES.has(code)) continue;
    const ibans = means.accounts.map((account) => account.id);
    if (ibans.every((iban) => iban === undefined)) {
      report(
        'FR-B2G-06',
        means,
        `Payment by credit transfer (BT-81 = ${code}) needs the IBAN of the payment account (BT-84); none is given.`,
      );
    }
    for (const iban of ibans) {
      if (iban === undefined) continue;
      const text = iban.text.trim();
      if (!isValidIban(text)) report('FR-B2G-06', iban, ibanMessage(text, code));
    }
  }
}

/** Says why an IBAN is refused, the paper form with spaces (or lower case) first: it is the usual cause. */
function ibanMessage(text: string, code: string): string {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  if (compact !== text && isValidIban(compact)) {
    const what = /\s/.test(text) ? 'contains spaces' : 'is in lower case';
    return `The payment account (BT-84) "${text}" ${what}: BT-84 carries the IBAN in its electronic form, write "${compact}". Credit transfers (BT-81 = ${code}) to public buyers need a valid IBAN.`;
  }
  return `The payment account (BT-84) "${text}" is not a valid IBAN (ISO 13616: country code, check digits, account number, mod-97 check); credit transfers (BT-81 = ${code}) to public buyers need one.`;
}
