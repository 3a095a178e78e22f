import type { SqliteDatabase } from '../store/index.js';
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

/** The directory of public entities and their services, in the embedded store. */
export class DirectoryStore {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  /**
   * Writes the entries in one transaction. Each listed entity's services are replaced by the
   * file's; with `replace`, entities absent from the file are removed.
   */
  importEntries(entries: readonly DirectoryEntry[], replace: boolean): ImportSummary {
    const now = new Date().toISOString();
    const upsertEntity = this.#db.prepare(
      `INSERT INTO entities (siret, name, active, service_code_required, commitment_required,
         service_or_commitment_required, updated_at)
       VALUES (@siret, @name, @active, @scr, @cr, @socr, @now)
       ON CONFLICT (siret) DO UPDATE SET name = excluded.name, active = excluded.active,
         service_code_required = excluded.service_code_required,
         commitment_required = excluded.commitment_required,
         service_or_commitment_required = excluded.service_or_commitment_required,
         updated_at = excluded.updated_at`,
    );
    const clearServices = this.#db.prepare('DELETE FROM services WHERE siret = ?');
    const insertService = this.#db.prepare(
      'INSERT INTO services (siret, code, name, active) VALUES (?, ?, ?, ?)',
    );
    return this.#db.transaction((): ImportSummary => {
      let serviceCount = 0;
      let removed = 0;
      if (replace) {
        this.#db.exec('CREATE TEMP TABLE IF NOT EXISTS keep (siret TEXT PRIMARY KEY)');
        this.#db.exec('DELETE FROM keep');
        const keep = this.#db.prepare('INSERT OR IGNORE INTO keep (siret) VALUES (?)');
        for (const { entity } of entries) keep.run(entity.siret);
        removed = this.#db
          .prepare('DELETE FROM entities WHERE siret NOT IN (SELECT siret FROM keep)')
          .run().changes;
      }
      for (const { entity, services } of entries) {
        upsertEntity.run({
          siret: entity.siret,
          name: entity.name,
          active: Number(entity.isActive),
          scr: Number(entity.isServiceCodeRequired),
          cr: Number(entity.isCommitmentRequired),
          socr: Number(entity.isServiceOrCommitmentRequired),
          now,
        });
        clearServices.run(entity.siret);
        for (const service of services) {
          insertService.run(service.siret, service.code, service.name, Number(service.isActive));
          serviceCount += 1;
        }
      }
      return { entities: entries.length, services: serviceCount, removedEntities: removed };
    })();
  }

  findEntity(siret: string): PublicEntity | undefined {
    const row = this.#db.prepare('SELECT * FROM entities WHERE siret = ?').get(siret) as
      EntityRow | undefined;
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

  findService(siret: string, code: string): EntityService | undefined {
    const row = this.#db
      .prepare('SELECT * FROM services WHERE siret = ? AND code = ?')
      .get(siret, code) as ServiceRow | undefined;
    if (!row) return undefined;
    return { siret: row.siret, code: row.code, name: row.name, isActive: row.active === 1 };
  }

  countEntities(): number {
    const row = this.#db.prepare('SELECT COUNT(*) AS n FROM entities').get() as { n: number };
    return row.n;
  }
}
