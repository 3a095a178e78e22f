/**
 * The console's operator accounts: a name, a role (viewer reads; operator also acts: retries,
 * downloads) and an scrypt password hash, as for SFTP accounts. Created from the CLI only.
 */
import { hashPassword, LOGIN_PATTERN, verifyPassword } from '../accounts/index.js';
import { PasserelleError } from '../errors/index.js';
import type { SqlDatabase } from '../store/index.js';

export const OPERATOR_ROLES = ['viewer', 'operator'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export interface Operator {
  readonly name: string;
  readonly role: OperatorRole;
  readonly createdAt: string;
}

export function isOperatorRole(value: string): value is OperatorRole {
  return (OPERATOR_ROLES as readonly string[]).includes(value);
}

/** A hash checked when the name is unknown, so that both answers take as long. */
let decoyHash: Promise<string> | undefined;

export class OperatorStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async add(name: string, role: OperatorRole, password: string): Promise<Operator> {
    if (!LOGIN_PATTERN.test(name))
      throw new PasserelleError(
        'ACCOUNT_INVALID',
        `operator name must match ${String(LOGIN_PATTERN)}`,
      );
    if (password.length < 12)
      throw new PasserelleError(
        'ACCOUNT_INVALID',
        'an operator password has at least 12 characters',
      );
    const hash = await hashPassword(password);
    const createdAt = new Date().toISOString();
    const result = await this.#db.run(
      'INSERT INTO operators (name, role, password_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING',
      [name, role, hash, createdAt],
    );
    if (result.changes === 0)
      throw new PasserelleError('ACCOUNT_EXISTS', `operator ${name} already exists`);
    return { name, role, createdAt };
  }

  get(name: string): Promise<Operator | undefined> {
    return this.#db.get<Operator>(
      'SELECT name, role, created_at AS "createdAt" FROM operators WHERE name = ?',
      [name],
    );
  }

  list(): Promise<Operator[]> {
    return this.#db.all<Operator>(
      'SELECT name, role, created_at AS "createdAt" FROM operators ORDER BY name',
    );
  }

  async remove(name: string): Promise<boolean> {
    return (await this.#db.run('DELETE FROM operators WHERE name = ?', [name])).changes > 0;
  }

  /** The operator when name and password match; undefined otherwise (same cost either way). */
  async authenticate(name: string, password: string): Promise<Operator | undefined> {
    const row = await this.#db.get<Operator & { hash: string }>(
      'SELECT name, role, created_at AS "createdAt", password_hash AS hash FROM operators WHERE name = ?',
      [name],
    );
    if (!row) {
      decoyHash ??= hashPassword('decoy password, never matches');
      await verifyPassword(password, await decoyHash);
      return undefined;
    }
    if (!(await verifyPassword(password, row.hash))) return undefined;
    return { name: row.name, role: row.role, createdAt: row.createdAt };
  }
}
