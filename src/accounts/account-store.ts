import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { PasserelleError } from '../errors/index.js';
import { DepositMandates } from './deposit-mandates.js';
import type { SqliteDatabase } from '../store/index.js';
import {
  HOME_FOLDERS,
  LOGIN_PATTERN,
  SIRET_PATTERN,
  type Account,
  type AccountQuota,
  type AccountRole,
  type HomeFolder,
} from './account.js';
import { pushTargetProblems, type PushTarget } from './push-target.js';

interface AccountRow {
  login: string;
  role: AccountRole;
  siret: string;
  password_hash: string | null;
  public_keys: string;
  created_at: string;
  disabled_at: string | null;
  quota_max_files: number | null;
  quota_max_bytes: number | null;
  push_target: string | null;
}

function toAccount(row: AccountRow): Account {
  return {
    login: row.login,
    role: row.role,
    siret: row.siret,
    passwordHash: row.password_hash ?? undefined,
    publicKeys: JSON.parse(row.public_keys) as string[],
    createdAt: row.created_at,
    disabled: row.disabled_at !== null,
    quota: {
      ...(row.quota_max_files === null ? {} : { maxFilesWaiting: row.quota_max_files }),
      ...(row.quota_max_bytes === null ? {} : { maxBytesWaiting: row.quota_max_bytes }),
    },
    push: row.push_target === null ? undefined : (JSON.parse(row.push_target) as PushTarget),
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
  /** The sellers each account may deposit for besides itself (`account grant|revoke`). */
  readonly mandates: DepositMandates;

  constructor(db: SqliteDatabase, homesDir: string) {
    this.#db = db;
    this.#homesDir = homesDir;
    this.mandates = new DepositMandates(db);
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
    if (this.#exists(account.login)) {
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
    const row = this.#db
      .prepare('SELECT * FROM accounts WHERE login = ? AND deleted_at IS NULL')
      .get(login) as AccountRow | undefined;
    return row ? toAccount(row) : undefined;
  }

  /** Deleted logins count too: a login is never given to someone else. */
  #exists(login: string): boolean {
    return this.#db.prepare('SELECT 1 FROM accounts WHERE login = ?').get(login) !== undefined;
  }

  #existing(login: string): Account {
    const account = this.get(login);
    if (!account) throw new PasserelleError('ACCOUNT_INVALID', `no account ${login}`);
    return account;
  }

  /** A disabled account cannot log in; deliveries to it go on. */
  setDisabled(login: string, isDisabled: boolean): Account {
    this.#existing(login);
    this.#db
      .prepare('UPDATE accounts SET disabled_at = ? WHERE login = ?')
      .run(isDisabled ? new Date().toISOString() : null, login);
    return this.#existing(login);
  }

  /** Per-account upload quota; an absent field falls back to the configured one. */
  setQuota(login: string, quota: AccountQuota): Account {
    this.#existing(login);
    this.#db
      .prepare('UPDATE accounts SET quota_max_files = ?, quota_max_bytes = ? WHERE login = ?')
      .run(quota.maxFilesWaiting ?? null, quota.maxBytesWaiting ?? null, login);
    return this.#existing(login);
  }

  /** Push delivery for an entity (docs/push-delivery.md); undefined removes it. */
  setPushTarget(login: string, target: PushTarget | undefined): Account {
    const account = this.#existing(login);
    if (target !== undefined) {
      const problems = [
        ...(account.role === 'entity' ? [] : ['only public entity accounts receive by push']),
        ...pushTargetProblems(target),
      ];
      if (problems.length > 0) throw new PasserelleError('ACCOUNT_INVALID', problems.join('; '));
    }
    this.#db
      .prepare('UPDATE accounts SET push_target = ? WHERE login = ?')
      .run(target === undefined ? null : JSON.stringify(target), login);
    return this.#existing(login);
  }

  setPasswordHash(login: string, passwordHash: string | undefined): Account {
    const account = this.#existing(login);
    if (passwordHash === undefined && account.publicKeys.length === 0) {
      throw new PasserelleError('ACCOUNT_INVALID', 'a password or a public key is required');
    }
    this.#db
      .prepare('UPDATE accounts SET password_hash = ? WHERE login = ?')
      .run(passwordHash ?? null, login);
    return this.#existing(login);
  }

  setPublicKeys(login: string, publicKeys: readonly string[]): Account {
    const account = this.#existing(login);
    if (publicKeys.length === 0 && !account.passwordHash) {
      throw new PasserelleError(
        'ACCOUNT_INVALID',
        'the last key of an account without a password cannot be removed',
      );
    }
    this.#db
      .prepare('UPDATE accounts SET public_keys = ? WHERE login = ?')
      .run(JSON.stringify(publicKeys), login);
    return this.#existing(login);
  }

  /**
   * Deletes an account: it can no longer log in nor receive, its home is moved to
   * `deletedHomesDir/<login>.<time>`; its row, flows, archive and audit trail are kept.
   */
  delete(login: string, deletedHomesDir: string): string | undefined {
    this.#existing(login);
    const now = new Date().toISOString();
    this.#db
      .prepare(
        'UPDATE accounts SET deleted_at = ?, disabled_at = COALESCE(disabled_at, ?) WHERE login = ?',
      )
      .run(now, now, login);
    const home = this.homeOf(login);
    if (!existsSync(home)) return undefined;
    mkdirSync(deletedHomesDir, { recursive: true, mode: 0o750 });
    const kept = path.join(deletedHomesDir, `${login}.${now.replace(/[:.]/g, '-')}`);
    renameSync(home, kept);
    return kept;
  }

  list(): Account[] {
    const rows = this.#db
      .prepare('SELECT * FROM accounts WHERE deleted_at IS NULL ORDER BY login')
      .all() as AccountRow[];
    return rows.map(toAccount);
  }

  findEntityAccount(siret: string): Account | undefined {
    const row = this.#db
      .prepare(
        "SELECT * FROM accounts WHERE siret = ? AND role = 'entity' AND deleted_at IS NULL ORDER BY login LIMIT 1",
      )
      .get(siret) as AccountRow | undefined;
    return row ? toAccount(row) : undefined;
  }
}
