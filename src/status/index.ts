export type { Actor } from './actor.js';
export { ACTORS, isActor } from './actor.js';
export type { InvoiceStatus } from './invoice-status.js';
export {
  FINAL_STATUSES,
  INVOICE_STATUSES,
  REASON_REQUIRED_STATUSES,
  isInvoiceStatus,
  isReasonRequired,
} from './invoice-status.js';
export type { ReformCode } from './reform-code.js';
export {
  REFORM_LIFECYCLE_LABELS,
  STATUS_REFORM_CODES,
  isReformCode,
  isReformCodeChange,
  reformCodeOf,
  reformLabelOf,
  statusOfReformCode,
} from './reform-code.js';
export type { Transition } from './transition-table.js';
export {
  TRANSITIONS,
  findTransition,
  nextStatusesOf,
  reformCodeOfTransition,
} from './transition-table.js';
export type { AppliedTransition, TransitionContext, TransitionResult } from './apply-transition.js';
export { MAX_REASON_LENGTH, applyTransition } from './apply-transition.js';
export type { StatusCode } from '../errors/index.js';
export { STATUS_CODES } from '../errors/index.js';
export { statusIssueOf } from './status-issue.js';
export type {
  RawStatusUpdate,
  StatusUpdate,
  StatusUpdateFileResult,
  StatusUpdateLineResult,
  StatusUpdateReference,
  StatusUpdateTarget,
} from './status-update.js';
export { checkStatusUpdate } from './status-update.js';
export { STATUS_UPDATE_NAMESPACE, parseStatusUpdateXml } from './parse-status-update-xml.js';
export { parseStatusUpdateCsv } from './parse-status-update-csv.js';
export type { StatusUpdateFormat } from './parse-status-update-file.js';
export { detectStatusUpdateFormat, parseStatusUpdateFile } from './parse-status-update-file.js';
export type { StatusNotification, StatusParty, StatusRecipient } from './status-notification.js';
export { STATUS_NAMESPACE, renderStatusXml } from './render-status-xml.js';
export type { CdarPlatform } from './render-status-cdar.js';
export { DEFAULT_CDAR_PLATFORM, renderStatusCdar } from './render-status-cdar.js';
export type {
  CdarPartyRead,
  CdarReadResult,
  CdarStatusEntry,
  CdarStatusMessage,
} from './read-status-cdar.js';
export { readStatusCdar } from './read-status-cdar.js';
export { statusUpdatesOfCdar } from './cdar-status-updates.js';
export { CDAR_NAMESPACES } from './cdar-namespaces.js';
export type { StatusFileFormat } from './status-file-name.js';
export { statusFileName } from './status-file-name.js';
export type {
  StatusAckLine,
  StatusAckResult,
  StatusUpdateAck,
} from './render-status-update-ack.js';
export {
  STATUS_UPDATE_ACK_NAMESPACE,
  ackLineOf,
  buildStatusUpdateAck,
  renderStatusUpdateAckJson,
  renderStatusUpdateAckXml,
  summariseStatusUpdateAck,
} from './render-status-update-ack.js';
