import { hasText, type InvoiceModel } from '../../formats/index.js';
import { parseXsDecimal, roundCents } from './decimal.js';
import type { ReportFailure } from './rule-collector.js';
import { normalizeText } from './xpath-helpers.js';

/** BR-01 to BR-08, BR-10, BR-16, BR-53, BR-CO-03, BR-CO-15, BR-CO-18, BR-DEC-13, BR-DEC-15. */
export function checkDocumentRules(model: InvoiceModel, report: ReportFailure): void {
  const root = model.root;
  if (!hasText(model.specificationId)) report('BR-01', root);
  if (!hasText(model.number)) report('BR-02', root);
  if (!hasText(model.issueDate)) report('BR-03', root);
  if (!hasText(model.typeCode)) report('BR-04', root);
  if (!hasText(model.currencyCode)) report('BR-05', root);
  if (!hasText(model.seller?.names[0])) report('BR-06', root);
  if (!hasText(model.buyer?.names[0])) report('BR-07', root);
  if ((model.seller?.addresses.length ?? 0) === 0) report('BR-08', root);
  if ((model.buyer?.addresses.length ?? 0) === 0) report('BR-10', root);
  if (model.lines.length === 0) report('BR-16', root);
  if (model.syntax === 'ubl') checkUblDocument(model, report);
  else checkCiiDocument(model, report);
}

function checkUblDocument(model: InvoiceModel, report: ReportFailure): void {
  const root = model.root;
  const taxCurrency = model.taxCurrencyCode;
  if (
    taxCurrency !== undefined &&
    !model.taxTotals.some((total) => total.taxAmount?.attributes['currencyID'] === taxCurrency.text)
  ) {
    report('BR-53', root);
  }
  const hasDateCode = model.invoicePeriods.some((period) => period.descriptionCode !== undefined);
  if (model.taxPointDate !== undefined && hasDateCode) report('BR-CO-03', root);
  if (!checkUblTaxInclusive(model)) report('BR-CO-15', root);
  if (model.vatBreakdowns.length === 0) report('BR-CO-18', root);
  // BR-DEC-13 and BR-DEC-15 compare @currencyID with a child of cbc:TaxAmount, which never
  // exists: in the official UBL artefact they cannot fail, so neither do they here.
}

function checkUblTaxInclusive(model: InvoiceModel): boolean {
  const currency = model.currencyCode;
  if (currency === undefined) return true;
  const matching = model.taxTotals.filter(
    (total) => total.taxAmount?.attributes['currencyID'] === currency.text,
  );
  if (matching.length !== 1) return false;
  const inclusive = parseXsDecimal(model.totals?.taxInclusive[0]?.text);
  const exclusive = parseXsDecimal(model.totals?.taxExclusive[0]?.text);
  const tax = parseXsDecimal(matching[0]?.taxAmount?.text);
  if (inclusive === undefined || exclusive === undefined || tax === undefined) return false;
  return inclusive.eq(roundCents(exclusive.plus(tax)));
}

function checkCiiDocument(model: InvoiceModel, report: ReportFailure): void {
  const root = model.root;
  const totals = model.totals;
  if (!hasText(model.seller?.addresses[0]?.countryCode)) report('BR-09', root);
  if (!hasText(model.buyer?.addresses[0]?.countryCode)) report('BR-11', root);
  const sellerEndpoint = model.seller?.endpoints[0]?.attributes['schemeID'];
  if (model.seller?.hasEndpointGroup === true && normalizeText(sellerEndpoint) === '') {
    report('BR-62', root);
  }
  const buyerEndpoint = model.buyer?.endpoints[0]?.attributes['schemeID'];
  if (model.buyer?.hasEndpointGroup === true && normalizeText(buyerEndpoint) === '') {
    report('BR-63', root);
  }
  if (!checkCiiTaxInclusive(model)) report('BR-CO-15', root);
  if (totals === undefined) return;
  const taxCurrency = model.taxCurrencyCode;
  if (
    taxCurrency !== undefined &&
    (!model.taxTotals.some(
      (total) => total.taxAmount?.attributes['currencyID'] === taxCurrency.text,
    ) ||
      taxCurrency.text === model.currencyCode?.text)
  ) {
    report('BR-53', totals);
  }
  const amounts = model.taxTotals.flatMap((total) => (total.taxAmount ? [total.taxAmount] : []));
  const isCents = (text: string): boolean => {
    const value = parseXsDecimal(text);
    return value !== undefined && value.eq(roundCents(value));
  };
  const invoiceCurrency = model.currencyCode?.text;
  if (
    amounts.length > 0 &&
    !amounts.some((amount) =>
      amount.attributes['currencyID'] === invoiceCurrency ? isCents(amount.text) : true,
    )
  ) {
    report('BR-DEC-13', totals);
  }
  const taxCurrencyText = taxCurrency?.text;
  if (
    amounts.length > 0 &&
    taxCurrencyText !== undefined &&
    !amounts.some(
      (amount) => amount.attributes['currencyID'] === taxCurrencyText && isCents(amount.text),
    )
  ) {
    report('BR-DEC-15', totals);
  }
}

function checkCiiTaxInclusive(model: InvoiceModel): boolean {
  const currency = model.currencyCode;
  if (currency === undefined) return true;
  const grand = parseXsDecimal(model.totals?.taxInclusive[0]?.text);
  const basis = parseXsDecimal(model.totals?.taxExclusive[0]?.text);
  if (grand !== undefined && basis !== undefined && grand.eq(basis)) return true;
  const matching = model.taxTotals.filter(
    (total) => total.taxAmount?.attributes['currencyID'] === currency.text,
  );
  if (matching.length !== 1) return false;
  const tax = parseXsDecimal(matching[0]?.taxAmount?.text);
  if (grand === undefined || basis === undefined || tax === undefined) return false;
  return grand.eq(roundCents(basis.plus(tax)));
}
