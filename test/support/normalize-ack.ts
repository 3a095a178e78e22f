import type { AckJson } from './sftp-partner.js';

/** An acknowledgement with its run-specific values (ids, times) replaced, for golden files. */
export function normalizeAck(ack: AckJson): unknown {
  const text = JSON.stringify(ack)
    .replaceAll(ack.flowId, '<flow>')
    .replace(/"(receivedAt|acknowledgedAt)":"[^"]+"/g, '"$1":"<time>"');
  return JSON.parse(text);
}
