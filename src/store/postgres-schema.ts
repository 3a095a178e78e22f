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
  // 2: SQLite's migrations 7 to 10 (CPP Statut and the acknowledgement language, push delivery,
  // alerts and operator actions, the console's indexes). Not taken over: SQLite's counts and
  // partner tallies kept by triggers; here they are GROUP BYs over indexes, because one counter
  // row bumped by every insert would serialise all the workers' transactions on it.
  `
  ALTER TABLE accounts DROP CONSTRAINT accounts_status_format_check;
  ALTER TABLE accounts ADD CONSTRAINT accounts_status_format_check
    CHECK (status_format IN ('xml', 'cdar', 'both', 'cppstatut'));
  ALTER TABLE accounts ADD COLUMN language TEXT NOT NULL DEFAULT 'fr'
    CHECK (language IN ('fr', 'en'));
  ALTER TABLE accounts ADD COLUMN push_target TEXT;

  ALTER TABLE status_feed DROP CONSTRAINT status_feed_format_check;
  ALTER TABLE status_feed ADD CONSTRAINT status_feed_format_check
    CHECK (format IN ('xml', 'cdar', 'cppstatut'));
  ALTER TABLE status_feed ALTER COLUMN invoice_id DROP NOT NULL;
  ALTER TABLE status_feed ALTER COLUMN history_id DROP NOT NULL;
  ALTER TABLE status_feed ADD COLUMN flow_id TEXT REFERENCES flows (id);
  ALTER TABLE status_feed ADD CONSTRAINT status_feed_invoice_or_flow
    CHECK ((invoice_id IS NOT NULL AND history_id IS NOT NULL) OR flow_id IS NOT NULL);
  CREATE UNIQUE INDEX status_feed_by_flow ON status_feed (flow_id) WHERE flow_id IS NOT NULL;
  ALTER TABLE status_feed ADD COLUMN push_state TEXT
    CHECK (push_state IN ('PENDING', 'PUSHED', 'REROUTED'));
  CREATE INDEX status_feed_push_pending ON status_feed (push_state) WHERE push_state = 'PENDING';

  ALTER TABLE invoices ADD COLUMN push_state TEXT
    CHECK (push_state IN ('PENDING', 'PUSHED', 'REROUTED'));
  CREATE INDEX invoices_push_pending ON invoices (push_state) WHERE push_state = 'PENDING';

  CREATE INDEX flows_by_received_id ON flows (received_at, id);
  CREATE INDEX flows_by_file_name ON flows (file_name);
  CREATE INDEX sftp_audit_by_account_event ON sftp_audit (account, event, at);
  CREATE INDEX invoices_by_recipient_state ON invoices (recipient_account, state);
  CREATE INDEX invoices_by_buyer_flow ON invoices (buyer_siret, flow_id);

  CREATE TABLE expected_batches (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    account TEXT NOT NULL,
    days TEXT NOT NULL,
    before TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (account, days, before, time_zone)
  );
  CREATE TABLE alerts (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    message TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    resolved_at TEXT
  );
  CREATE UNIQUE INDEX alerts_active ON alerts (kind, subject) WHERE resolved_at IS NULL;
  CREATE INDEX alerts_by_raised ON alerts (raised_at);
  CREATE TABLE operator_actions (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at TEXT NOT NULL,
    operator TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
  );
  CREATE INDEX operator_actions_by_at ON operator_actions (at);
  `,
];
