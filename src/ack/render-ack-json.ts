import type { Acknowledgement } from './acknowledgement.js';

/** The JSON twin of the XML acknowledgement: same fields, absent values left out. */
export function renderAckJson(ack: Acknowledgement): string {
  return `${JSON.stringify(ack, null, 2)}\n`;
}
