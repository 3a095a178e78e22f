import type { SqlDatabase, SqlExecutor } from '../store/index.js';
import type { DirectoryEntry, EntityService, PublicEntity } from './public-entity.js';

interface EntityRow {
  siret: string;
  name: string;
  active: number;
  service_code_required: number;
  commitment_required: number;
  service_or_commitment_required: number;
}

interface ServiceRow {
  siret: string;
  code: string;
  name: string;
  active: number;
}

export interface ImportSummary {
  readonly entities: number;
  readonly services: number;
  readonly removedEntities: number;
}

const UPSERT_ENTITY = `INSERT INTO entities (siret, name, active, service_code_required,
    commitment_required, service_or_commitment_required, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (siret) DO UPDATE SET name = excluded.name, active = excluded.active,
    service_code_required = excluded.service_code_required,
    commitment_required = excluded.commitment_required,
    service_or_commitment_required = excluded.service_or_commitment_required,
    updated_at = excluded.updated_at`;

/** Entities absent from `entries`, removed with their services (ON DELETE CASCADE). */
async function removeOthers(tx: SqlExecutor, entries: readonly DirectoryEntry[]): Promise<number> {
  const keep = new Set(entries.map(({ entity }) => entity.siret));
  const rows = await tx.all<{ siret: string }>('SELECT siret FROM entities');
  let removed = 0;
  for (const { siret } of rows) {
    if (keep.has(siret)) continue;
    removed += (await tx.run('DELETE FROM entities WHERE siret = ?', [siret])).changes;
  }
  return removed;
}

/** The directory of public entities and their services, in the registry database. */
export class DirectoryStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /**
   * Writes the entries in one transaction. Each listed entity's services are replaced by the
   * file's; with `replace`, entities absent from the file are removed.
   */
  importEntries(entries: readonly DirectoryEntry[], replace: boolean): Promise<ImportSummary> {
    const now = new Date().toISOString();
    return this.#db.transaction(async (tx) => {
      let serviceCount = 0;
      const removed = replace ? await removeOthers(tx, entries) : 0;
      for (const { entity, services } of entries) {
        await tx.run(UPSERT_ENTITY, [
          entity.siret,
          entity.name,
          Number(entity.isActive),
          Number(entity.isServiceCodeRequired),
          Number(entity.isCommitmentRequired),
          Number(entity.isServiceOrCommitmentRequired),
          now,
        ]);
        await tx.run('DELETE FROM services WHERE siret = ?', [entity.siret]);
        for (const service of services) {
          await tx.run('INSERT INTO services (siret, code, name, active) VALUES (?, ?, ?, ?)', [
            service.siret,
            service.code,
            service.name,
            Number(service.isActive),
          ]);
          serviceCount += 1;
        }
      }
      return { entities: entries.length, services: serviceCount, removedEntities: removed };
    });
  }

  async findEntity(siret: string): Promise<PublicEntity | undefined> {
    const row = await this.#db.get<EntityRow>('SELECT * FROM entities WHERE siret = ?', [siret]);
    if (!row) return undefined;
    return {
      siret: row.siret,
      name: row.name,
      isActive: row.active === 1,
      isServiceCodeRequired: row.service_code_required === 1,
      isCommitmentRequired: row.commitment_required === 1,
      isServiceOrCommitmentRequired: row.service_or_commitment_required === 1,
    };
  }

  async findService(siret: string, code: string): Promise<EntityService | undefined> {
    const row = await this.#db.get<ServiceRow>(
      'SELECT * FROM services WHERE siret = ? AND code = ?',
      [siret, code],
    );
    if (!row) return undefined;
    return { siret: row.siret, code: row.code, name: row.name, isActive: row.active === 1 };
  }

  async countEntities(): Promise<number> {
    const row = await this.#db.get<{ n: number }>('SELECT COUNT(*) AS n FROM entities');
    return row?.n ?? 0;
  }
}
