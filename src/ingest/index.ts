export type { ClaimContext, ClaimRequest, FlowKindOf } from './claim-file.js';
export { claimFile, claimFiles, recoverClaims } from './claim-file.js';
export { ClaimBatcher, type ClaimBatcherOptions } from './claim-batcher.js';
export { invoiceIdOf, newFlowId } from './flow-id.js';
export { hashFile } from './hash-file.js';
export type { InboxWatcherOptions } from './inbox-watcher.js';
export { InboxWatcher } from './inbox-watcher.js';
