/**
 * Partners at a glance: per supplier and entity account, over the last days (whole days of
 * receipt, UTC), files and settled invoices, the rejection rate and the most frequent error
 * codes, read from the daily tallies kept by triggers (migration 8); and from the SFTP audit
 * trail the last login, upload and download (one index probe each).
 */
import type { SqliteDatabase } from '../store/index.js';

export interface CodeCount {
  readonly code: string;
  readonly count: number;
}

export interface PartnerSummary {
  readonly login: string;
  readonly role: 'supplier' | 'entity';
  readonly siret: string;
  /** Supplier: files dropped. Entity: status files dropped. */
  readonly files: number;
  /** Supplier: invoices sent and settled. Entity: invoices addressed to it, settled. */
  readonly invoices: number;
  readonly rejected: number;
  /** rejected / invoices, 0 when none. */
  readonly rejectionRate: number;
  readonly topErrors: readonly CodeCount[];
  readonly lastLogin: string | undefined;
  readonly lastUpload: string | undefined;
  readonly lastDownload: string | undefined;
}

export interface PartnerWindow {
  readonly days: number;
  readonly since: string;
}

interface Tally {
  files: number;
  invoices: number;
  rejected: number;
  errors: Map<string, number>;
}

const TOP_ERRORS = 3;

export interface PartnerPage {
  readonly window: PartnerWindow;
  readonly partners: PartnerSummary[];
  /** Accounts in all (the page is `offset`..`offset + limit`, by role then login). */
  readonly total: number;
}

export function listPartners(
  db: SqliteDatabase,
  days: number,
  page: { readonly offset: number; readonly limit: number } = { offset: 0, limit: 10_000 },
  now = new Date(),
): PartnerPage {
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  // Whole days of receipt: the window starts at the beginning of its first day (UTC).
  const firstDay = since.slice(0, 10);
  const tallies = new Map<string, Tally>();
  const tallyOf = (key: string) => {
    let tally = tallies.get(key);
    if (!tally) {
      tally = { files: 0, invoices: 0, rejected: 0, errors: new Map() };
      tallies.set(key, tally);
    }
    return tally;
  };
  const totals = db
    .prepare(
      `SELECT partner, SUM(files) AS files, SUM(invoices) AS invoices, SUM(rejected) AS rejected
       FROM partner_daily WHERE day >= ? GROUP BY partner`,
    )
    .all(firstDay) as { partner: string; files: number; invoices: number; rejected: number }[];
  for (const row of totals) Object.assign(tallyOf(row.partner), { ...row, errors: new Map() });
  const errors = db
    .prepare(
      `SELECT partner, code, SUM(count) AS count FROM partner_errors_daily
       WHERE day >= ? GROUP BY partner, code`,
    )
    .all(firstDay) as { partner: string; code: string; count: number }[];
  for (const row of errors) tallyOf(row.partner).errors.set(row.code, row.count);
  const lastEvent = db.prepare(
    'SELECT MAX(at) AS at FROM sftp_audit WHERE account = ? AND event = ?',
  );
  const last = (login: string, event: string) =>
    (lastEvent.get(login, event) as { at: string | null }).at ?? undefined;
  const { total } = db
    .prepare('SELECT COUNT(*) AS total FROM accounts WHERE deleted_at IS NULL')
    .get() as { total: number };
  // Accounts are a few thousand at most: OFFSET over them is cheap.
  const accounts = db
    .prepare(
      'SELECT login, role, siret FROM accounts WHERE deleted_at IS NULL ORDER BY role DESC, login LIMIT ? OFFSET ?',
    )
    .all(page.limit, page.offset) as {
    login: string;
    role: 'supplier' | 'entity';
    siret: string;
  }[];
  const partners = accounts.map((account): PartnerSummary => {
    const own = tallies.get(account.login);
    const received = account.role === 'entity' ? tallies.get(`siret:${account.siret}`) : own;
    const invoices = received?.invoices ?? 0;
    const rejected = received?.rejected ?? 0;
    return {
      login: account.login,
      role: account.role,
      siret: account.siret,
      files: own?.files ?? 0,
      invoices,
      rejected,
      rejectionRate: invoices === 0 ? 0 : rejected / invoices,
      topErrors: [...(received?.errors ?? new Map<string, number>())]
        .map(([code, count]) => ({ code, count }))
        .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
        .slice(0, TOP_ERRORS),
      lastLogin: last(account.login, 'login'),
      lastUpload: last(account.login, 'upload'),
      lastDownload: last(account.login, 'download'),
    };
  });
  return { window: { days, since }, partners, total };
}
