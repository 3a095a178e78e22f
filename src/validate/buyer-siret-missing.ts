import { issueOf, type ValidationIssue } from '../errors/index.js';

const CII_BUYER =
  '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty';
const UBL_BUYER = '/*/cac:AccountingCustomerParty/cac:Party';

/** ROUTE_BUYER_SIRET_MISSING with the place of the buyer and where its SIRET is looked for. */
export function buyerSiretMissing(syntax: string | undefined): ValidationIssue {
  const isCii = syntax === 'cii' || syntax === 'factur-x';
  const buyer = isCii ? CII_BUYER : UBL_BUYER;
  const where = isCii
    ? `${buyer}/ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0009'] (BT-47) or ${buyer}/ram:GlobalID[@schemeID='0009'] (BT-46)`
    : `${buyer}/cac:PartyLegalEntity/cbc:CompanyID[@schemeID='0009'] (BT-47) or ${buyer}/cac:PartyIdentification/cbc:ID[@schemeID='0009'] (BT-46)`;
  return issueOf('ROUTE_BUYER_SIRET_MISSING', {
    message: `No buyer SIRET: the gateway routes on the buyer's SIRET, 14 digits expected in ${where}.`,
    xpath: buyer,
  });
}
