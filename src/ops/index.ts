export type { OpsStores } from './ops-stores.js';
export type { DownloadView, InvoiceView, StatusFileView } from './invoice-view.js';
export { describeInvoice, findInvoiceIds } from './invoice-view.js';
export type { EntitySummary, EntityView, ListEntitiesOptions } from './directory-view.js';
export { describeEntity, listEntities } from './directory-view.js';
export type { DeadLetter, DeadLetterGroup, FailedJobLike } from './dead-letters.js';
export { UNCODED, failureCodeOf, groupDeadLetters, toDeadLetter } from './dead-letters.js';
export type { StateCount } from './registry-counts.js';
export {
  countAcksByState,
  countFlowsByState,
  countInvoicesByState,
  countOpenFlowsBefore,
  hasFlowSince,
  oldestOpenFlow,
} from './registry-counts.js';
export type { Operator, OperatorRole } from './operator-store.js';
export { OPERATOR_ROLES, OperatorStore, isOperatorRole } from './operator-store.js';
export type { FlowCursor, FlowPage, FlowSearch, FlowSummary, Overview } from './flow-search.js';
export {
  FLOW_ID_PATTERN,
  cursorText,
  parseCursor,
  readOverview,
  searchFlows,
} from './flow-search.js';
export type { CodeCount, PartnerPage, PartnerSummary, PartnerWindow } from './partners-view.js';
export { listPartners } from './partners-view.js';
export type { OperatorAction } from './operator-actions.js';
export { OperatorActionStore } from './operator-actions.js';
export type { CloseFlowResult } from './close-flow.js';
export { MAX_REASON_LENGTH, closeFlowAsIncident } from './close-flow.js';
