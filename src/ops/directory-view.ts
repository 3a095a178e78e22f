/** The directory of public entities as operators browse it: a paged list and one entity. */
import type { Account } from '../accounts/index.js';
import type { EntityService, PublicEntity } from '../directory/index.js';
import type { OpsStores } from './ops-stores.js';

export interface EntitySummary {
  readonly siret: string;
  readonly name: string;
  readonly isActive: boolean;
  readonly services: number;
  /** The SFTP account that receives the entity's invoices, when there is one. */
  readonly account: string | undefined;
}

export interface EntityView {
  readonly entity: PublicEntity;
  readonly services: readonly EntityService[];
  readonly account: Account | undefined;
}

export interface ListEntitiesOptions {
  /** Part of the name or of the SIRET. */
  readonly search?: string | undefined;
  readonly limit: number;
  readonly offset?: number;
}

export async function listEntities(
  stores: OpsStores,
  options: ListEntitiesOptions,
): Promise<EntitySummary[]> {
  const search = options.search?.trim();
  const pattern = search ? `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%` : undefined;
  const rows = await stores.db.all<{
    siret: string;
    name: string;
    active: number;
    services: number;
    account: string | null;
  }>(
    `SELECT e.siret, e.name, e.active,
       (SELECT COUNT(*) FROM services s WHERE s.siret = e.siret) AS services,
       (SELECT a.login FROM accounts a WHERE a.siret = e.siret AND a.role = 'entity' ORDER BY a.login LIMIT 1) AS account
     FROM entities e
     ${pattern === undefined ? '' : "WHERE e.siret LIKE ? ESCAPE '\\' OR lower(e.name) LIKE lower(?) ESCAPE '\\'"}
     ORDER BY e.siret LIMIT ? OFFSET ?`,
    [...(pattern === undefined ? [] : [pattern, pattern]), options.limit, options.offset ?? 0],
  );
  return rows.map((row) => ({
    siret: row.siret,
    name: row.name,
    isActive: row.active === 1,
    services: row.services,
    account: row.account ?? undefined,
  }));
}

export async function describeEntity(
  stores: OpsStores,
  siret: string,
): Promise<EntityView | undefined> {
  const entity = await stores.directory.findEntity(siret);
  if (!entity) return undefined;
  const services = (
    await stores.db.all<{ siret: string; code: string; name: string; active: number }>(
      'SELECT siret, code, name, active FROM services WHERE siret = ? ORDER BY code',
      [siret],
    )
  ).map((row) => ({
    siret: row.siret,
    code: row.code,
    name: row.name,
    isActive: row.active === 1,
  }));
  return { entity, services, account: await stores.accounts.findEntityAccount(siret) };
}
