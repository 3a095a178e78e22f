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
  // 7: Chorus Pro's CPP Statut (docs/status-formats.md): a fourth status format, and feed rows
  // for the flow-level status of a deposited file (flow_id instead of an invoice and a history
  // row). SQLite cannot change a CHECK in place: the column is re-created, the feed table
  // rebuilt (nothing references it). And the language of each account's acknowledgements.
  `
  ALTER TABLE accounts RENAME COLUMN status_format TO status_format_v1;
  ALTER TABLE accounts ADD COLUMN status_format TEXT NOT NULL DEFAULT 'xml'
    CHECK (status_format IN ('xml', 'cdar', 'both', 'cppstatut'));
  UPDATE accounts SET status_format = status_format_v1;
  ALTER TABLE accounts DROP COLUMN status_format_v1;
  ALTER TABLE accounts ADD COLUMN language TEXT NOT NULL DEFAULT 'fr'
    CHECK (language IN ('fr', 'en'));

  CREATE TABLE status_feed_v7 (
    account TEXT NOT NULL,
    seq INTEGER NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('xml', 'cdar', 'cppstatut')),
    invoice_id TEXT,
    history_id INTEGER REFERENCES status_history (id),
    flow_id TEXT REFERENCES flows (id),
    file_name TEXT NOT NULL,
    written INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account, seq, format),
    CHECK ((invoice_id IS NOT NULL AND history_id IS NOT NULL) OR flow_id IS NOT NULL)
  );
  INSERT INTO status_feed_v7 (account, seq, format, invoice_id, history_id, file_name, written)
    SELECT account, seq, format, invoice_id, history_id, file_name, written FROM status_feed;
  DROP TABLE status_feed;
  ALTER TABLE status_feed_v7 RENAME TO status_feed;
  CREATE INDEX status_feed_unwritten ON status_feed (written, account, seq);
  CREATE INDEX status_feed_by_invoice ON status_feed (invoice_id);
  CREATE UNIQUE INDEX status_feed_by_flow ON status_feed (flow_id) WHERE flow_id IS NOT NULL;
  `,
  // 8: push delivery (docs/push-delivery.md): an entity's push target (JSON, no secret: the key
  // is named by file or environment variable), and per invoice and per status file whether a
  // push is owed (PENDING), done (PUSHED) or replaced by a delivery to the SFTP home (REROUTED).
  `
  ALTER TABLE accounts ADD COLUMN push_target TEXT;
  ALTER TABLE invoices ADD COLUMN push_state TEXT
    CHECK (push_state IN ('PENDING', 'PUSHED', 'REROUTED'));
  CREATE INDEX invoices_push_pending ON invoices (push_state) WHERE push_state = 'PENDING';
  ALTER TABLE status_feed ADD COLUMN push_state TEXT
    CHECK (push_state IN ('PENDING', 'PUSHED', 'REROUTED'));
  CREATE INDEX status_feed_push_pending ON status_feed (push_state) WHERE push_state = 'PENDING';
  `,
  // 9: operations at scale and alerts (docs/operations.md). Counts by state kept in a small
  // table by triggers (a GROUP BY over millions of rows took seconds); flows paged by
  // (received_at, id) and found by file name prefix; the audit trail's last login, upload and
  // download of an account by index; expected batches, alerts, and what operators did.
  `
  CREATE TABLE registry_counts (
    tbl TEXT NOT NULL,
    state TEXT NOT NULL,
    ack_state TEXT NOT NULL DEFAULT '',
    count INTEGER NOT NULL,
    PRIMARY KEY (tbl, state, ack_state)
  ) WITHOUT ROWID;
  INSERT INTO registry_counts (tbl, state, ack_state, count)
    SELECT 'flows', state, COALESCE(ack_state, ''), COUNT(*) FROM flows GROUP BY state, ack_state;
  INSERT INTO registry_counts (tbl, state, ack_state, count)
    SELECT 'invoices', state, '', COUNT(*) FROM invoices GROUP BY state;
  CREATE TRIGGER flows_count_insert AFTER INSERT ON flows BEGIN
    INSERT INTO registry_counts (tbl, state, ack_state, count)
      VALUES ('flows', NEW.state, COALESCE(NEW.ack_state, ''), 1)
      ON CONFLICT (tbl, state, ack_state) DO UPDATE SET count = count + 1;
  END;
  CREATE TRIGGER flows_count_update AFTER UPDATE OF state, ack_state ON flows
    WHEN OLD.state IS NOT NEW.state OR OLD.ack_state IS NOT NEW.ack_state BEGIN
    UPDATE registry_counts SET count = count - 1
      WHERE tbl = 'flows' AND state = OLD.state AND ack_state = COALESCE(OLD.ack_state, '');
    INSERT INTO registry_counts (tbl, state, ack_state, count)
      VALUES ('flows', NEW.state, COALESCE(NEW.ack_state, ''), 1)
      ON CONFLICT (tbl, state, ack_state) DO UPDATE SET count = count + 1;
  END;
  CREATE TRIGGER flows_count_delete AFTER DELETE ON flows BEGIN
    UPDATE registry_counts SET count = count - 1
      WHERE tbl = 'flows' AND state = OLD.state AND ack_state = COALESCE(OLD.ack_state, '');
  END;
  CREATE TRIGGER invoices_count_insert AFTER INSERT ON invoices BEGIN
    INSERT INTO registry_counts (tbl, state, ack_state, count) VALUES ('invoices', NEW.state, '', 1)
      ON CONFLICT (tbl, state, ack_state) DO UPDATE SET count = count + 1;
  END;
  CREATE TRIGGER invoices_count_update AFTER UPDATE OF state ON invoices
    WHEN OLD.state IS NOT NEW.state BEGIN
    UPDATE registry_counts SET count = count - 1 WHERE tbl = 'invoices' AND state = OLD.state AND ack_state = '';
    INSERT INTO registry_counts (tbl, state, ack_state, count) VALUES ('invoices', NEW.state, '', 1)
      ON CONFLICT (tbl, state, ack_state) DO UPDATE SET count = count + 1;
  END;
  CREATE TRIGGER invoices_count_delete AFTER DELETE ON invoices BEGIN
    UPDATE registry_counts SET count = count - 1 WHERE tbl = 'invoices' AND state = OLD.state AND ack_state = '';
  END;

  CREATE INDEX flows_by_received_id ON flows (received_at, id);
  CREATE INDEX flows_by_file_name ON flows (file_name);
  CREATE INDEX sftp_audit_by_account_event ON sftp_audit (account, event, at);
  CREATE INDEX invoices_by_recipient_state ON invoices (recipient_account, state);

  CREATE TABLE expected_batches (
    id INTEGER PRIMARY KEY,
    account TEXT NOT NULL,
    days TEXT NOT NULL,
    before TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (account, days, before, time_zone)
  );
  CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    message TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    resolved_at TEXT
  );
  CREATE UNIQUE INDEX alerts_active ON alerts (kind, subject) WHERE resolved_at IS NULL;
  CREATE INDEX alerts_by_raised ON alerts (raised_at);
  CREATE TABLE operator_actions (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    operator TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
  );
  CREATE INDEX operator_actions_by_at ON operator_actions (at);
  `,
  // 10: the partners page (docs/operations.md): files, settled and rejected invoices and error
  // codes per partner and day of receipt, kept by triggers, so that a month of a busy
  // gateway is a few thousand rows. Entities are keyed 'siret:' + their SIRET (the invoices
  // addressed to them), accounts by login.
  `
  CREATE TABLE partner_daily (
    day TEXT NOT NULL,
    partner TEXT NOT NULL,
    files INTEGER NOT NULL DEFAULT 0,
    invoices INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, partner)
  ) WITHOUT ROWID;
  CREATE TABLE partner_errors_daily (
    day TEXT NOT NULL,
    partner TEXT NOT NULL,
    code TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, partner, code)
  ) WITHOUT ROWID;

  INSERT INTO partner_daily (day, partner, files)
    SELECT substr(received_at, 1, 10), account, COUNT(*) FROM flows GROUP BY 1, 2;
  INSERT INTO partner_daily (day, partner, invoices, rejected)
    SELECT substr(f.received_at, 1, 10), f.account, COUNT(*), SUM(i.state = 'REJECTED')
    FROM invoices i JOIN flows f ON f.id = i.flow_id WHERE i.state <> 'PENDING' GROUP BY 1, 2
    ON CONFLICT (day, partner) DO UPDATE SET invoices = excluded.invoices, rejected = excluded.rejected;
  INSERT INTO partner_daily (day, partner, invoices, rejected)
    SELECT substr(f.received_at, 1, 10), 'siret:' || i.recipient_siret, COUNT(*), SUM(i.state = 'REJECTED')
    FROM invoices i JOIN flows f ON f.id = i.flow_id
    WHERE i.state <> 'PENDING' AND i.recipient_siret IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (day, partner) DO UPDATE SET invoices = excluded.invoices, rejected = excluded.rejected;
  INSERT INTO partner_errors_daily (day, partner, code, count)
    SELECT substr(f.received_at, 1, 10), f.account, json_extract(e.value, '$.code'), COUNT(*)
    FROM invoices i JOIN flows f ON f.id = i.flow_id, json_each(i.issues) AS e
    WHERE i.state = 'REJECTED' AND json_extract(e.value, '$.severity') = 'fatal' GROUP BY 1, 2, 3;
  INSERT INTO partner_errors_daily (day, partner, code, count)
    SELECT substr(f.received_at, 1, 10), 'siret:' || i.recipient_siret, json_extract(e.value, '$.code'), COUNT(*)
    FROM invoices i JOIN flows f ON f.id = i.flow_id, json_each(i.issues) AS e
    WHERE i.state = 'REJECTED' AND i.recipient_siret IS NOT NULL
      AND json_extract(e.value, '$.severity') = 'fatal' GROUP BY 1, 2, 3;

  CREATE TRIGGER partner_daily_flow AFTER INSERT ON flows BEGIN
    INSERT INTO partner_daily (day, partner, files) VALUES (substr(NEW.received_at, 1, 10), NEW.account, 1)
      ON CONFLICT (day, partner) DO UPDATE SET files = files + 1;
  END;
  CREATE TRIGGER partner_daily_settled AFTER UPDATE OF state ON invoices
    WHEN OLD.state = 'PENDING' AND NEW.state <> 'PENDING' BEGIN
    INSERT INTO partner_daily (day, partner, invoices, rejected)
      SELECT substr(f.received_at, 1, 10), p.partner, 1, NEW.state = 'REJECTED'
      FROM flows f, (SELECT f2.account AS partner FROM flows f2 WHERE f2.id = NEW.flow_id
        UNION ALL SELECT 'siret:' || NEW.recipient_siret WHERE NEW.recipient_siret IS NOT NULL) AS p
      WHERE f.id = NEW.flow_id
      ON CONFLICT (day, partner) DO UPDATE SET invoices = invoices + 1, rejected = rejected + excluded.rejected;
    INSERT INTO partner_errors_daily (day, partner, code, count)
      SELECT substr(f.received_at, 1, 10), p.partner, json_extract(e.value, '$.code'), COUNT(*)
      FROM flows f, json_each(NEW.issues) AS e,
        (SELECT f2.account AS partner FROM flows f2 WHERE f2.id = NEW.flow_id
         UNION ALL SELECT 'siret:' || NEW.recipient_siret WHERE NEW.recipient_siret IS NOT NULL) AS p
      WHERE f.id = NEW.flow_id AND NEW.state = 'REJECTED'
        AND json_extract(e.value, '$.severity') = 'fatal'
      GROUP BY 1, 2, 3
      ON CONFLICT (day, partner, code) DO UPDATE SET count = count + excluded.count;
  END;
  CREATE TRIGGER partner_daily_rejected_at_intake AFTER INSERT ON invoices
    WHEN NEW.state <> 'PENDING' BEGIN
    INSERT INTO partner_daily (day, partner, invoices, rejected)
      SELECT substr(f.received_at, 1, 10), p.partner, 1, NEW.state = 'REJECTED'
      FROM flows f, (SELECT f2.account AS partner FROM flows f2 WHERE f2.id = NEW.flow_id
        UNION ALL SELECT 'siret:' || NEW.buyer_siret WHERE NEW.buyer_siret IS NOT NULL) AS p
      WHERE f.id = NEW.flow_id
      ON CONFLICT (day, partner) DO UPDATE SET invoices = invoices + 1, rejected = rejected + excluded.rejected;
    INSERT INTO partner_errors_daily (day, partner, code, count)
      SELECT substr(f.received_at, 1, 10), p.partner, json_extract(e.value, '$.code'), COUNT(*)
      FROM flows f, json_each(NEW.issues) AS e,
        (SELECT f2.account AS partner FROM flows f2 WHERE f2.id = NEW.flow_id
         UNION ALL SELECT 'siret:' || NEW.buyer_siret WHERE NEW.buyer_siret IS NOT NULL) AS p
      WHERE f.id = NEW.flow_id AND NEW.state = 'REJECTED'
        AND json_extract(e.value, '$.severity') = 'fatal'
      GROUP BY 1, 2, 3
      ON CONFLICT (day, partner, code) DO UPDATE SET count = count + excluded.count;
  END;

  CREATE INDEX invoices_by_buyer_flow ON invoices (buyer_siret, flow_id);
  `,
];
