import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs on stdout (or the given destination fd). Callers bind flow id, invoice id, partner
 * and code; invoice bodies are never logged.
 */
export function createLogger(level: string, destinationFd = 1): Logger {
  return pino(
    { level, base: { app: 'passerelle' } },
    pino.destination({ fd: destinationFd, sync: false }),
  );
}
