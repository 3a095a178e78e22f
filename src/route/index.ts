export type { RouteDecision, RoutingDirectory } from './decide-recipient.js';
export { decideRecipient } from './decide-recipient.js';
export type { DeliveryMetadata } from './deliver-invoice.js';
export {
  deliveredNameOf,
  deliverInvoice,
  deliveryFilesOf,
  deliveryMetadataOf,
} from './deliver-invoice.js';
