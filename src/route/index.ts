export type { RouteDecision, RoutingDirectory } from './decide-recipient.js';
export { decideRecipient } from './decide-recipient.js';
export type { DeliveryMetadata } from './deliver-invoice.js';
export { deliverInvoice } from './deliver-invoice.js';
