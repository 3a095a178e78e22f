import {
  allPathOf,
  childrenOf,
  hasChildElements,
  locationOf,
  releaseSubtree,
  valueAt,
  valuesAt,
  type DomNode,
} from './dom-node.js';
import type {
  Address,
  AllowanceCharge,
  InvoiceLine,
  InvoiceModel,
  Party,
  Period,
  TaxCategory,
  TaxTotal,
  VatBreakdown,
} from './invoice-model.js';

/** Reads a UBL 2.1 Invoice or CreditNote (root already checked) into the model. */
export function readUbl(root: DomNode, isCreditNote: boolean): InvoiceModel {
  const taxTotals = childrenOf(root, 'cac:TaxTotal').map(readTaxTotal);
  const totals = childrenOf(root, 'cac:LegalMonetaryTotal')[0];
  const delivery = childrenOf(root, 'cac:Delivery')[0];
  const supplierRole = childrenOf(root, 'cac:AccountingSupplierParty')[0];
  // BR-CO-26 applies to the supplier role even without its Party: an empty party stands in.
  const seller = allPathOf(supplierRole, 'cac:Party')[0] ?? supplierRole;
  const buyer = allPathOf(root, 'cac:AccountingCustomerParty', 'cac:Party')[0];
  const payee = childrenOf(root, 'cac:PayeeParty')[0];
  const representative = childrenOf(root, 'cac:TaxRepresentativeParty')[0];
  return {
    syntax: 'ubl',
    kind: isCreditNote ? 'credit-note' : 'invoice',
    root: locationOf(root),
    specificationId: valueAt(root, 'cbc:CustomizationID'),
    number: valueAt(root, 'cbc:ID'),
    issueDate: valueAt(root, 'cbc:IssueDate'),
    typeCode: valueAt(root, isCreditNote ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode'),
    currencyCode: valueAt(root, 'cbc:DocumentCurrencyCode'),
    taxCurrencyCode: valueAt(root, 'cbc:TaxCurrencyCode'),
    taxPointDate: valueAt(root, 'cbc:TaxPointDate'),
    notes: valuesAt(root, 'cbc:Note'),
    buyerReference: valueAt(root, 'cbc:BuyerReference'),
    seller: seller && readParty(seller, false),
    buyer: buyer && readParty(buyer, false),
    payee: payee && readParty(payee, true),
    taxRepresentative: representative && readParty(representative, true),
    delivery: delivery && {
      ...locationOf(delivery),
      actualDate: valueAt(delivery, 'cbc:ActualDeliveryDate'),
      addresses: allPathOf(delivery, 'cac:DeliveryLocation', 'cac:Address').map(readAddress),
    },
    invoicePeriods: childrenOf(root, 'cac:InvoicePeriod').map(readPeriod),
    paymentMeans: childrenOf(root, 'cac:PaymentMeans').map((node) => ({
      ...locationOf(node),
      typeCode: valueAt(node, 'cbc:PaymentMeansCode'),
      accounts: childrenOf(node, 'cac:PayeeFinancialAccount').map((account) => ({
        ...locationOf(account),
        id: valueAt(account, 'cbc:ID'),
      })),
      cardNumbers: childrenOf(node, 'cac:CardAccount').map((card) => ({
        ...locationOf(card),
        number: valueAt(card, 'cbc:PrimaryAccountNumberID'),
      })),
    })),
    precedingInvoices: childrenOf(root, 'cac:BillingReference').map((node) => ({
      ...locationOf(node),
      id: valueAt(node, 'cac:InvoiceDocumentReference', 'cbc:ID'),
      typeCode: valueAt(node, 'cac:InvoiceDocumentReference', 'cbc:DocumentTypeCode'),
    })),
    additionalDocuments: childrenOf(root, 'cac:AdditionalDocumentReference').map((node) => ({
      ...locationOf(node),
      id: valueAt(node, 'cbc:ID'),
      typeCode: valueAt(node, 'cbc:DocumentTypeCode'),
    })),
    allowanceCharges: childrenOf(root, 'cac:AllowanceCharge').map(readAllowanceCharge),
    totals: totals && {
      ...locationOf(totals),
      lineNet: valuesAt(totals, 'cbc:LineExtensionAmount'),
      allowanceTotal: valuesAt(totals, 'cbc:AllowanceTotalAmount'),
      chargeTotal: valuesAt(totals, 'cbc:ChargeTotalAmount'),
      taxExclusive: valuesAt(totals, 'cbc:TaxExclusiveAmount'),
      taxInclusive: valuesAt(totals, 'cbc:TaxInclusiveAmount'),
      prepaid: valuesAt(totals, 'cbc:PrepaidAmount'),
      rounding: valuesAt(totals, 'cbc:PayableRoundingAmount'),
      payable: valuesAt(totals, 'cbc:PayableAmount'),
    },
    taxTotals,
    vatBreakdowns: taxTotals.flatMap((total) => total.subtotals),
    // The CEN binding reads either line element in either document (BR-16, BR-21…BR-27):
    // the lines are whichever of the two are present, in document order.
    lines: lineNodesOf(root).map((node) => {
      const line = readLine(node);
      releaseSubtree(node);
      return line;
    }),
  };
}

function readParty(node: DomNode, namedByPartyName: boolean): Party {
  const legalNames = valuesAt(node, 'cac:PartyLegalEntity', 'cbc:RegistrationName');
  const partyNames = valuesAt(node, 'cac:PartyName', 'cbc:Name');
  return {
    ...locationOf(node),
    names: namedByPartyName ? partyNames : legalNames,
    tradingNames: partyNames,
    identifiers: valuesAt(node, 'cac:PartyIdentification', 'cbc:ID'),
    globalIds: [],
    legalIds: valuesAt(node, 'cac:PartyLegalEntity', 'cbc:CompanyID'),
    taxIds: childrenOf(node, 'cac:PartyTaxScheme').flatMap((scheme) =>
      valuesAt(scheme, 'cbc:CompanyID').map((value) => ({
        value,
        scheme: valueAt(scheme, 'cac:TaxScheme', 'cbc:ID')?.text ?? '',
      })),
    ),
    endpoints: valuesAt(node, 'cbc:EndpointID'),
    hasEndpointGroup: false,
    addresses: childrenOf(node, 'cac:PostalAddress').map(readAddress),
  };
}

function readAddress(node: DomNode): Address {
  return {
    ...locationOf(node),
    countryCode: valueAt(node, 'cac:Country', 'cbc:IdentificationCode'),
  };
}

function readPeriod(node: DomNode): Period {
  const start = valueAt(node, 'cbc:StartDate');
  const end = valueAt(node, 'cbc:EndDate');
  return {
    ...locationOf(node),
    start,
    end,
    hasStart: start !== undefined,
    hasEnd: end !== undefined,
    descriptionCode: valueAt(node, 'cbc:DescriptionCode'),
    hasContent: hasChildElements(node),
  };
}

function readCategory(node: DomNode): TaxCategory {
  return {
    ...locationOf(node),
    code: valueAt(node, 'cbc:ID'),
    rate: valueAt(node, 'cbc:Percent'),
    scheme: valueAt(node, 'cac:TaxScheme', 'cbc:ID'),
    exemptionReason: valueAt(node, 'cbc:TaxExemptionReason'),
    exemptionReasonCode: valueAt(node, 'cbc:TaxExemptionReasonCode'),
  };
}

function readAllowanceCharge(node: DomNode): AllowanceCharge {
  return {
    ...locationOf(node),
    indicator: valueAt(node, 'cbc:ChargeIndicator'),
    amounts: valuesAt(node, 'cbc:Amount'),
    baseAmount: valueAt(node, 'cbc:BaseAmount'),
    reason: valueAt(node, 'cbc:AllowanceChargeReason'),
    reasonCode: valueAt(node, 'cbc:AllowanceChargeReasonCode'),
    categories: childrenOf(node, 'cac:TaxCategory').map(readCategory),
  };
}

function readTaxTotal(node: DomNode): TaxTotal {
  return {
    ...locationOf(node),
    taxAmount: valueAt(node, 'cbc:TaxAmount'),
    subtotals: childrenOf(node, 'cac:TaxSubtotal').map((subtotal): VatBreakdown => ({
      ...locationOf(subtotal),
      taxableAmount: valueAt(subtotal, 'cbc:TaxableAmount'),
      taxAmount: valueAt(subtotal, 'cbc:TaxAmount'),
      category: childrenOf(subtotal, 'cac:TaxCategory').map(readCategory)[0],
    })),
  };
}

function lineNodesOf(root: DomNode): DomNode[] {
  return [...childrenOf(root, 'cac:InvoiceLine'), ...childrenOf(root, 'cac:CreditNoteLine')].sort(
    (a, b) => a.element.order - b.element.order,
  );
}

function readLine(node: DomNode): InvoiceLine {
  return {
    ...locationOf(node),
    id: valueAt(node, 'cbc:ID'),
    // BR-22 accepts either quantity element on either line element.
    quantity: valueAt(node, 'cbc:InvoicedQuantity') ?? valueAt(node, 'cbc:CreditedQuantity'),
    netAmounts: valuesAt(node, 'cbc:LineExtensionAmount'),
    itemName: valueAt(node, 'cac:Item', 'cbc:Name'),
    netPrices: valuesAt(node, 'cac:Price', 'cbc:PriceAmount'),
    grossPrices: valuesAt(node, 'cac:Price', 'cac:AllowanceCharge', 'cbc:BaseAmount'),
    priceDiscounts: valuesAt(node, 'cac:Price', 'cac:AllowanceCharge', 'cbc:Amount'),
    priceBaseQuantities: valuesAt(node, 'cac:Price', 'cbc:BaseQuantity'),
    categories: allPathOf(node, 'cac:Item', 'cac:ClassifiedTaxCategory').map(readCategory),
    allowanceCharges: childrenOf(node, 'cac:AllowanceCharge').map(readAllowanceCharge),
    periods: childrenOf(node, 'cac:InvoicePeriod').map(readPeriod),
    attributes: allPathOf(node, 'cac:Item', 'cac:AdditionalItemProperty').map((property) => ({
      ...locationOf(property),
      name: valueAt(property, 'cbc:Name'),
      value: valueAt(property, 'cbc:Value'),
    })),
    classifications: allPathOf(
      node,
      'cac:Item',
      'cac:CommodityClassification',
      'cbc:ItemClassificationCode',
    ).map((code) => ({ ...locationOf(code), code: valueAt(code) })),
    standardIds: valuesAt(node, 'cac:Item', 'cac:StandardItemIdentification', 'cbc:ID'),
    originCountries: valuesAt(node, 'cac:Item', 'cac:OriginCountry', 'cbc:IdentificationCode'),
  };
}
