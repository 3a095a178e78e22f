import type { Socket } from 'node:net';

/** SSH_MSG_DISCONNECT reason codes used by the gateway (RFC 4253, section 11.1). */
export const DISCONNECT = {
  HOST_NOT_ALLOWED_TO_CONNECT: 1,
  BY_APPLICATION: 11,
  TOO_MANY_CONNECTIONS: 12,
  NO_MORE_AUTH_METHODS_AVAILABLE: 14,
} as const;

const IDENT = 'SSH-2.0-Passerelle\r\n';
const MSG_DISCONNECT = 1;

/**
 * Refuses a connection before the key exchange with a readable reason: our identification
 * line, then one unencrypted SSH_MSG_DISCONNECT packet (allowed at any time, RFC 4253 §11.1).
 * OpenSSH prints it as `Received disconnect from HOST port N:CODE: text`.
 */
export function refuseSocket(socket: Socket, reason: number, text: string): void {
  const description = Buffer.from(text, 'utf8');
  const payload = Buffer.alloc(1 + 4 + 4 + description.length + 4);
  payload[0] = MSG_DISCONNECT;
  payload.writeUInt32BE(reason, 1);
  payload.writeUInt32BE(description.length, 5);
  description.copy(payload, 9);
  payload.writeUInt32BE(0, 9 + description.length);
  // packet_length(4) + padding_length(1) + payload + padding: a multiple of 8, padding >= 4.
  let padding = 8 - ((5 + payload.length) % 8);
  if (padding < 4) padding += 8;
  const packet = Buffer.alloc(5 + payload.length + padding);
  packet.writeUInt32BE(1 + payload.length + padding, 0);
  packet[4] = padding;
  payload.copy(packet, 5);
  socket.on('error', () => undefined);
  socket.end(Buffer.concat([Buffer.from(IDENT), packet]));
  setTimeout(() => socket.destroy(), 2000).unref();
}
