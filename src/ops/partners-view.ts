/**
 * Partners at a glance: per supplier and entity account, over the last days (whole days of
 * receipt, UTC), files and settled invoices, the rejection rate and the most frequent error
 * codes, read on SQLite from the daily tallies kept by triggers (migration 10), on PostgreSQL
 * from the flows and invoices of the window; and from the SFTP audit trail the last login,
 * upload and download (one index probe each).
 */
import type { SqlDatabase } from '../store/index.js';

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

/**
 * PostgreSQL keeps no daily tallies (a row bumped by every flow would serialise the workers'
 * transactions on it): the same figures are read from the flows and invoices of the window.
 * Entities are keyed 'siret:' + the SIRET their invoices were addressed to (the buyer's when
 * rejected at intake). received_at >= 'YYYY-MM-DD' holds exactly when its day is on or after it.
 */
const POSTGRES_TOTALS = `SELECT partner, SUM(files) AS files, SUM(invoices) AS invoices, SUM(rejected) AS rejected
  FROM (
    SELECT account AS partner, COUNT(*) AS files, 0 AS invoices, 0 AS rejected
    FROM flows WHERE received_at >= ? GROUP BY account
    UNION ALL
    SELECT p.partner, 0 AS files, COUNT(*) AS invoices,
      SUM(CASE WHEN i.state = 'REJECTED' THEN 1 ELSE 0 END) AS rejected
    FROM invoices i JOIN flows f ON f.id = i.flow_id
    CROSS JOIN LATERAL (VALUES (f.account), ('siret:' || COALESCE(i.recipient_siret, i.buyer_siret))) AS p (partner)
    WHERE f.received_at >= ? AND i.state <> 'PENDING' AND p.partner IS NOT NULL
    GROUP BY p.partner
  ) AS t
  GROUP BY partner`;

const POSTGRES_ERRORS = `SELECT p.partner, e.value ->> 'code' AS code, COUNT(*) AS count
  FROM invoices i JOIN flows f ON f.id = i.flow_id
  CROSS JOIN LATERAL jsonb_array_elements(i.issues::jsonb) AS e (value)
  CROSS JOIN LATERAL (VALUES (f.account), ('siret:' || COALESCE(i.recipient_siret, i.buyer_siret))) AS p (partner)
  WHERE f.received_at >= ? AND i.state = 'REJECTED' AND e.value ->> 'severity' = 'fatal'
    AND e.value ->> 'code' IS NOT NULL AND p.partner IS NOT NULL
  GROUP BY p.partner, e.value ->> 'code'`;

interface TotalsRow {
  partner: string;
  files: number;
  invoices: number;
  rejected: number;
}

interface ErrorsRow {
  partner: string;
  code: string;
  count: number;
}

export async function listPartners(
  db: SqlDatabase,
  days: number,
  page: { readonly offset: number; readonly limit: number } = { offset: 0, limit: 10_000 },
  now = new Date(),
): Promise<PartnerPage> {
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
  const isSqlite = db.dialect === 'sqlite';
  const totals = isSqlite
    ? await db.all<TotalsRow>(
        `SELECT partner, SUM(files) AS files, SUM(invoices) AS invoices, SUM(rejected) AS rejected
         FROM partner_daily WHERE day >= ? GROUP BY partner`,
        [firstDay],
      )
    : await db.all<TotalsRow>(POSTGRES_TOTALS, [firstDay, firstDay]);
  for (const row of totals) Object.assign(tallyOf(row.partner), { ...row, errors: new Map() });
  const errors = isSqlite
    ? await db.all<ErrorsRow>(
        `SELECT partner, code, SUM(count) AS count FROM partner_errors_daily
         WHERE day >= ? GROUP BY partner, code`,
        [firstDay],
      )
    : await db.all<ErrorsRow>(POSTGRES_ERRORS, [firstDay]);
  for (const row of errors) tallyOf(row.partner).errors.set(row.code, row.count);
  const last = async (login: string, event: string) =>
    (
      await db.get<{ at: string | null }>(
        'SELECT MAX(at) AS at FROM sftp_audit WHERE account = ? AND event = ?',
        [login, event],
      )
    )?.at ?? undefined;
  const counted = await db.get<{ total: number }>(
    'SELECT COUNT(*) AS total FROM accounts WHERE deleted_at IS NULL',
  );
  const total = counted?.total ?? 0;
  // Accounts are a few thousand at most: OFFSET over them is cheap.
  const accounts = await db.all<{
    login: string;
    role: 'supplier' | 'entity';
    siret: string;
  }>(
    'SELECT login, role, siret FROM accounts WHERE deleted_at IS NULL ORDER BY role DESC, login LIMIT ? OFFSET ?',
    [page.limit, page.offset],
  );
  const partners = await Promise.all(
    accounts.map(async (account): Promise<PartnerSummary> => {
      const own = tallies.get(account.login);
      const received = account.role === 'entity' ? tallies.get(`siret:${account.siret}`) : own;
      const invoices = received?.invoices ?? 0;
      const rejected = received?.rejected ?? 0;
      const [lastLogin, lastUpload, lastDownload] = await Promise.all([
        last(account.login, 'login'),
        last(account.login, 'upload'),
        last(account.login, 'download'),
      ]);
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
        lastLogin,
        lastUpload,
        lastDownload,
      };
    }),
  );
  return { window: { days, since }, partners, total };
}
