import type { Connection } from 'ssh2';

/**
 * Sets TCP_NODELAY on a client's socket. Without it, Nagle's algorithm holds each small SFTP
 * reply until the peer's delayed ACK: about 40 ms per request/reply round trip. ssh2's
 * Connection has the method, its type declarations do not.
 */
export function setNoDelay(client: Connection): void {
  (client as Connection & { setNoDelay?: (noDelay: boolean) => unknown }).setNoDelay?.(true);
}
