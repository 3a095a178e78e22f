import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AccountStore } from '../../../src/accounts/index.js';
import { DirectoryStore } from '../../../src/directory/index.js';
import type { LifecycleDeps } from '../../../src/lifecycle/index.js';
import { SqlRegistry } from '../../../src/registry/index.js';
import { openSqlite, type SqlDatabase } from '../../../src/store/index.js';

export const SUPPLIER_SIRET = '12345678901234';
export const ENTITY_SIRET = '11000201100044';

/**
 * A registry with a supplier `acme`, an entity `ministere` and one delivered invoice per call
 * to `deliver`. On the embedded SQLite store unless given another database (PostgreSQL).
 */
export class LifecycleWorld implements LifecycleDeps {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'pl-unit-lc-'));
  readonly db: SqlDatabase;
  readonly registry: SqlRegistry;
  readonly accounts: AccountStore;
  readonly directory: DirectoryStore;
  #flows = 0;

  readonly #isGiven: boolean;

  private constructor(db?: SqlDatabase) {
    this.#isGiven = db !== undefined;
    this.db = db ?? openSqlite(path.join(this.dir, 'passerelle.db'));
    this.registry = new SqlRegistry(this.db);
    this.accounts = new AccountStore(this.db, path.join(this.dir, 'homes'));
    this.directory = new DirectoryStore(this.db);
  }

  static async create(db?: SqlDatabase): Promise<LifecycleWorld> {
    const world = new LifecycleWorld(db);
    await world.#setUp();
    return world;
  }

  async #setUp(): Promise<void> {
    await this.accounts.add({
      login: 'acme',
      role: 'supplier',
      siret: SUPPLIER_SIRET,
      passwordHash: 'scrypt$unused',
    });
    await this.accounts.add({
      login: 'ministere',
      role: 'entity',
      siret: ENTITY_SIRET,
      passwordHash: 'scrypt$unused',
    });
    await this.directory.importEntries(
      [
        {
          entity: {
            siret: ENTITY_SIRET,
            name: 'Ministère',
            isActive: true,
            isServiceCodeRequired: false,
            isCommitmentRequired: false,
            isServiceOrCommitmentRequired: false,
          },
          services: [],
        },
      ],
      false,
    );
  }

  /** A delivered invoice with no status yet; returns its id. */
  async deliver(number: string, sha256 = 'b'.repeat(64)): Promise<string> {
    this.#flows += 1;
    const flowId = `20261124-${String(this.#flows).padStart(16, '0')}`;
    await this.registry.createFlow({
      id: flowId,
      account: 'acme',
      fileName: `${number}.xml`,
      sha256,
      sizeBytes: 10,
      archivePath: path.join(this.dir, flowId),
      receivedAt: `2026-11-24T06:00:${String(this.#flows).padStart(2, '0')}.000Z`,
    });
    const invoiceId = `${flowId}-0001`;
    await this.registry.recordIntake(flowId, {
      syntax: 'ubl-invoice',
      issues: [],
      invoices: [
        {
          id: invoiceId,
          seq: 1,
          syntax: 'ubl-invoice',
          sourceName: `${number}.xml`,
          sourcePath: path.join(this.dir, flowId),
          sha256,
          keys: { number, issueDate: '2026-11-02', buyerSiret: ENTITY_SIRET },
          state: 'PENDING',
          issues: [],
        },
      ],
    });
    await this.registry.settleInvoice(invoiceId, {
      state: 'DELIVERED',
      recipientSiret: ENTITY_SIRET,
      recipientAccount: 'ministere',
      deliveredPath: path.join(this.dir, 'x.xml'),
      issues: [],
    });
    return invoiceId;
  }

  /** Closes the database it opened (one it was given is the giver's to close). */
  async dispose(): Promise<void> {
    if (!this.#isGiven) await this.registry.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
