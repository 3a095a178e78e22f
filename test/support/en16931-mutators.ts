/**
 * fast-check arbitraries that mutate a shared sample the way partners get invoices wrong:
 * amounts, rounding, rates, dates, codes, VAT categories, removed and repeated elements.
 * Mutations keep the document well-formed and mostly XSD-plausible so the official XSLT can
 * evaluate it; when it still raises a dynamic error the comparison is skipped and counted.
 */
import fc from 'fast-check';
import type { OfficialSyntax } from './official-cen.js';
import { listSamples, type Sample } from './en16931-parity.js';
import {
  countElements,
  duplicateElement,
  editElement,
  elementNames,
  removeElement,
  setChildText,
  setText,
  textOf,
} from './en16931-mutations.js';

export interface Mutation {
  readonly sample: string;
  readonly syntax: OfficialSyntax;
  readonly description: string;
  readonly xml: string;
}

const SAMPLES: readonly Sample[] = listSamples();

const AMOUNTS: Readonly<Record<OfficialSyntax, readonly string[]>> = {
  ubl: [
    'cbc:LineExtensionAmount',
    'cbc:TaxAmount',
    'cbc:TaxableAmount',
    'cbc:TaxExclusiveAmount',
    'cbc:TaxInclusiveAmount',
    'cbc:PayableAmount',
    'cbc:Amount',
    'cbc:PriceAmount',
    'cbc:AllowanceTotalAmount',
    'cbc:ChargeTotalAmount',
    'cbc:PrepaidAmount',
    'cbc:PayableRoundingAmount',
    'cbc:BaseAmount',
  ],
  cii: [
    'ram:LineTotalAmount',
    'ram:ChargeAmount',
    'ram:BasisAmount',
    'ram:CalculatedAmount',
    'ram:TaxBasisTotalAmount',
    'ram:TaxTotalAmount',
    'ram:GrandTotalAmount',
    'ram:DuePayableAmount',
    'ram:ActualAmount',
    'ram:AllowanceTotalAmount',
    'ram:ChargeTotalAmount',
    'ram:TotalPrepaidAmount',
    'ram:RoundingAmount',
  ],
};

const CATEGORY: Readonly<
  Record<
    OfficialSyntax,
    { containers: readonly string[]; code: string; rate: string; reason: string }
  >
> = {
  ubl: {
    containers: ['cac:ClassifiedTaxCategory', 'cac:TaxCategory'],
    code: 'cbc:ID',
    rate: 'cbc:Percent',
    reason: 'cbc:TaxExemptionReason',
  },
  cii: {
    containers: ['ram:ApplicableTradeTax', 'ram:CategoryTradeTax'],
    code: 'ram:CategoryCode',
    rate: 'ram:RateApplicablePercent',
    reason: 'ram:ExemptionReason',
  },
};

const REPEATABLE: Readonly<Record<OfficialSyntax, readonly string[]>> = {
  ubl: [
    'cac:InvoiceLine',
    'cac:CreditNoteLine',
    'cac:AllowanceCharge',
    'cac:TaxSubtotal',
    'cac:TaxTotal',
    'cac:PaymentMeans',
    'cbc:Note',
    'cac:AdditionalDocumentReference',
    'cac:PartyTaxScheme',
    'cac:InvoicePeriod',
  ],
  cii: [
    'ram:IncludedSupplyChainTradeLineItem',
    'ram:SpecifiedTradeAllowanceCharge',
    'ram:ApplicableTradeTax',
    'ram:SpecifiedTradeSettlementPaymentMeans',
    'ram:IncludedNote',
    'ram:AdditionalReferencedDocument',
    'ram:SpecifiedTaxRegistration',
    'ram:TaxTotalAmount',
  ],
};

const CODES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M', 'B', 'XX'] as const;

export const sampleArbitrary = fc.constantFrom(...SAMPLES);

/** Picks one existing occurrence of one of the names, or undefined when none exists. */
export function pick(
  xml: string,
  names: readonly string[],
  nameIndex: number,
  occurrence: number,
): { name: string; index: number } | undefined {
  const present = names.filter((name) => countElements(xml, name) > 0);
  if (present.length === 0) return undefined;
  const name = present[nameIndex % present.length] ?? '';
  return { name, index: occurrence % countElements(xml, name) };
}

export function mutation(sample: Sample, description: string, xml: string): Mutation {
  return { sample: sample.name, syntax: sample.syntax, description, xml };
}

const decimalText = fc
  .tuple(fc.integer({ min: -100_000, max: 10_000_000 }), fc.integer({ min: 0, max: 4 }))
  .map(([units, scale]) => (units / 10 ** scale).toFixed(scale));

/** An amount changed by a small delta, a rounding-sized delta or replaced outright. */
export const amountMutation: fc.Arbitrary<Mutation> = fc
  .tuple(
    sampleArbitrary,
    fc.nat(),
    fc.nat(),
    fc.oneof(
      fc.constantFrom('0.01', '-0.01', '0.005', '1', '-1', '0.5', '100', '-0.004'),
      decimalText.map((text) => `=${text}`),
    ),
  )
  .map(([sample, nameIndex, occurrence, change]) => {
    const target = pick(sample.xml, AMOUNTS[sample.syntax], nameIndex, occurrence);
    if (target === undefined) return mutation(sample, 'no amount', sample.xml);
    const current = (textOf(sample.xml, target.name, target.index) ?? '0').trim();
    const base = Number.isFinite(Number(current)) ? current : '0';
    const next = change.startsWith('=') ? change.slice(1) : addDecimals(base, change);
    return mutation(
      sample,
      `${target.name}[${target.index}] ${current} -> ${next}`,
      setText(sample.xml, target.name, next, target.index),
    );
  });

/** Adds two decimal strings exactly, keeping the longer scale. */
function addDecimals(left: string, right: string): string {
  const scale = Math.max(left.split('.')[1]?.length ?? 0, right.split('.')[1]?.length ?? 0);
  const toUnits = (text: string): bigint => {
    const negative = text.startsWith('-');
    const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
    const units = BigInt(whole + fraction.padEnd(scale, '0'));
    return negative ? -units : units;
  };
  const total = toUnits(left) + toUnits(right);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** A VAT category code, rate or exemption reason changed on a line, allowance or breakdown. */
export const vatMutation: fc.Arbitrary<Mutation> = fc
  .tuple(
    sampleArbitrary,
    fc.nat(),
    fc.nat(),
    fc.oneof(
      fc.constantFrom(...CODES).map((code) => ({ kind: 'code' as const, value: code })),
      fc
        .constantFrom('0', '5', '7', '19', '20', '25', '-1', '0.5', '21.5')
        .map((value) => ({ kind: 'rate' as const, value })),
      fc.constant({ kind: 'drop-rate' as const, value: '' }),
      fc.constant({ kind: 'drop-reason' as const, value: '' }),
      fc.constant({ kind: 'add-reason' as const, value: 'Exempt' }),
    ),
  )
  .map(([sample, containerIndex, occurrence, change]) => {
    const names = CATEGORY[sample.syntax];
    const target = pick(sample.xml, names.containers, containerIndex, occurrence);
    if (target === undefined) return mutation(sample, 'no category', sample.xml);
    const where = `${target.name}[${target.index}]`;
    switch (change.kind) {
      case 'code':
        return mutation(
          sample,
          `${where} code ${change.value}`,
          setChildText(sample.xml, target.name, target.index, names.code, change.value),
        );
      case 'rate':
        return mutation(
          sample,
          `${where} rate ${change.value}`,
          setChildText(sample.xml, target.name, target.index, names.rate, change.value),
        );
      case 'drop-rate':
        return mutation(
          sample,
          `${where} no rate`,
          editElement(sample.xml, target.name, target.index, (element) =>
            countElements(element, names.rate) > 0 ? removeElement(element, names.rate) : element,
          ),
        );
      case 'drop-reason':
        return mutation(
          sample,
          `${where} no reason`,
          editElement(sample.xml, target.name, target.index, (element) =>
            countElements(element, names.reason) > 0
              ? removeElement(element, names.reason)
              : element,
          ),
        );
      case 'add-reason':
        return mutation(
          sample,
          `${where} add reason`,
          addReason(sample.syntax, sample.xml, target.name, target.index),
        );
    }
  });

/** Inserts an exemption reason where the schema puts it (after the rate, or the code). */
function addReason(syntax: OfficialSyntax, xml: string, container: string, index: number): string {
  return editElement(xml, container, index, (element) => {
    if (syntax === 'ubl') {
      const anchor = countElements(element, 'cbc:Percent') > 0 ? 'cbc:Percent' : 'cbc:ID';
      const match = new RegExp(`</${anchor}>`).exec(element);
      if (match === null || countElements(element, 'cbc:TaxExemptionReason') > 0) return element;
      const at = match.index + match[0].length;
      return `${element.slice(0, at)}<cbc:TaxExemptionReason>Exempt</cbc:TaxExemptionReason>${element.slice(at)}`;
    }
    if (countElements(element, 'ram:ExemptionReason') > 0) return element;
    const match = /<\/ram:TypeCode>/.exec(element);
    if (match === null) return element;
    const at = match.index + match[0].length;
    return `${element.slice(0, at)}<ram:ExemptionReason>Exempt</ram:ExemptionReason>${element.slice(at)}`;
  });
}

/** One element removed (any element but the root), or one repeatable group repeated. */
export const structureMutation: fc.Arbitrary<Mutation> = fc
  .tuple(sampleArbitrary, fc.boolean(), fc.nat(), fc.nat())
  .map(([sample, isRemoval, nameIndex, occurrence]) => {
    if (isRemoval) {
      const names = elementNames(sample.xml).filter(
        (name) => !/^(ubl|cn|rsm):(Invoice|CreditNote|CrossIndustryInvoice)$/.test(name),
      );
      const target = pick(sample.xml, names, nameIndex, occurrence);
      if (target === undefined) return mutation(sample, 'nothing to remove', sample.xml);
      return mutation(
        sample,
        `remove ${target.name}[${target.index}]`,
        removeElement(sample.xml, target.name, target.index),
      );
    }
    const target = pick(sample.xml, REPEATABLE[sample.syntax], nameIndex, occurrence);
    if (target === undefined) return mutation(sample, 'nothing to repeat', sample.xml);
    return mutation(
      sample,
      `repeat ${target.name}[${target.index}]`,
      duplicateElement(sample.xml, target.name, target.index),
    );
  });
