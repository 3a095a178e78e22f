/**
 * Deposit rights: an account deposits invoices in its own name (its SIRET, or the SIREN it
 * belongs to) and in the name of the sellers it holds a mandate for (an EDI operator
 * depositing for its customers, as Chorus Pro allows). Seller ids are compared without
 * spaces and in upper case.
 */
import type { SqliteDatabase } from '../store/index.js';
import type { Account } from './account.js';

export function normalizeSellerId(id: string): string {
  return id.replace(/\s+/g, '').toUpperCase();
}

/** Whether `account` may deposit an invoice whose seller id is `sellerId`. */
export function mayDepositFor(
  account: Pick<Account, 'siret'>,
  mandates: ReadonlySet<string>,
  sellerId: string | undefined,
): boolean {
  if (sellerId === undefined || sellerId === '') return false;
  const seller = normalizeSellerId(sellerId);
  if (seller === account.siret || seller === account.siret.slice(0, 9)) return true;
  return mandates.has(seller) || (/^\d{14}$/.test(seller) && mandates.has(seller.slice(0, 9)));
}

export class DepositMandates {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  grant(login: string, sellerId: string): boolean {
    return (
      this.#db
        .prepare(
          'INSERT OR IGNORE INTO deposit_mandates (login, seller_id, granted_at) VALUES (?, ?, ?)',
        )
        .run(login, normalizeSellerId(sellerId), new Date().toISOString()).changes === 1
    );
  }

  revoke(login: string, sellerId: string): boolean {
    return (
      this.#db
        .prepare('DELETE FROM deposit_mandates WHERE login = ? AND seller_id = ?')
        .run(login, normalizeSellerId(sellerId)).changes === 1
    );
  }

  /** The seller ids `login` may deposit for besides its own. */
  of(login: string): ReadonlySet<string> {
    const rows = this.#db
      .prepare('SELECT seller_id FROM deposit_mandates WHERE login = ? ORDER BY seller_id')
      .all(login) as { seller_id: string }[];
    return new Set(rows.map((row) => row.seller_id));
  }
}
