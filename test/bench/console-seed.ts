/**
 * Seeds a registry for the console bench: FLOWS flows of INVOICES_PER_FLOW invoices each over
 * the last year, supplier and entity accounts, entities, an SFTP audit trail, some open flows
 * and rejections with issues. Written straight into SQLite (indexes and triggers dropped, rows
 * inserted by prepared statements in large transactions, indexes rebuilt, counts recomputed),
 * and kept under the scratch folder between runs: the seed takes minutes, a run seconds.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type SqliteDatabase } from '../../src/store/index.js';

export interface SeedShape {
  readonly flows: number;
  readonly invoicesPerFlow: number;
  readonly suppliers: number;
  readonly entities: number;
}

export interface SeedFacts {
  /** Values the bench searches for: they exist in the seeded data. */
  readonly flowId: string;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly supplierSiret: string;
  readonly buyerSiret: string;
  readonly account: string;
  readonly fileNamePrefix: string;
}

const YEAR_MS = 365 * 86_400_000;
const CODES = ['XSD_INVALID', 'BR-CO-10', 'ROUTE_ENTITY_UNKNOWN', 'BR-FR-12', 'FR_SIRET_INVALID'];

const supplierLogin = (index: number) => `supplier${String(index).padStart(4, '0')}`;
const entityLogin = (index: number) => `entity${String(index).padStart(4, '0')}`;
const supplierSiret = (index: number) => `3${String(index).padStart(13, '0')}`;
const entitySiret = (index: number) => `1${String(index).padStart(13, '0')}`;
const hex16 = (value: number) => value.toString(16).padStart(16, '0');

/** Deterministic facts about the seeded data (the same for a cached file). */
export function seedFactsOf(shape: SeedShape, now: number): SeedFacts {
  const { flowId } = flowAt(shape, now, shape.flows - 10);
  return {
    flowId,
    invoiceId: `${flowId}-0001`,
    invoiceNumber: `FA-${shape.flows - 10}-1`,
    supplierSiret: supplierSiret(7),
    buyerSiret: entitySiret(3),
    account: supplierLogin(7),
    fileNamePrefix: `batch-${String(shape.flows - 10).padStart(8, '0')}`,
  };
}

/** Flow `index` (0 = oldest): received evenly over the year before `now`. */
function flowAt(shape: SeedShape, now: number, index: number) {
  const at = new Date(now - YEAR_MS + Math.floor((index * YEAR_MS) / shape.flows));
  const receivedAt = at.toISOString();
  const flowId = `${receivedAt.slice(0, 10).replaceAll('-', '')}-${hex16(index)}`;
  return { flowId, receivedAt };
}

function insertRows(db: SqliteDatabase, shape: SeedShape, now: number): void {
  const createdAt = new Date(now - YEAR_MS - 86_400_000).toISOString();
  const account = db.prepare(
    `INSERT INTO accounts (login, role, siret, password_hash, created_at) VALUES (?, ?, ?, NULL, ?)`,
  );
  const entity = db.prepare(
    `INSERT INTO entities (siret, name, active, service_code_required, commitment_required,
       service_or_commitment_required, updated_at) VALUES (?, ?, 1, 0, 0, 0, ?)`,
  );
  const audit = db.prepare(
    `INSERT INTO sftp_audit (at, event, account, address, result, file) VALUES (?, ?, ?, '10.0.0.1', 'ok', ?)`,
  );
  db.transaction(() => {
    for (let index = 0; index < shape.suppliers; index += 1)
      account.run(supplierLogin(index), 'supplier', supplierSiret(index), createdAt);
    for (let index = 0; index < shape.entities; index += 1) {
      account.run(entityLogin(index), 'entity', entitySiret(index), createdAt);
      entity.run(entitySiret(index), `Entité publique ${index}`, createdAt);
    }
  })();
  const flow = db.prepare(
    `INSERT INTO flows (id, account, file_name, sha256, size_bytes, archive_path, received_at,
       state, syntax, issues, ack_state, ack_at, updated_at, kind)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'UBL', '[]', ?, ?, ?, 'invoices')`,
  );
  const invoice = db.prepare(
    `INSERT INTO invoices (id, flow_id, seq, syntax, source_name, source_path, sha256, number,
       issue_date, buyer_siret, seller_id, seller_name, state, recipient_siret, recipient_account,
       delivered_path, issues, updated_at)
     VALUES (?, ?, ?, 'UBL', ?, '/archive/x', ?, ?, ?, ?, ?, 'Fournisseur', ?, ?, ?, ?, ?, ?)`,
  );
  const BATCH = 20_000;
  for (let start = 0; start < shape.flows; start += BATCH) {
    db.transaction(() => {
      for (let index = start; index < Math.min(shape.flows, start + BATCH); index += 1) {
        const { flowId, receivedAt } = flowAt(shape, now, index);
        const supplier = index % shape.suppliers;
        const login = supplierLogin(supplier);
        // The newest flows are still open, as on a busy gateway.
        const isOpen = index >= shape.flows - 40;
        let rejected = 0;
        for (let seq = 1; seq <= shape.invoicesPerFlow; seq += 1)
          if ((index * 7 + seq) % 10 === 0) rejected += 1;
        const ackState = isOpen
          ? null
          : rejected === 0
            ? 'IN_INTEGRE'
            : rejected === shape.invoicesPerFlow
              ? 'IN_REJETE'
              : 'IN_INTEGRE_PARTIEL';
        flow.run(
          flowId,
          login,
          `batch-${String(index).padStart(8, '0')}.zip`,
          hex16(index).repeat(4),
          20_000,
          `/archive/${flowId}`,
          receivedAt,
          isOpen ? 'PROCESSING' : 'ACKED',
          ackState,
          isOpen ? null : receivedAt,
          receivedAt,
        );
        for (let seq = 1; seq <= shape.invoicesPerFlow; seq += 1) {
          const buyer = (index + seq) % shape.entities;
          const isRejected = (index * 7 + seq) % 10 === 0;
          const code = CODES[(index + seq) % CODES.length] ?? 'XSD_INVALID';
          const state = isOpen ? 'PENDING' : isRejected ? 'REJECTED' : 'DELIVERED';
          invoice.run(
            `${flowId}-${String(seq).padStart(4, '0')}`,
            flowId,
            seq,
            `inv-${seq}.xml`,
            hex16(index * 8 + seq).repeat(4),
            `FA-${index}-${seq}`,
            receivedAt.slice(0, 10),
            entitySiret(buyer),
            supplierSiret(supplier),
            state,
            entitySiret(buyer),
            state === 'DELIVERED' ? entityLogin(buyer) : null,
            state === 'DELIVERED' ? `/homes/${entityLogin(buyer)}/out/x.xml` : null,
            isRejected
              ? JSON.stringify([
                  { layer: 'rules', code, rule: code, severity: 'fatal', message: 'seeded' },
                ])
              : '[]',
            receivedAt,
          );
        }
        if (index % 5 === 0) {
          audit.run(receivedAt, 'login', login, null);
          audit.run(receivedAt, 'upload', login, `/in/batch-${index}.zip`);
          const entityAccount = entityLogin(index % shape.entities);
          audit.run(receivedAt, 'login', entityAccount, null);
          audit.run(receivedAt, 'download', entityAccount, '/out/x.xml');
        }
      }
    })();
  }
}

/** The seeded database file for `shape` (made when missing) and the time it was seeded at. */
export function seedRegistry(
  scratchDir: string,
  shape: SeedShape,
): { readonly file: string; readonly seededAt: number } {
  // A gateway data folder of its own: the CLI is pointed at it with PASSERELLE_DATA_DIR.
  const file = path.join(
    scratchDir,
    `data-${shape.flows}x${shape.invoicesPerFlow}`,
    'passerelle.db',
  );
  const readSeededAt = () => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare('SELECT at FROM bench_seed').get() as { at: number }).at;
    } finally {
      db.close();
    }
  };
  if (existsSync(file)) return { file, seededAt: readSeededAt() };
  const now = Date.now();
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const db = openDatabase(partial);
  db.pragma('synchronous = OFF');
  db.pragma('journal_mode = OFF');
  db.pragma('foreign_keys = OFF');
  const dropped = db
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL",
    )
    .all() as { type: string; name: string; sql: string }[];
  for (const item of dropped) db.exec(`DROP ${item.type.toUpperCase()} ${item.name}`);
  insertRows(db, shape, now);
  for (const item of dropped.filter((entry) => entry.type === 'index')) db.exec(item.sql);
  db.exec('DELETE FROM registry_counts');
  db.exec(
    `INSERT INTO registry_counts (tbl, state, ack_state, count)
       SELECT 'flows', state, COALESCE(ack_state, ''), COUNT(*) FROM flows GROUP BY state, ack_state;
     INSERT INTO registry_counts (tbl, state, ack_state, count)
       SELECT 'invoices', state, '', COUNT(*) FROM invoices GROUP BY state;`,
  );
  for (const item of dropped.filter((entry) => entry.type === 'trigger')) db.exec(item.sql);
  db.exec('ANALYZE');
  db.exec('CREATE TABLE bench_seed (at INTEGER NOT NULL)');
  db.prepare('INSERT INTO bench_seed (at) VALUES (?)').run(now);
  db.pragma('journal_mode = WAL');
  db.close();
  renameSync(partial, file);
  return { file, seededAt: now };
}
