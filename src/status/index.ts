/**
 * The status area's public surface: what other areas use (lifecycle, pipeline, cli). Tests
 * import the other names from their own files.
 */
export type { Actor } from './actor.js';
export type { InvoiceStatus } from './invoice-status.js';
export { isReformCode } from './reform-code.js';
export { applyTransition } from './apply-transition.js';
export { statusIssueOf } from './status-issue.js';
export type {
  StatusUpdateFileResult,
  StatusUpdateLineResult,
  StatusUpdateTarget,
} from './status-update.js';
export type { StatusUpdateFormat } from './parse-status-update-file.js';
export { parseStatusUpdateFile } from './parse-status-update-file.js';
export type { StatusNotification } from './status-notification.js';
export { renderStatusXml } from './render-status-xml.js';
export { renderStatusCdar } from './render-status-cdar.js';
export { readStatusCdar } from './read-status-cdar.js';
export { statusUpdatesOfCdar } from './cdar-status-updates.js';
export type { StatusFileFormat } from './file-name/index.js';
export type { CppFlowError, CppFlowStatus } from './render-cppstatut.js';
export { renderCppFlowStatus, renderCppInvoiceStatus } from './render-cppstatut.js';
export { isCppFlowAckState } from './cppstatut-codes.js';
export { readCppStatut } from './read-cppstatut.js';
export type {
  StatusAckLine,
  StatusAckResult,
  StatusUpdateAck,
} from './render-status-update-ack.js';
export {
  ackLineOf,
  renderStatusUpdateAckJson,
  renderStatusUpdateAckXml,
  summariseStatusUpdateAck,
} from './render-status-update-ack.js';
