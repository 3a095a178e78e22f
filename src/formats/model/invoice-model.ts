import type { SourceLocation, SourceValue } from './source-value.js';

/**
 * One EN 16931 invoice read from UBL 2.1 (Invoice, CreditNote) or CII D16B. Field comments
 * give the semantic business term (BT-n) or group (BG-n). Values keep their raw text, line and
 * XPath: the official rules are phrased on the syntax (exists vs non-empty, first vs every
 * occurrence), so the model keeps what each syntax binding needs to decide exactly as it does.
 */
export type InvoiceSyntax = 'ubl' | 'cii';

export type DocumentKind = 'invoice' | 'credit-note';

export interface InvoiceModel {
  readonly syntax: InvoiceSyntax;
  readonly kind: DocumentKind;
  readonly root: SourceLocation;
  /** BT-24 */
  readonly specificationId?: SourceValue;
  /** BT-1 */
  readonly number?: SourceValue;
  /** BT-2 (CII: only the DateTimeString with format 102) */
  readonly issueDate?: SourceValue;
  /** BT-3 */
  readonly typeCode?: SourceValue;
  /** BT-5 */
  readonly currencyCode?: SourceValue;
  /** BT-6 */
  readonly taxCurrencyCode?: SourceValue;
  /** BT-7 (UBL only; CII carries it on the VAT breakdown) */
  readonly taxPointDate?: SourceValue;
  /** BT-22 */
  readonly notes: readonly SourceValue[];
  /** CII only: each IncludedNote with its subject code (BT-21); UBL codes it inside BT-22. */
  readonly subjectNotes?: readonly SubjectNote[];
  /** BT-10 (the service code of French public buyers) */
  readonly buyerReference?: SourceValue;
  /** BG-4 */
  readonly seller?: Party;
  /** BG-7 */
  readonly buyer?: Party;
  /** BG-10 */
  readonly payee?: Party;
  /** BG-11 */
  readonly taxRepresentative?: Party;
  /** BG-13 */
  readonly delivery?: Delivery;
  /** BG-14 */
  readonly invoicePeriods: readonly Period[];
  /** BG-16 */
  readonly paymentMeans: readonly PaymentMeans[];
  /** BG-3 */
  readonly precedingInvoices: readonly DocumentReference[];
  /** BG-24 */
  readonly additionalDocuments: readonly DocumentReference[];
  /** BG-20 and BG-21 */
  readonly allowanceCharges: readonly AllowanceCharge[];
  /** BG-22 */
  readonly totals?: DocumentTotals;
  /** BT-110 and BT-111: UBL TaxTotal groups; CII TaxTotalAmount values (no subtotals). */
  readonly taxTotals: readonly TaxTotal[];
  /** BG-23, in document order, whatever tax total they belong to. */
  readonly vatBreakdowns: readonly VatBreakdown[];
  /** BG-25 */
  readonly lines: readonly InvoiceLine[];
}

export interface SubjectNote extends SourceLocation {
  /** BT-21 */
  readonly subjectCode?: SourceValue;
  /** BT-22 */
  readonly content?: SourceValue;
}

export interface TaxIdentifier {
  readonly value: SourceValue;
  /** UBL: TaxScheme/ID text; CII: the schemeID attribute (VA or FC). */
  readonly scheme: string;
}

export interface Party extends SourceLocation {
  /** BT-27 / BT-44 / BT-59 / BT-62: legal name (CII: Name). */
  readonly names: readonly SourceValue[];
  /** BT-28 / BT-45: trading name (UBL PartyName/Name). */
  readonly tradingNames: readonly SourceValue[];
  /** BT-29 / BT-46 / BT-60 (UBL PartyIdentification/ID, CII ID). */
  readonly identifiers: readonly SourceValue[];
  /** BT-29 / BT-46 / BT-60 with a global scheme (CII GlobalID; empty in UBL). */
  readonly globalIds: readonly SourceValue[];
  /** BT-30 / BT-47 / BT-61 */
  readonly legalIds: readonly SourceValue[];
  /** BT-31 / BT-32 / BT-48 / BT-63 */
  readonly taxIds: readonly TaxIdentifier[];
  /** BT-34 / BT-49: every electronic address, in document order. */
  readonly endpoints: readonly SourceValue[];
  /** CII only: whether a URIUniversalCommunication group is present. */
  readonly hasEndpointGroup: boolean;
  readonly addresses: readonly Address[];
}

export interface Address extends SourceLocation {
  /** BT-40 / BT-55 / BT-69 / BT-80 */
  readonly countryCode?: SourceValue;
}

export interface Delivery extends SourceLocation {
  /** BT-72 */
  readonly actualDate?: SourceValue;
  /** BG-15 */
  readonly addresses: readonly Address[];
}

export interface Period extends SourceLocation {
  /** UBL StartDate; CII StartDateTime/DateTimeString (its format attribute kept). */
  readonly start?: SourceValue;
  readonly end?: SourceValue;
  /** Whether the start (end) element is present at all, even without a date string. */
  readonly hasStart: boolean;
  readonly hasEnd: boolean;
  /** BT-8 (UBL DescriptionCode) */
  readonly descriptionCode?: SourceValue;
  /** Whether the period has any child element at all (BR-IC-11 in UBL). */
  readonly hasContent: boolean;
}

export interface FinancialAccount extends SourceLocation {
  /** BT-84: UBL ID, CII IBANID */
  readonly id?: SourceValue;
  /** BT-84 alternative in CII: ProprietaryID */
  readonly proprietaryId?: SourceValue;
}

export interface PaymentMeans extends SourceLocation {
  /** BT-81 */
  readonly typeCode?: SourceValue;
  /** BG-17 */
  readonly accounts: readonly FinancialAccount[];
  /** BT-87: card primary account number, one per card group. */
  readonly cardNumbers: readonly CardAccount[];
}

export interface CardAccount extends SourceLocation {
  readonly number?: SourceValue;
}

export interface DocumentReference extends SourceLocation {
  readonly id?: SourceValue;
  readonly typeCode?: SourceValue;
}

export interface TaxCategory extends SourceLocation {
  /** BT-95 / BT-102 / BT-118 / BT-151 */
  readonly code?: SourceValue;
  /** BT-96 / BT-103 / BT-119 / BT-152 */
  readonly rate?: SourceValue;
  /** UBL TaxScheme/ID; CII TypeCode. */
  readonly scheme?: SourceValue;
  /** BT-120 */
  readonly exemptionReason?: SourceValue;
  /** BT-121 */
  readonly exemptionReasonCode?: SourceValue;
}

export interface AllowanceCharge extends SourceLocation {
  /** ChargeIndicator text (UBL cbc:ChargeIndicator, CII udt:Indicator). */
  readonly indicator?: SourceValue;
  /** BT-92 / BT-99 / BT-136 / BT-141: every occurrence. */
  readonly amounts: readonly SourceValue[];
  /** BT-93 / BT-100 / BT-137 / BT-142 */
  readonly baseAmount?: SourceValue;
  /** BT-97 / BT-104 / BT-139 / BT-144 */
  readonly reason?: SourceValue;
  /** BT-98 / BT-105 / BT-140 / BT-145 */
  readonly reasonCode?: SourceValue;
  /** BT-95 / BT-102: every tax category, in document order. */
  readonly categories: readonly TaxCategory[];
}

export interface DocumentTotals extends SourceLocation {
  /** BT-106 */
  readonly lineNet: readonly SourceValue[];
  /** BT-107 */
  readonly allowanceTotal: readonly SourceValue[];
  /** BT-108 */
  readonly chargeTotal: readonly SourceValue[];
  /** BT-109 */
  readonly taxExclusive: readonly SourceValue[];
  /** BT-112 */
  readonly taxInclusive: readonly SourceValue[];
  /** BT-113 */
  readonly prepaid: readonly SourceValue[];
  /** BT-114 */
  readonly rounding: readonly SourceValue[];
  /** BT-115 */
  readonly payable: readonly SourceValue[];
}

export interface TaxTotal extends SourceLocation {
  /** BT-110 / BT-111, carrying its currencyID attribute. */
  readonly taxAmount?: SourceValue;
  readonly subtotals: readonly VatBreakdown[];
}

export interface VatBreakdown extends SourceLocation {
  /** BT-116 */
  readonly taxableAmount?: SourceValue;
  /** BT-117 */
  readonly taxAmount?: SourceValue;
  /** BT-118 to BT-121. UBL: the TaxCategory; CII: the ApplicableTradeTax itself. */
  readonly category?: TaxCategory;
  /** CII only: BT-7 (TaxPointDate) as carried on the breakdown. */
  readonly taxPointDate?: SourceValue;
  /** CII only: BT-8 (DueDateTypeCode) as carried on the breakdown. */
  readonly dueDateTypeCode?: SourceValue;
}

export interface ItemAttribute extends SourceLocation {
  readonly name?: SourceValue;
  readonly value?: SourceValue;
}

export interface InvoiceLine extends SourceLocation {
  /** BT-126 */
  readonly id?: SourceValue;
  /** BT-129 with BT-130 as its unitCode attribute. */
  readonly quantity?: SourceValue;
  /** BT-131: every occurrence. */
  readonly netAmounts: readonly SourceValue[];
  /** BT-153 */
  readonly itemName?: SourceValue;
  /** BT-146: every occurrence. */
  readonly netPrices: readonly SourceValue[];
  /** BT-148 (UBL Price/AllowanceCharge/BaseAmount; CII gross price ChargeAmount). */
  readonly grossPrices: readonly SourceValue[];
  /** BT-147: the price discount (UBL Price/AllowanceCharge/Amount). */
  readonly priceDiscounts: readonly SourceValue[];
  /** BT-149 with BT-150 as unitCode (UBL Price/BaseQuantity; CII net and gross BasisQuantity). */
  readonly priceBaseQuantities: readonly SourceValue[];
  /** BT-151 / BT-152: every tax category of the line. */
  readonly categories: readonly TaxCategory[];
  /** BG-27 and BG-28 */
  readonly allowanceCharges: readonly AllowanceCharge[];
  /** BG-26 */
  readonly periods: readonly Period[];
  /** BG-32 */
  readonly attributes: readonly ItemAttribute[];
  /** BT-158 (with listID); CII: one entry per DesignatedProductClassification group. */
  readonly classifications: readonly Classification[];
  /** BT-157 (with schemeID) */
  readonly standardIds: readonly SourceValue[];
  /** BT-159 (UBL OriginCountry/IdentificationCode; CII OriginTradeCountry/ID) */
  readonly originCountries: readonly SourceValue[];
}

export interface Classification extends SourceLocation {
  readonly code?: SourceValue;
}
