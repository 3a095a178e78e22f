import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PasserelleError } from '../errors/index.js';
import type { SqliteDatabase } from '../store/index.js';
import {
  HOME_FOLDERS,
  LOGIN_PATTERN,
  SIRET_PATTERN,
  type Account,
  type AccountRole,
  type HomeFolder,
} from './account.js';

interface AccountRow {
  login: string;
  role: AccountRole;
  siret: string;
  password_hash: string | null;
  public_keys: string;
  created_at: string;
}

function toAccount(row: AccountRow): Account {
  return {
    login: row.login,
    role: row.role,
    siret: row.siret,
    passwordHash: row.password_hash ?? undefined,
    publicKeys: JSON.parse(row.public_keys) as string[],
    createdAt: row.created_at,
  };
}

export interface NewAccount {
  readonly login: string;
  readonly role: AccountRole;
  readonly siret: string;
  readonly passwordHash?: string | undefined;
  readonly publicKeys?: readonly string[] | undefined;
}

/** Partner accounts and their SFTP homes. */
export class AccountStore {
  readonly #db: SqliteDatabase;
  readonly #homesDir: string;

  constructor(db: SqliteDatabase, homesDir: string) {
    this.#db = db;
    this.#homesDir = homesDir;
  }

  homeOf(login: string): string {
    return path.join(this.#homesDir, login);
  }

  /** `<homes>/<login>/<folder>`: the one place a home folder's path is built. */
  folderOf(login: string, folder: HomeFolder): string {
    return path.join(this.#homesDir, login, folder);
  }

  add(account: NewAccount): Account {
    const problems: string[] = [];
    if (!LOGIN_PATTERN.test(account.login)) {
      problems.push(
        'login must be 2-32 characters of a-z 0-9 . _ - starting with a letter or digit',
      );
    }
    if (!SIRET_PATTERN.test(account.siret)) problems.push('SIRET must be exactly 14 digits');
    if (!account.passwordHash && (account.publicKeys ?? []).length === 0) {
      problems.push('a password or a public key is required');
    }
    if (problems.length > 0) throw new PasserelleError('ACCOUNT_INVALID', problems.join('; '));
    if (this.get(account.login)) {
      throw new PasserelleError('ACCOUNT_EXISTS', `account ${account.login} already exists`);
    }
    if (account.role === 'entity' && this.findEntityAccount(account.siret)) {
      throw new PasserelleError(
        'ACCOUNT_EXISTS',
        `public entity ${account.siret} already has an account`,
      );
    }
    this.#db
      .prepare(
        `INSERT INTO accounts (login, role, siret, password_hash, public_keys, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        account.login,
        account.role,
        account.siret,
        account.passwordHash ?? null,
        JSON.stringify(account.publicKeys ?? []),
        new Date().toISOString(),
      );
    this.ensureHome(account.login, account.role);
    const created = this.get(account.login);
    if (!created) throw new PasserelleError('INTERNAL', `account ${account.login} vanished`);
    return created;
  }

  ensureHome(login: string, role: AccountRole): void {
    for (const folder of HOME_FOLDERS[role]) {
      mkdirSync(path.join(this.homeOf(login), folder), { recursive: true, mode: 0o750 });
    }
  }

  get(login: string): Account | undefined {
    const row = this.#db.prepare('SELECT * FROM accounts WHERE login = ?').get(login) as
      AccountRow | undefined;
    return row ? toAccount(row) : undefined;
  }

  list(): Account[] {
    const rows = this.#db.prepare('SELECT * FROM accounts ORDER BY login').all() as AccountRow[];
    return rows.map(toAccount);
  }

  findEntityAccount(siret: string): Account | undefined {
    const row = this.#db
      .prepare("SELECT * FROM accounts WHERE siret = ? AND role = 'entity' ORDER BY login LIMIT 1")
      .get(siret) as AccountRow | undefined;
    return row ? toAccount(row) : undefined;
  }
}
