/**
 * Stage: decide the recipient of one valid invoice.
 * Input: its routing keys. Output: the public entity and the account that receives for it,
 * or the routing issues. Codes: ROUTE_RECIPIENT_*, ROUTE_SERVICE_CODE_*, ROUTE_COMMITMENT_REQUIRED,
 * ROUTE_SERVICE_OR_COMMITMENT_REQUIRED, ROUTE_BUYER_SIRET_MISSING.
 */
import type { Account } from '../accounts/index.js';
import type { PublicEntity, EntityService } from '../directory/index.js';
import { issueOf, type ValidationIssue } from '../errors/index.js';
import { buyerSiretMissing } from '../validate/index.js';
import type { InvoiceKeys } from '../registry/index.js';

export interface RoutingDirectory {
  findEntity(siret: string): PublicEntity | undefined;
  findService(siret: string, code: string): EntityService | undefined;
  findEntityAccount(siret: string): Account | undefined;
}

export type RouteDecision =
  | { readonly ok: true; readonly entity: PublicEntity; readonly account: Account }
  | {
      readonly ok: false;
      readonly recipientSiret?: string | undefined;
      readonly issues: readonly ValidationIssue[];
    };

const CII_AGREEMENT =
  '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement';
const XPATHS = {
  ubl: {
    bt10: '/*/cbc:BuyerReference',
    bt13: '/*/cac:OrderReference/cbc:ID',
  },
  cii: {
    bt10: `${CII_AGREEMENT}/ram:BuyerReference`,
    bt13: `${CII_AGREEMENT}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID`,
  },
} as const;

export function decideRecipient(
  keys: InvoiceKeys,
  syntax: string | undefined,
  directory: RoutingDirectory,
): RouteDecision {
  const { bt10: BT10, bt13: BT13 } =
    syntax === 'cii' || syntax === 'factur-x' ? XPATHS.cii : XPATHS.ubl;
  const siret = keys.buyerSiret;
  if (siret === undefined) return { ok: false, issues: [buyerSiretMissing(syntax)] };
  const entity = directory.findEntity(siret);
  if (!entity) {
    return {
      ok: false,
      recipientSiret: siret,
      issues: [
        issueOf('ROUTE_RECIPIENT_UNKNOWN', {
          message: `The buyer SIRET ${siret} is not a public entity of the directory.`,
        }),
      ],
    };
  }
  if (!entity.isActive) {
    return {
      ok: false,
      recipientSiret: siret,
      issues: [
        issueOf('ROUTE_RECIPIENT_INACTIVE', {
          message: `The public entity ${siret} (${entity.name}) is inactive.`,
        }),
      ],
    };
  }
  const issues: ValidationIssue[] = [];
  const { serviceCode, commitmentNumber } = keys;
  if (serviceCode !== undefined) {
    const service = directory.findService(siret, serviceCode);
    if (!service) {
      issues.push(
        issueOf('ROUTE_SERVICE_CODE_UNKNOWN', {
          message: `The service code "${serviceCode}" (BT-10) is not a service of ${siret} (${entity.name}).`,
          xpath: BT10,
        }),
      );
    } else if (!service.isActive) {
      issues.push(
        issueOf('ROUTE_SERVICE_CODE_INACTIVE', {
          message: `The service code "${serviceCode}" (BT-10) of ${siret} is inactive.`,
          xpath: BT10,
        }),
      );
    }
  } else if (entity.isServiceCodeRequired) {
    issues.push(
      issueOf('ROUTE_SERVICE_CODE_REQUIRED', {
        message: `The public entity ${siret} (${entity.name}) requires a service code (BT-10 buyer reference).`,
        xpath: BT10,
      }),
    );
  }
  if (commitmentNumber === undefined && entity.isCommitmentRequired) {
    issues.push(
      issueOf('ROUTE_COMMITMENT_REQUIRED', {
        message: `The public entity ${siret} (${entity.name}) requires a commitment number (BT-13 purchase order reference).`,
        xpath: BT13,
      }),
    );
  }
  if (
    serviceCode === undefined &&
    commitmentNumber === undefined &&
    entity.isServiceOrCommitmentRequired
  ) {
    issues.push(
      issueOf('ROUTE_SERVICE_OR_COMMITMENT_REQUIRED', {
        message: `The public entity ${siret} (${entity.name}) requires a service code (BT-10) or a commitment number (BT-13).`,
      }),
    );
  }
  if (issues.length > 0) return { ok: false, recipientSiret: siret, issues };
  const account = directory.findEntityAccount(siret);
  if (!account) {
    return {
      ok: false,
      recipientSiret: siret,
      issues: [
        issueOf('ROUTE_RECIPIENT_NO_ACCOUNT', {
          message: `The public entity ${siret} (${entity.name}) has no account to receive invoices on this gateway.`,
        }),
      ],
    };
  }
  return { ok: true, entity, account };
}
