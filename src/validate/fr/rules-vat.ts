import { normalizeSpace, type InvoiceModel, type TaxCategory } from '../../formats/index.js';
import type { ReportFrFailure } from './fr-collector.js';

const FR_VAT_CATEGORIES: ReadonlySet<string> = new Set(['S', 'E', 'AE', 'K', 'G', 'O', 'Z']);

/** The VAT rates of metropolitan France, Corsica and the overseas departments, as written. */
const FR_VAT_RATES: ReadonlySet<string> = new Set([
  '0', '0.0', '0.00', '10', '10.0', '10.00', '13', '13.0', '13.00', '20', '20.0', '20.00',
  '8.5', '8.50', '19.6', '19.60', '2.1', '2.10', '5.5', '5.50', '7', '7.0', '7.00',
  '20.6', '20.60', '1.05', '0.9', '0.90', '1.75', '9.2', '9.20', '9.6', '9.60',
]); // prettier-ignore

interface LabelledCategory {
  readonly label: string;
  readonly category: TaxCategory;
  /** Whether a missing category code fails the rule (CII reads the code without a guard). */
  readonly isCodeRequired: boolean;
}

function categoriesOf(model: InvoiceModel): LabelledCategory[] {
  const isCii = model.syntax === 'cii';
  const labelled: LabelledCategory[] = [];
  for (const charge of model.allowanceCharges) {
    for (const category of charge.categories) {
      labelled.push({
        label: 'document allowance or charge (BT-95/BT-102)',
        category,
        isCodeRequired: isCii,
      });
    }
  }
  if (!isCii) {
    // UBL matches cac:AllowanceCharge/cac:TaxCategory anywhere, line allowances included.
    for (const line of model.lines) {
      for (const charge of line.allowanceCharges) {
        for (const category of charge.categories) {
          labelled.push({ label: 'line allowance or charge', category, isCodeRequired: false });
        }
      }
    }
  }
  for (const breakdown of model.vatBreakdowns) {
    if (breakdown.category !== undefined) {
      labelled.push({
        label: 'VAT breakdown (BT-118)',
        category: breakdown.category,
        isCodeRequired: isCii,
      });
    }
  }
  for (const line of model.lines) {
    for (const category of line.categories) {
      labelled.push({ label: 'invoice line (BT-151)', category, isCodeRequired: isCii });
    }
  }
  return labelled;
}

/** BR-FR-15, BR-FR-16, BR-FR-CO-12: VAT categories and rates of France, euro accounting. */
export function checkVatRules(model: InvoiceModel, report: ReportFrFailure): void {
  for (const { label, category, isCodeRequired } of categoriesOf(model)) {
    const code = category.code;
    if (code === undefined ? isCodeRequired : !FR_VAT_CATEGORIES.has(code.text)) {
      report(
        'BR-FR-15',
        code ?? category,
        `The VAT category code of the ${label} "${code?.text ?? ''}" is not one the French reform accepts (S, E, AE, K, G, O, Z; IGIC L and IPSI M do not apply in France).`,
      );
    }
    const rate = category.rate;
    const isRateChecked = rate !== undefined && (model.syntax === 'ubl' || rate.text !== '');
    // The French Schematron names only cac:InvoiceLine for BT-152 (in either document): the
    // rates of cac:CreditNoteLine lines are not checked.
    const isCreditNoteLine =
      model.syntax === 'ubl' && category.xpath.includes('/cac:CreditNoteLine');
    if (isRateChecked && !isCreditNoteLine && !FR_VAT_RATES.has(rate.text)) {
      report(
        'BR-FR-16',
        rate,
        `The VAT rate of the ${label} "${rate.text}" is not a French VAT rate (for instance 20, 10, 5.5, 2.1, written as a plain percentage).`,
      );
    }
  }
  checkEuroAccounting(model, report);
}

function checkEuroAccounting(model: InvoiceModel, report: ReportFrFailure): void {
  const currency = model.currencyCode;
  if (currency === undefined || currency.text === 'EUR') return;
  const taxCurrency = model.taxCurrencyCode?.text;
  const euroTax = model.taxTotals.find(
    (total) => total.taxAmount?.attributes['currencyID'] === 'EUR',
  )?.taxAmount;
  if (taxCurrency !== 'EUR' || euroTax === undefined || euroTax.text === '') {
    report(
      'BR-FR-CO-12',
      model.taxCurrencyCode ?? currency,
      `The invoice is in ${normalizeSpace(currency)} (BT-5): the French reform then requires EUR as VAT accounting currency (BT-6) and the VAT total in euros (BT-111).`,
    );
  }
}
