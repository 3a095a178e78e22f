/**
 * Deposit rights: an account deposits invoices in its own name (its SIRET, or the SIREN it
 * belongs to) and in the name of the sellers it holds a mandate for (an EDI operator
 * depositing for its customers, as Chorus Pro allows). Seller ids are compared without
 * spaces and in upper case.
 */
import type { SqlDatabase } from '../store/index.js';
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
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async grant(login: string, sellerId: string): Promise<boolean> {
    const result = await this.#db.run(
      'INSERT INTO deposit_mandates (login, seller_id, granted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      [login, normalizeSellerId(sellerId), new Date().toISOString()],
    );
    return result.changes === 1;
  }

  async revoke(login: string, sellerId: string): Promise<boolean> {
    const result = await this.#db.run(
      'DELETE FROM deposit_mandates WHERE login = ? AND seller_id = ?',
      [login, normalizeSellerId(sellerId)],
    );
    return result.changes === 1;
  }

  /** The seller ids `login` may deposit for besides its own. */
  async of(login: string): Promise<ReadonlySet<string>> {
    const rows = await this.#db.all<{ seller_id: string }>(
      'SELECT seller_id FROM deposit_mandates WHERE login = ? ORDER BY seller_id',
      [login],
    );
    return new Set(rows.map((row) => row.seller_id));
  }
}
