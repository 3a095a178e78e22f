import {
  allPathOf,
  childrenOf,
  hasChildElements,
  locationOf,
  pathOf,
  releaseSubtree,
  valueAt,
  valueOf,
  valuesAt,
  type DomNode,
} from './dom-node.js';
import type {
  Address,
  AllowanceCharge,
  DocumentReference,
  InvoiceLine,
  InvoiceModel,
  Party,
  Period,
  TaxCategory,
  VatBreakdown,
} from './invoice-model.js';
import type { SourceValue } from './source-value.js';

/** Reads a CII D16B CrossIndustryInvoice (root already checked) into the model. */
export function readCii(root: DomNode): InvoiceModel {
  const document = pathOf(root, 'rsm:ExchangedDocument');
  const transaction = pathOf(root, 'rsm:SupplyChainTradeTransaction');
  const agreement = pathOf(transaction, 'ram:ApplicableHeaderTradeAgreement');
  const delivery = pathOf(transaction, 'ram:ApplicableHeaderTradeDelivery');
  const settlement = pathOf(transaction, 'ram:ApplicableHeaderTradeSettlement');
  const totals = pathOf(settlement, 'ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  const lineNodes = childrenOf(transaction, 'ram:IncludedSupplyChainTradeLineItem');
  const seller = pathOf(agreement, 'ram:SellerTradeParty');
  const buyer = pathOf(agreement, 'ram:BuyerTradeParty');
  const payee = pathOf(settlement, 'ram:PayeeTradeParty');
  const representative = pathOf(agreement, 'ram:SellerTaxRepresentativeTradeParty');
  const lineDocuments = lineNodes.flatMap((line) => [
    ...allPathOf(line, 'ram:SpecifiedLineTradeAgreement', 'ram:AdditionalReferencedDocument'),
    ...allPathOf(line, 'ram:SpecifiedLineTradeSettlement', 'ram:AdditionalReferencedDocument'),
  ]);
  return {
    syntax: 'cii',
    kind: 'invoice',
    root: locationOf(root),
    specificationId: valueAt(
      root,
      'rsm:ExchangedDocumentContext',
      'ram:GuidelineSpecifiedDocumentContextParameter',
      'ram:ID',
    ),
    number: valueAt(document, 'ram:ID'),
    issueDate: readDateTime(pathOf(document, 'ram:IssueDateTime')),
    typeCode: valueAt(document, 'ram:TypeCode'),
    currencyCode: valueAt(settlement, 'ram:InvoiceCurrencyCode'),
    taxCurrencyCode: valueAt(settlement, 'ram:TaxCurrencyCode'),
    notes: valuesAt(document, 'ram:IncludedNote', 'ram:Content'),
    subjectNotes: childrenOf(document, 'ram:IncludedNote').map((node) => ({
      ...locationOf(node),
      subjectCode: valueAt(node, 'ram:SubjectCode'),
      content: valueAt(node, 'ram:Content'),
    })),
    buyerReference: valueAt(agreement, 'ram:BuyerReference'),
    seller: seller && readParty(seller),
    buyer: buyer && readParty(buyer),
    payee: payee && readParty(payee),
    taxRepresentative: representative && readParty(representative),
    delivery: delivery && {
      ...locationOf(delivery),
      actualDate: readDateTime(
        pathOf(delivery, 'ram:ActualDeliverySupplyChainEvent', 'ram:OccurrenceDateTime'),
      ),
      addresses: allPathOf(delivery, 'ram:ShipToTradeParty', 'ram:PostalTradeAddress').map(
        readAddress,
      ),
    },
    invoicePeriods: childrenOf(settlement, 'ram:BillingSpecifiedPeriod').map(readPeriod),
    paymentMeans: childrenOf(settlement, 'ram:SpecifiedTradeSettlementPaymentMeans').map(
      (node) => ({
        ...locationOf(node),
        typeCode: valueAt(node, 'ram:TypeCode'),
        accounts: childrenOf(node, 'ram:PayeePartyCreditorFinancialAccount').map((account) => ({
          ...locationOf(account),
          id: valueAt(account, 'ram:IBANID'),
          proprietaryId: valueAt(account, 'ram:ProprietaryID'),
        })),
        cardNumbers: childrenOf(node, 'ram:ApplicableTradeSettlementFinancialCard').map((card) => ({
          ...locationOf(card),
          number: valueAt(card, 'ram:ID'),
        })),
      }),
    ),
    precedingInvoices: childrenOf(settlement, 'ram:InvoiceReferencedDocument').map(readReference),
    additionalDocuments: [
      ...childrenOf(agreement, 'ram:AdditionalReferencedDocument'),
      ...lineDocuments,
    ].map(readReference),
    allowanceCharges: childrenOf(settlement, 'ram:SpecifiedTradeAllowanceCharge').map(
      readAllowanceCharge,
    ),
    totals: totals && {
      ...locationOf(totals),
      lineNet: valuesAt(totals, 'ram:LineTotalAmount'),
      allowanceTotal: valuesAt(totals, 'ram:AllowanceTotalAmount'),
      chargeTotal: valuesAt(totals, 'ram:ChargeTotalAmount'),
      taxExclusive: valuesAt(totals, 'ram:TaxBasisTotalAmount'),
      taxInclusive: valuesAt(totals, 'ram:GrandTotalAmount'),
      prepaid: valuesAt(totals, 'ram:TotalPrepaidAmount'),
      rounding: valuesAt(totals, 'ram:RoundingAmount'),
      payable: valuesAt(totals, 'ram:DuePayableAmount'),
    },
    taxTotals: childrenOf(totals, 'ram:TaxTotalAmount').map((node) => ({
      ...locationOf(node),
      taxAmount: valueOf(node),
      subtotals: [],
    })),
    vatBreakdowns: childrenOf(settlement, 'ram:ApplicableTradeTax').map((node): VatBreakdown => ({
      ...locationOf(node),
      taxableAmount: valueAt(node, 'ram:BasisAmount'),
      taxAmount: valueAt(node, 'ram:CalculatedAmount'),
      category: readCategory(node),
      taxPointDate: valueAt(node, 'ram:TaxPointDate'),
      dueDateTypeCode: valueAt(node, 'ram:DueDateTypeCode'),
    })),
    lines: lineNodes.map((node) => {
      const line = readLine(node);
      releaseSubtree(node);
      return line;
    }),
  };
}

/** The DateTimeString of a CII date group, only when it has format 102 (as the rules require). */
function readDateTime(node: DomNode | undefined): SourceValue | undefined {
  return valuesAt(node, 'udt:DateTimeString').find((value) => value.attributes['format'] === '102');
}

function readParty(node: DomNode): Party {
  const firstCommunication = childrenOf(node, 'ram:URIUniversalCommunication')[0];
  return {
    ...locationOf(node),
    names: valuesAt(node, 'ram:Name'),
    tradingNames: valuesAt(node, 'ram:SpecifiedLegalOrganization', 'ram:TradingBusinessName'),
    identifiers: valuesAt(node, 'ram:ID'),
    globalIds: valuesAt(node, 'ram:GlobalID'),
    legalIds: valuesAt(node, 'ram:SpecifiedLegalOrganization', 'ram:ID'),
    taxIds: valuesAt(node, 'ram:SpecifiedTaxRegistration', 'ram:ID').map((value) => ({
      value,
      scheme: value.attributes['schemeID'] ?? '',
    })),
    endpoints: valuesAt(firstCommunication, 'ram:URIID'),
    hasEndpointGroup: firstCommunication !== undefined,
    addresses: childrenOf(node, 'ram:PostalTradeAddress').map(readAddress),
  };
}

function readAddress(node: DomNode): Address {
  return { ...locationOf(node), countryCode: valueAt(node, 'ram:CountryID') };
}

function readReference(node: DomNode): DocumentReference {
  return {
    ...locationOf(node),
    id: valueAt(node, 'ram:IssuerAssignedID'),
    typeCode: valueAt(node, 'ram:TypeCode'),
  };
}

function readPeriod(node: DomNode): Period {
  const start = pathOf(node, 'ram:StartDateTime');
  const end = pathOf(node, 'ram:EndDateTime');
  return {
    ...locationOf(node),
    start: readDateTime(start),
    end: readDateTime(end),
    hasStart: start !== undefined,
    hasEnd: end !== undefined,
    hasContent: hasChildElements(node),
  };
}

function readCategory(node: DomNode): TaxCategory {
  return {
    ...locationOf(node),
    code: valueAt(node, 'ram:CategoryCode'),
    rate: valueAt(node, 'ram:RateApplicablePercent'),
    scheme: valueAt(node, 'ram:TypeCode'),
    exemptionReason: valueAt(node, 'ram:ExemptionReason'),
    exemptionReasonCode: valueAt(node, 'ram:ExemptionReasonCode'),
  };
}

function readAllowanceCharge(node: DomNode): AllowanceCharge {
  return {
    ...locationOf(node),
    indicator: valueAt(node, 'ram:ChargeIndicator', 'udt:Indicator'),
    amounts: valuesAt(node, 'ram:ActualAmount'),
    baseAmount: valueAt(node, 'ram:BasisAmount'),
    reason: valueAt(node, 'ram:Reason'),
    reasonCode: valueAt(node, 'ram:ReasonCode'),
    categories: childrenOf(node, 'ram:CategoryTradeTax').map(readCategory),
  };
}

function readLine(node: DomNode): InvoiceLine {
  const agreement = pathOf(node, 'ram:SpecifiedLineTradeAgreement');
  const settlement = pathOf(node, 'ram:SpecifiedLineTradeSettlement');
  const product = pathOf(node, 'ram:SpecifiedTradeProduct');
  return {
    ...locationOf(node),
    id: valueAt(node, 'ram:AssociatedDocumentLineDocument', 'ram:LineID'),
    quantity: valueAt(node, 'ram:SpecifiedLineTradeDelivery', 'ram:BilledQuantity'),
    netAmounts: valuesAt(
      settlement,
      'ram:SpecifiedTradeSettlementLineMonetarySummation',
      'ram:LineTotalAmount',
    ),
    itemName: valueAt(product, 'ram:Name'),
    netPrices: valuesAt(agreement, 'ram:NetPriceProductTradePrice', 'ram:ChargeAmount'),
    grossPrices: valuesAt(agreement, 'ram:GrossPriceProductTradePrice', 'ram:ChargeAmount'),
    priceDiscounts: valuesAt(
      agreement,
      'ram:GrossPriceProductTradePrice',
      'ram:AppliedTradeAllowanceCharge',
      'ram:ActualAmount',
    ),
    priceBaseQuantities: [
      ...valuesAt(agreement, 'ram:GrossPriceProductTradePrice', 'ram:BasisQuantity'),
      ...valuesAt(agreement, 'ram:NetPriceProductTradePrice', 'ram:BasisQuantity'),
    ],
    categories: childrenOf(settlement, 'ram:ApplicableTradeTax').map(readCategory),
    allowanceCharges: childrenOf(settlement, 'ram:SpecifiedTradeAllowanceCharge').map(
      readAllowanceCharge,
    ),
    periods: childrenOf(settlement, 'ram:BillingSpecifiedPeriod').map(readPeriod),
    attributes: childrenOf(product, 'ram:ApplicableProductCharacteristic').map((property) => ({
      ...locationOf(property),
      name: valueAt(property, 'ram:Description'),
      value: valueAt(property, 'ram:Value'),
    })),
    classifications: childrenOf(product, 'ram:DesignatedProductClassification').map((group) => ({
      ...locationOf(group),
      code: valueAt(group, 'ram:ClassCode'),
    })),
    standardIds: valuesAt(product, 'ram:GlobalID'),
    originCountries: valuesAt(product, 'ram:OriginTradeCountry', 'ram:ID'),
  };
}
