export type { Acknowledgement, AckInvoice, InvoiceResult } from './acknowledgement.js';
export {
  ACK_FORMAT,
  ackStateOf,
  buildAcknowledgement,
  buildDuplicateAcknowledgement,
  localizeAcknowledgement,
} from './acknowledgement.js';
export { ACK_NAMESPACE, renderAckXml } from './render-ack-xml.js';
export { renderAckJson } from './render-ack-json.js';
export { ackBaseName, writeAck } from './write-ack.js';
