export type { AuditEvent, AuditEventName, AuditRecord, AuditSink } from './audit-event.js';
export { AUDIT_EVENTS } from './audit-event.js';
export type { AuditQuery } from './audit-store.js';
export { AuditStore } from './audit-store.js';
