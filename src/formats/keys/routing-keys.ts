import type { InvoiceKeys } from '../../registry/index.js';

/** The keys routing needs, read from an invoice; each may be absent. */
export type RoutingKeys = InvoiceKeys & {
  /** Where the buyer SIRET was found, for messages: BT-47, BT-46 or BT-49. */
  readonly buyerSiretSource?: 'BT-47' | 'BT-46' | 'BT-49' | undefined;
  readonly typeCode?: string | undefined;
  readonly currency?: string | undefined;
};
