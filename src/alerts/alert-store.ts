/**
 * Alerts kept in the registry database (table `alerts`, migration 7): raised once while their
 * condition holds (one active row per kind and subject), resolved when it clears.
 */
import type { SqliteDatabase } from '../store/index.js';
import type { AlertKind } from './alert-kinds.js';

export interface Alert {
  readonly id: number;
  readonly kind: AlertKind;
  /** What the alert is about, stable while the condition lasts: an account, `disk`... */
  readonly subject: string;
  readonly message: string;
  readonly raisedAt: string;
  readonly resolvedAt: string | undefined;
}

interface AlertRow {
  id: number;
  kind: AlertKind;
  subject: string;
  message: string;
  raised_at: string;
  resolved_at: string | null;
}

const toAlert = (row: AlertRow): Alert => ({
  id: row.id,
  kind: row.kind,
  subject: row.subject,
  message: row.message,
  raisedAt: row.raised_at,
  resolvedAt: row.resolved_at ?? undefined,
});

export class AlertStore {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  #active(kind: AlertKind, subject: string): AlertRow | undefined {
    return this.#db
      .prepare('SELECT * FROM alerts WHERE kind = ? AND subject = ? AND resolved_at IS NULL')
      .get(kind, subject) as AlertRow | undefined;
  }

  /** The new alert, or undefined when one is already active (its message is refreshed). */
  raise(kind: AlertKind, subject: string, message: string, now: Date): Alert | undefined {
    return this.#db.transaction(() => {
      const active = this.#active(kind, subject);
      if (active) {
        if (active.message !== message)
          this.#db.prepare('UPDATE alerts SET message = ? WHERE id = ?').run(message, active.id);
        return undefined;
      }
      const at = now.toISOString();
      const result = this.#db
        .prepare('INSERT INTO alerts (kind, subject, message, raised_at) VALUES (?, ?, ?, ?)')
        .run(kind, subject, message, at);
      return toAlert({
        id: Number(result.lastInsertRowid),
        kind,
        subject,
        message,
        raised_at: at,
        resolved_at: null,
      });
    })();
  }

  /** Resolves the active alert of this kind and subject; undefined when there is none. */
  resolve(kind: AlertKind, subject: string, now: Date): Alert | undefined {
    const active = this.#active(kind, subject);
    if (!active) return undefined;
    const at = now.toISOString();
    this.#db.prepare('UPDATE alerts SET resolved_at = ? WHERE id = ?').run(at, active.id);
    return toAlert({ ...active, resolved_at: at });
  }

  /** Active alerts of `kind` whose subject is not in `keep`, resolved. */
  resolveAllBut(kind: AlertKind, keep: ReadonlySet<string>, now: Date): Alert[] {
    const resolved: Alert[] = [];
    for (const alert of this.listActive())
      if (alert.kind === kind && !keep.has(alert.subject)) {
        const done = this.resolve(kind, alert.subject, now);
        if (done) resolved.push(done);
      }
    return resolved;
  }

  listActive(): Alert[] {
    return (
      this.#db
        .prepare('SELECT * FROM alerts WHERE resolved_at IS NULL ORDER BY raised_at DESC, id DESC')
        .all() as AlertRow[]
    ).map(toAlert);
  }

  /** The latest alerts, active or resolved, newest first. */
  listRecent(limit: number): Alert[] {
    return (
      this.#db
        .prepare('SELECT * FROM alerts ORDER BY raised_at DESC, id DESC LIMIT ?')
        .all(limit) as AlertRow[]
    ).map(toAlert);
  }
}
