/**
 * Schema of the PostgreSQL registry, one entry per version, applied in order and recorded in
 * `schema_migrations`. Append only. Version 1 is the SQLite schema at its migration 8, with
 * identity keys and BIGINT where SQLite's INTEGER holds 64 bits; text dates and 0/1 flags as
 * in SQLite, so that one SQL text serves both.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE accounts (
    login TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('supplier', 'entity')),
    siret TEXT NOT NULL,
    password_hash TEXT,
    public_keys TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    status_format TEXT NOT NULL DEFAULT 'xml' CHECK (status_format IN ('xml', 'cdar', 'both')),
    disabled_at TEXT,
    deleted_at TEXT,
    quota_max_files BIGINT,
    quota_max_bytes BIGINT
  );
  CREATE INDEX accounts_by_siret ON accounts (siret, role);

  CREATE TABLE entities (
    siret TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    active INTEGER NOT NULL,
    service_code_required INTEGER NOT NULL,
    commitment_required INTEGER NOT NULL,
    service_or_commitment_required INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE services (
    siret TEXT NOT NULL REFERENCES entities (siret) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    active INTEGER NOT NULL,
    PRIMARY KEY (siret, code)
  );

  CREATE TABLE flows (
    id TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    archive_path TEXT NOT NULL,
    received_at TEXT NOT NULL,
    state TEXT NOT NULL,
    syntax TEXT,
    issues TEXT NOT NULL DEFAULT '[]',
    ack_state TEXT,
    ack_at TEXT,
    updated_at TEXT NOT NULL,
    kind TEXT CHECK (kind IN ('invoices', 'status-update'))
  );
  CREATE INDEX flows_open ON flows (state, updated_at);
  CREATE INDEX flows_by_account ON flows (account, received_at);
  CREATE INDEX flows_by_sha ON flows (account, sha256);
  CREATE INDEX flows_by_state_received ON flows (state, received_at);
  CREATE INDEX flows_by_received ON flows (received_at);

  CREATE TABLE invoices (
    id TEXT PRIMARY KEY,
    flow_id TEXT NOT NULL REFERENCES flows (id),
    seq INTEGER NOT NULL,
    syntax TEXT,
    source_name TEXT NOT NULL,
    source_path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    number TEXT,
    issue_date TEXT,
    buyer_siret TEXT,
    service_code TEXT,
    commitment_number TEXT,
    seller_id TEXT,
    seller_name TEXT,
    state TEXT NOT NULL,
    recipient_siret TEXT,
    recipient_account TEXT,
    delivered_path TEXT,
    issues TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL,
    status TEXT,
    recycled_from TEXT REFERENCES invoices (id),
    UNIQUE (flow_id, seq)
  );
  CREATE INDEX invoices_by_flow ON invoices (flow_id);
  CREATE INDEX invoices_by_number ON invoices (number);
  CREATE INDEX invoices_by_flow_state ON invoices (flow_id, state);
  CREATE INDEX invoices_by_state ON invoices (state);
  CREATE INDEX invoices_by_buyer ON invoices (buyer_siret);
  CREATE INDEX invoices_by_seller_number ON invoices (seller_id, number);
  CREATE UNIQUE INDEX invoices_one_recycle ON invoices (recycled_from)
    WHERE recycled_from IS NOT NULL;

  CREATE TABLE status_history (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    status TEXT NOT NULL,
    previous TEXT,
    reform_code TEXT NOT NULL,
    actor TEXT NOT NULL,
    actor_account TEXT,
    reason TEXT,
    reason_code TEXT,
    changed_at TEXT NOT NULL
  );
  CREATE INDEX status_history_by_invoice ON status_history (invoice_id, id);

  CREATE TABLE status_feed (
    account TEXT NOT NULL,
    seq INTEGER NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('xml', 'cdar')),
    invoice_id TEXT NOT NULL,
    history_id BIGINT NOT NULL REFERENCES status_history (id),
    file_name TEXT NOT NULL,
    written INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account, seq, format)
  );
  CREATE INDEX status_feed_unwritten ON status_feed (written, account, seq);
  CREATE INDEX status_feed_by_invoice ON status_feed (invoice_id);
  CREATE TABLE status_feed_counters (
    account TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL
  );

  CREATE TABLE status_update_lines (
    flow_id TEXT NOT NULL REFERENCES flows (id),
    idx INTEGER NOT NULL,
    result TEXT NOT NULL,
    PRIMARY KEY (flow_id, idx)
  );

  CREATE TABLE sftp_audit (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    account TEXT,
    address TEXT,
    port INTEGER,
    method TEXT,
    result TEXT,
    file TEXT,
    bytes BIGINT,
    detail TEXT
  );
  CREATE INDEX sftp_audit_by_at ON sftp_audit (at);
  CREATE INDEX sftp_audit_by_account ON sftp_audit (account, at);

  CREATE TABLE operators (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'operator')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE deposit_mandates (
    login TEXT NOT NULL REFERENCES accounts (login),
    seller_id TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (login, seller_id)
  );
  `,
];
