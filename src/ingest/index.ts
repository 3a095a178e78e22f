export type { ClaimContext } from './claim-file.js';
export { claimFile, recoverClaims } from './claim-file.js';
export { invoiceIdOf, newFlowId } from './flow-id.js';
export { hashFile } from './hash-file.js';
export { moveFile, writeFileAtomic } from './durable-fs.js';
export type { InboxWatcherOptions } from './inbox-watcher.js';
export { InboxWatcher } from './inbox-watcher.js';
