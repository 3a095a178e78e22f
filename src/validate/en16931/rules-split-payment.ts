import type { InvoiceModel, TaxCategory } from '../../formats/index.js';
import type { ReportFailure } from './rule-collector.js';

/**
 * BR-B-01 and BR-B-02 (Italian split payment, category B). Both artefacts compare raw codes
 * with no tax-scheme filter. BR-B-01 looks at every country code of the document: in UBL every
 * cbc:IdentificationCode (addresses and item origin), in CII every ram:CountryID (addresses).
 */
export function checkSplitPaymentRules(model: InvoiceModel, report: ReportFailure): void {
  const allCharges = [
    ...model.allowanceCharges,
    ...model.lines.flatMap((line) => line.allowanceCharges),
  ];
  const lineCategories = model.lines.flatMap((line) => line.categories);
  const breakdownCategories = model.vatBreakdowns.flatMap((item) =>
    item.category === undefined ? [] : [item.category],
  );
  const everyCategory = [
    ...lineCategories,
    ...breakdownCategories,
    ...allCharges.flatMap((item) => item.categories),
  ];
  const has = (categories: readonly TaxCategory[], code: string): boolean =>
    categories.some((category) => category.code?.text === code);
  if (!has(everyCategory, 'B')) return;
  const addressCountries = [model.seller, model.buyer, model.payee, model.taxRepresentative]
    .flatMap((party) => party?.addresses ?? [])
    .concat(model.delivery?.addresses ?? [])
    .flatMap((address) => (address.countryCode === undefined ? [] : [address.countryCode]));
  const countries =
    model.syntax === 'ubl'
      ? [...addressCountries, ...model.lines.flatMap((line) => line.originCountries)]
      : addressCountries;
  if (countries.some((country) => country.text !== 'IT')) report('BR-B-01', model.root);
  // UBL BR-B-02 reads document-level allowances and charges only; CII every CategoryCode.
  const secondScope =
    model.syntax === 'ubl'
      ? [
          ...breakdownCategories,
          ...model.allowanceCharges.flatMap((item) => item.categories),
          ...lineCategories,
        ]
      : everyCategory;
  if (has(secondScope, 'B') && has(secondScope, 'S')) report('BR-B-02', model.root);
}
