/** Schema of the embedded store, one entry per version. Append only: never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE accounts (
    login TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('supplier', 'entity')),
    siret TEXT NOT NULL,
    password_hash TEXT,
    public_keys TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
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
    size_bytes INTEGER NOT NULL,
    archive_path TEXT NOT NULL,
    received_at TEXT NOT NULL,
    state TEXT NOT NULL,
    syntax TEXT,
    issues TEXT NOT NULL DEFAULT '[]',
    ack_state TEXT,
    ack_at TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX flows_open ON flows (state, updated_at);
  CREATE INDEX flows_by_account ON flows (account, received_at);

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
    UNIQUE (flow_id, seq)
  );
  CREATE INDEX invoices_by_flow ON invoices (flow_id);
  `,
];
