/**
 * The SFTP server's audit sink, counted on the way for the metrics: sessions open (a login
 * opens one, its logout closes it) and logins by result.
 */
import type { AuditEvent, AuditSink } from '../audit/index.js';
import type { MetricsHooks } from '../http/index.js';

export function observedAudit(
  sink: AuditSink,
  hooks: Pick<MetricsHooks, 'sftpLogin' | 'sftpSessionOpened' | 'sftpSessionClosed'>,
): AuditSink {
  return {
    record: (event: AuditEvent) => {
      if (event.event === 'login') {
        hooks.sftpLogin(true);
        hooks.sftpSessionOpened();
      } else if (event.event === 'login_failed') hooks.sftpLogin(false);
      else if (event.event === 'logout') hooks.sftpSessionClosed();
      sink.record(event);
    },
    flush: () => {
      sink.flush();
    },
  };
}
