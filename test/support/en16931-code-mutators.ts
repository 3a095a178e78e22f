/**
 * fast-check arbitraries for dates and codes (document type, currency, payment means,
 * allowance reasons, exemption reasons, countries, indicators) on the shared samples.
 */
import fc from 'fast-check';
import type { OfficialSyntax } from './official-cen.js';
import { mutation, pick, sampleArbitrary, type Mutation } from './en16931-mutators.js';
import { countElements, setAttribute, setText } from './en16931-mutations.js';

const DATE_NAMES: Readonly<Record<OfficialSyntax, readonly string[]>> = {
  ubl: [
    'cbc:StartDate',
    'cbc:EndDate',
    'cbc:IssueDate',
    'cbc:TaxPointDate',
    'cbc:ActualDeliveryDate',
  ],
  cii: ['udt:DateTimeString'],
};

const CODE_EDITS: Readonly<
  Record<OfficialSyntax, readonly (readonly [string, readonly string[]])[]>
> = {
  ubl: [
    ['cbc:PaymentMeansCode', ['30', '58', '31', '1', '49', '', '999']],
    ['cbc:DocumentCurrencyCode', ['EUR', 'SEK', 'USD', '', 'XYZ']],
    ['cbc:TaxCurrencyCode', ['EUR', 'XYZ']],
    ['cbc:ChargeIndicator', ['true', 'false']],
    ['cbc:CustomizationID', ['', 'urn:cen.eu:en16931:2017']],
    ['cbc:InvoiceTypeCode', ['380', '381', '999']],
    ['cbc:CreditNoteTypeCode', ['381', '380', '999']],
    ['cbc:AllowanceChargeReasonCode', ['95', 'FC', 'ABL', 'XX']],
    ['cbc:TaxExemptionReasonCode', ['VATEX-EU-O', 'vatex-eu-ic', 'XX']],
    ['cbc:IdentificationCode', ['NO', 'no', 'XX', 'DE']],
    ['cbc:DescriptionCode', ['3', '35', '99']],
  ],
  cii: [
    ['ram:TypeCode', ['30', '58', '31', '380', '381', 'VAT', '', '999']],
    ['ram:InvoiceCurrencyCode', ['EUR', 'SEK', 'USD', '', 'XYZ']],
    ['ram:TaxCurrencyCode', ['EUR', 'XYZ']],
    ['udt:Indicator', ['true', 'false']],
    ['ram:ID', ['', 'FR123', 'DE999999999']],
    ['ram:ReasonCode', ['95', 'FC', 'ABL', 'XX']],
    ['ram:ExemptionReasonCode', ['VATEX-EU-O', 'vatex-eu-ic', 'XX']],
    ['ram:CountryID', ['NO', 'no', 'XX', 'DE']],
    ['ram:DueDateTypeCode', ['5', '29', '99']],
  ],
};

/** A date moved (kept in the syntax's lexical form) or a code changed. */
export const dateOrCodeMutation: fc.Arbitrary<Mutation> = fc
  .tuple(
    sampleArbitrary,
    fc.boolean(),
    fc.nat(),
    fc.nat(),
    fc.date({
      min: new Date('2010-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.nat(),
  )
  .map(([sample, isDate, nameIndex, occurrence, date, valueIndex]) => {
    if (isDate) {
      const target = pick(sample.xml, DATE_NAMES[sample.syntax], nameIndex, occurrence);
      if (target === undefined) return mutation(sample, 'no date', sample.xml);
      const iso = date.toISOString().slice(0, 10);
      const text = sample.syntax === 'ubl' ? iso : iso.replace(/-/g, '');
      return mutation(
        sample,
        `${target.name}[${target.index}] = ${text}`,
        setText(sample.xml, target.name, text, target.index),
      );
    }
    const edits = CODE_EDITS[sample.syntax];
    const present = edits.filter(([name]) => countElements(sample.xml, name) > 0);
    const edit = present[nameIndex % Math.max(present.length, 1)];
    if (edit === undefined) return mutation(sample, 'no code', sample.xml);
    const [name, values] = edit;
    const index = occurrence % countElements(sample.xml, name);
    const value = values[valueIndex % values.length] ?? '';
    return mutation(
      sample,
      `${name}[${index}] = '${value}'`,
      setText(sample.xml, name, value, index),
    );
  });

const ATTRIBUTE_EDITS: Readonly<
  Record<OfficialSyntax, readonly (readonly [string, string, readonly string[]])[]>
> = {
  ubl: [
    ['cbc:InvoicedQuantity', 'unitCode', ['C62', 'XXX', 'h87', '']],
    ['cbc:CreditedQuantity', 'unitCode', ['C62', 'XXX']],
    ['cbc:BaseQuantity', 'unitCode', ['C62', 'XXX']],
    ['cbc:PayableAmount', 'currencyID', ['EUR', 'XYZ', '']],
    ['cbc:LineExtensionAmount', 'currencyID', ['EUR', 'XYZ']],
    ['cbc:TaxAmount', 'currencyID', ['EUR', 'XYZ']],
    ['cbc:ItemClassificationCode', 'listID', ['STI', 'XX', '']],
    ['cbc:ID', 'schemeID', ['0088', '9999', '']],
  ],
  cii: [
    ['ram:BilledQuantity', 'unitCode', ['C62', 'XXX', 'h87', '']],
    ['ram:BasisQuantity', 'unitCode', ['C62', 'XXX']],
    ['ram:TaxTotalAmount', 'currencyID', ['EUR', 'XYZ', '']],
    ['ram:ClassCode', 'listID', ['STI', 'XX', '']],
    ['ram:GlobalID', 'schemeID', ['0088', '9999', '']],
  ],
};

/** A unit code or currency attribute changed (BR-CL-03, BR-CL-23 and friends). */
export const attributeMutation: fc.Arbitrary<Mutation> = fc
  .tuple(sampleArbitrary, fc.nat(), fc.nat(), fc.nat())
  .map(([sample, nameIndex, occurrence, valueIndex]) => {
    const edits = ATTRIBUTE_EDITS[sample.syntax].filter(
      ([name]) => countElements(sample.xml, name) > 0,
    );
    const edit = edits[nameIndex % Math.max(edits.length, 1)];
    if (edit === undefined) return mutation(sample, 'no attribute', sample.xml);
    const [name, attribute, values] = edit;
    const index = occurrence % countElements(sample.xml, name);
    const value = values[valueIndex % values.length] ?? '';
    return mutation(
      sample,
      `${name}[${String(index)}]/@${attribute} = '${value}'`,
      setAttribute(sample.xml, name, attribute, value, index),
    );
  });
