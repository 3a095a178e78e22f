/**
 * Alerts kept in the registry database (table `alerts`, migration 7): raised once while their
 * condition holds (one active row per kind and subject), resolved when it clears.
 */
import type { SqlDatabase, SqlExecutor } from '../store/index.js';
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
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  #active(on: SqlExecutor, kind: AlertKind, subject: string): Promise<AlertRow | undefined> {
    return on.get<AlertRow>(
      'SELECT * FROM alerts WHERE kind = ? AND subject = ? AND resolved_at IS NULL',
      [kind, subject],
    );
  }

  /** The new alert, or undefined when one is already active (its message is refreshed). */
  raise(kind: AlertKind, subject: string, message: string, now: Date): Promise<Alert | undefined> {
    return this.#db.transaction(async (tx) => {
      const active = await this.#active(tx, kind, subject);
      if (active) {
        if (active.message !== message)
          await tx.run('UPDATE alerts SET message = ? WHERE id = ?', [message, active.id]);
        return undefined;
      }
      const at = now.toISOString();
      const row = await tx.get<{ id: number }>(
        'INSERT INTO alerts (kind, subject, message, raised_at) VALUES (?, ?, ?, ?) RETURNING id',
        [kind, subject, message, at],
      );
      if (!row) throw new Error('INSERT INTO alerts returned no id');
      return toAlert({
        id: row.id,
        kind,
        subject,
        message,
        raised_at: at,
        resolved_at: null,
      });
    });
  }

  /** Resolves the active alert of this kind and subject; undefined when there is none. */
  async resolve(kind: AlertKind, subject: string, now: Date): Promise<Alert | undefined> {
    const active = await this.#active(this.#db, kind, subject);
    if (!active) return undefined;
    const at = now.toISOString();
    await this.#db.run('UPDATE alerts SET resolved_at = ? WHERE id = ?', [at, active.id]);
    return toAlert({ ...active, resolved_at: at });
  }

  /** Active alerts of `kind` whose subject is not in `keep`, resolved. */
  async resolveAllBut(kind: AlertKind, keep: ReadonlySet<string>, now: Date): Promise<Alert[]> {
    const resolved: Alert[] = [];
    for (const alert of await this.listActive())
      if (alert.kind === kind && !keep.has(alert.subject)) {
        const done = await this.resolve(kind, alert.subject, now);
        if (done) resolved.push(done);
      }
    return resolved;
  }

  async listActive(): Promise<Alert[]> {
    return (
      await this.#db.all<AlertRow>(
        'SELECT * FROM alerts WHERE resolved_at IS NULL ORDER BY raised_at DESC, id DESC',
      )
    ).map(toAlert);
  }

  /** The latest alerts, active or resolved, newest first. */
  async listRecent(limit: number): Promise<Alert[]> {
    return (
      await this.#db.all<AlertRow>(
        'SELECT * FROM alerts ORDER BY raised_at DESC, id DESC LIMIT ?',
        [limit],
      )
    ).map(toAlert);
  }
}
