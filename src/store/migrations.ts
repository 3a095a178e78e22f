/** Schema of the embedded SQLite store, one entry per version. Append only: never edit a shipped one. */
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
  // 2: the invoice lifecycle (docs/lifecycle.md). The status lives on the invoice row so that
  // a change is one conditional UPDATE; history, per-account feed and the results of incoming
  // status lines are written in the same transaction.
  `
  ALTER TABLE invoices ADD COLUMN status TEXT;
  ALTER TABLE invoices ADD COLUMN recycled_from TEXT REFERENCES invoices (id);
  CREATE INDEX invoices_by_number ON invoices (number);
  ALTER TABLE accounts ADD COLUMN status_format TEXT NOT NULL DEFAULT 'xml'
    CHECK (status_format IN ('xml', 'cdar', 'both'));

  CREATE TABLE status_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
    history_id INTEGER NOT NULL REFERENCES status_history (id),
    file_name TEXT NOT NULL,
    written INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account, seq, format)
  );
  CREATE INDEX status_feed_unwritten ON status_feed (written, account, seq);

  CREATE TABLE status_update_lines (
    flow_id TEXT NOT NULL REFERENCES flows (id),
    idx INTEGER NOT NULL,
    result TEXT NOT NULL,
    PRIMARY KEY (flow_id, idx)
  );
  `,
  // 3: the kind of a flow, decided once at claim time; settling a flow counts its pending
  // invoices through an index instead of reading them all; exact resends are found by index
  // (the check read every flow of the account).
  `
  ALTER TABLE flows ADD COLUMN kind TEXT CHECK (kind IN ('invoices', 'status-update'));
  CREATE INDEX invoices_by_flow_state ON invoices (flow_id, state);
  CREATE INDEX flows_by_sha ON flows (account, sha256);
  `,
  // 4: the SFTP front (docs/sftp.md): disabled and deleted accounts (a deleted account's row
  // stays, so that flows keep their owner and the login is never given to someone else), and
  // the audit trail of logins, sessions and file operations.
  `
  ALTER TABLE accounts ADD COLUMN disabled_at TEXT;
  ALTER TABLE accounts ADD COLUMN deleted_at TEXT;
  ALTER TABLE accounts ADD COLUMN quota_max_files INTEGER;
  ALTER TABLE accounts ADD COLUMN quota_max_bytes INTEGER;

  CREATE TABLE sftp_audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    account TEXT,
    address TEXT,
    port INTEGER,
    method TEXT,
    result TEXT,
    file TEXT,
    bytes INTEGER,
    detail TEXT
  );
  CREATE INDEX sftp_audit_by_at ON sftp_audit (at);
  CREATE INDEX sftp_audit_by_account ON sftp_audit (account, at);
  `,
  // 5: operator views (CLI, console, metrics): an invoice's status files, counts by state, the
  // newest and the oldest open flows, invoices by buyer, without scanning whole tables; and the
  // console's operator accounts.
  `
  CREATE INDEX status_feed_by_invoice ON status_feed (invoice_id);
  CREATE INDEX invoices_by_state ON invoices (state);
  CREATE INDEX flows_by_state_received ON flows (state, received_at);
  CREATE INDEX flows_by_received ON flows (received_at);
  CREATE INDEX invoices_by_buyer ON invoices (buyer_siret);

  CREATE TABLE operators (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'operator')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 6: deposit rights (docs/sftp.md): the sellers other than itself an account may deposit
  // for (an EDI operator's customers), and invoice numbers looked up by seller across accounts.
  `
  CREATE TABLE deposit_mandates (
    login TEXT NOT NULL REFERENCES accounts (login),
    seller_id TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (login, seller_id)
  );
  CREATE INDEX invoices_by_seller_number ON invoices (seller_id, number);
  `,
  // 7: the per-account counter of the status feed (docs/decisions.md, "PostgreSQL registry"):
  // bumped in the change's transaction, it keeps sequences gapless and unique under
  // concurrent writers where MAX(seq) + 1 would hand one number to two of them.
  `
  CREATE TABLE status_feed_counters (
    account TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL
  );
  INSERT INTO status_feed_counters (account, last_seq)
    SELECT account, MAX(seq) FROM status_feed GROUP BY account;
  `,
  // 8: an A_RECYCLER invoice is recycled once: two resends routed at once (two workers)
  // cannot both become its recycle.
  `
  CREATE UNIQUE INDEX invoices_one_recycle ON invoices (recycled_from) WHERE recycled_from IS NOT NULL;
  `,
];
