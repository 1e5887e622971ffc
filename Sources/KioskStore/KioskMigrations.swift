public import GRDB

/// The schema, as named forward-only migrations.
///
/// A migration, once released, is never edited: a change is a new migration
/// appended at the end. GRDB records applied names in `grdb_migrations`.
public enum KioskMigrations {
    public static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-tickets") { db in
            try db.execute(sql: """
                CREATE TABLE ticket_sequence (
                    area_code   TEXT NOT NULL,
                    service_day TEXT NOT NULL,
                    last_number INTEGER NOT NULL,
                    PRIMARY KEY (area_code, service_day)
                ) WITHOUT ROWID;
                CREATE TABLE ticket (
                    id              INTEGER PRIMARY KEY AUTOINCREMENT,
                    area_code       TEXT NOT NULL,
                    service_day     TEXT NOT NULL,
                    sequence        INTEGER NOT NULL,
                    display_number  TEXT NOT NULL,
                    priority_reason TEXT,
                    issued_at       DATETIME NOT NULL,
                    print_state     TEXT NOT NULL DEFAULT 'pending',
                    print_job_id    INTEGER,
                    print_detail    TEXT,
                    printed_at      DATETIME,
                    UNIQUE (area_code, service_day, sequence)
                );
                CREATE INDEX ticket_by_day ON ticket (service_day, area_code);
                """)
        }
        m.registerMigration("v1-dossiers") { db in
            try db.execute(sql: """
                CREATE TABLE dossier (
                    id               TEXT PRIMARY KEY,
                    code             TEXT UNIQUE,
                    lookup_code      TEXT,
                    procedure_code   TEXT NOT NULL,
                    area_code        TEXT,
                    state            TEXT NOT NULL DEFAULT 'draft',
                    applicant_json   TEXT,
                    consent_json     TEXT,
                    created_at       DATETIME NOT NULL,
                    confirmed_at     DATETIME,
                    appointment_date TEXT,
                    central_status   TEXT,
                    central_status_at DATETIME,
                    assisted_by      TEXT,
                    kiosk_signature  BLOB,
                    staff_signature  BLOB
                );
                CREATE INDEX dossier_by_state ON dossier (state);
                CREATE TABLE dossier_answer (
                    dossier_id  TEXT NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
                    question_id TEXT NOT NULL,
                    value       TEXT NOT NULL,
                    answered_at DATETIME NOT NULL,
                    PRIMARY KEY (dossier_id, question_id)
                ) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v1-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE outbox (
                    id              INTEGER PRIMARY KEY AUTOINCREMENT,
                    dossier_id      TEXT NOT NULL REFERENCES dossier(id),
                    kind            TEXT NOT NULL,
                    state           TEXT NOT NULL DEFAULT 'pending',
                    attempts        INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at DATETIME,
                    last_error      TEXT,
                    created_at      DATETIME NOT NULL,
                    delivered_at    DATETIME
                );
                CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
                """)
        }
        m.registerMigration("v1-audit") { db in
            try db.execute(sql: """
                CREATE TABLE audit_log (
                    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
                    at        DATETIME NOT NULL,
                    actor     TEXT NOT NULL,
                    action    TEXT NOT NULL,
                    subject   TEXT,
                    details   TEXT,
                    prev_hash TEXT NOT NULL,
                    hash      TEXT NOT NULL
                );
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                """)
        }
        m.registerMigration("v1-devices") { db in
            try db.execute(sql: """
                CREATE TABLE device (
                    id          TEXT PRIMARY KEY,
                    syspath     TEXT NOT NULL,
                    subsystem   TEXT NOT NULL,
                    vendor_id   TEXT,
                    product_id  TEXT,
                    devnode     TEXT,
                    role        TEXT NOT NULL DEFAULT 'unknown',
                    profile     TEXT,
                    present     INTEGER NOT NULL DEFAULT 1,
                    first_seen  DATETIME NOT NULL,
                    last_seen   DATETIME NOT NULL
                );
                CREATE TABLE device_role_override (
                    vendor_id  TEXT NOT NULL,
                    product_id TEXT NOT NULL,
                    role       TEXT NOT NULL,
                    set_at     DATETIME NOT NULL,
                    PRIMARY KEY (vendor_id, product_id)
                ) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v2-dossier-submission") { db in
            try db.execute(sql: """
                ALTER TABLE dossier ADD COLUMN payload BLOB;
                ALTER TABLE dossier ADD COLUMN received_at DATETIME;
                ALTER TABLE dossier ADD COLUMN procedure_title TEXT;
                ALTER TABLE dossier ADD COLUMN missing_documents TEXT;
                CREATE TABLE dossier_sequence (
                    service_day TEXT PRIMARY KEY,
                    last_number INTEGER NOT NULL
                ) WITHOUT ROWID;
                ALTER TABLE outbox ADD COLUMN attachment_id TEXT;
                ALTER TABLE outbox ADD COLUMN response BLOB;
                CREATE INDEX outbox_by_dossier ON outbox (dossier_id, id);
                CREATE TABLE attachment (
                    id            TEXT NOT NULL,
                    dossier_id    TEXT NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
                    title         TEXT,
                    path          TEXT NOT NULL,
                    size          INTEGER NOT NULL,
                    sha256        TEXT NOT NULL,
                    media_type    TEXT NOT NULL DEFAULT 'application/octet-stream',
                    upload_url    TEXT,
                    uploaded      INTEGER NOT NULL DEFAULT 0,
                    added_by      TEXT,
                    PRIMARY KEY (dossier_id, id)
                ) WITHOUT ROWID;
                CREATE TABLE help_request (
                    id              INTEGER PRIMARY KEY AUTOINCREMENT,
                    kiosk_id        TEXT NOT NULL,
                    requested_at    DATETIME NOT NULL,
                    context         TEXT,
                    acknowledged_at DATETIME,
                    acknowledged_by TEXT
                );
                """)
        }
        m.registerMigration("v3-alerts") { db in
            try db.execute(sql: """
                CREATE TABLE alert (
                    id              INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind            TEXT NOT NULL,
                    device          TEXT,
                    message         TEXT NOT NULL,
                    raised_at       DATETIME NOT NULL,
                    cleared_at      DATETIME,
                    acknowledged_at DATETIME,
                    acknowledged_by TEXT
                );
                CREATE INDEX alert_open ON alert (kind, cleared_at);
                """)
        }
        m.registerMigration("v4-staff") { db in
            try db.execute(sql: """
                CREATE TABLE staff (
                    number      TEXT PRIMARY KEY,
                    name        TEXT NOT NULL,
                    role        TEXT NOT NULL CHECK (role IN ('helper', 'supervisor')),
                    credentials TEXT NOT NULL,
                    public_key  TEXT NOT NULL,
                    disabled_at DATETIME,
                    created_at  DATETIME NOT NULL,
                    updated_at  DATETIME NOT NULL,
                    lockout     TEXT NOT NULL DEFAULT '{"failures":0}'
                ) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v5-queue") { db in
            // The queue: where each ticket stands, which counter called it, the wait it was promised,
            // and the line it is in now (queue_area; a transfer keeps the printed number and area_code).
            try db.execute(sql: """
                ALTER TABLE ticket ADD COLUMN queue_state TEXT NOT NULL DEFAULT 'waiting';
                ALTER TABLE ticket ADD COLUMN queue_area TEXT;
                ALTER TABLE ticket ADD COLUMN counter INTEGER;
                ALTER TABLE ticket ADD COLUMN called_at DATETIME;
                ALTER TABLE ticket ADD COLUMN done_at DATETIME;
                ALTER TABLE ticket ADD COLUMN recalls INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE ticket ADD COLUMN source TEXT NOT NULL DEFAULT 'kiosk';
                ALTER TABLE ticket ADD COLUMN ahead INTEGER;
                ALTER TABLE ticket ADD COLUMN estimate_minutes INTEGER;
                ALTER TABLE ticket ADD COLUMN print_attempts INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX ticket_queue ON ticket (service_day, queue_state);
                """)
        }
        m.registerMigration("v6-calls-web-sessions") { db in
            // Calls shown on the hall's board: the id is the board's event id, so it survives a restart.
            // Web sessions of the counters' page: the cookie's token is kept only as its SHA-256.
            try db.execute(sql: """
                CREATE TABLE queue_call (
                    id          INTEGER PRIMARY KEY AUTOINCREMENT,
                    at          DATETIME NOT NULL,
                    service_day TEXT NOT NULL,
                    kind        TEXT NOT NULL CHECK (kind IN ('call', 'recall')),
                    number      TEXT NOT NULL,
                    area_code   TEXT NOT NULL,
                    counter     INTEGER NOT NULL,
                    staff       TEXT
                );
                CREATE INDEX queue_call_by_day ON queue_call (service_day, id);
                CREATE TABLE web_session (
                    token_sha256 TEXT PRIMARY KEY,
                    staff_number TEXT NOT NULL,
                    csrf         TEXT NOT NULL,
                    counter      INTEGER,
                    created_at   DATETIME NOT NULL,
                    last_seen    DATETIME NOT NULL,
                    expires_at   DATETIME NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v7-staff-tokens") { db in
            // A staff member's certified token (by its serial), and dossiers that wait for the staff
            // signature: when they started waiting, when they were signed, and how (algorithm, certificate).
            try db.execute(sql: """
                ALTER TABLE staff ADD COLUMN token_serial TEXT;
                ALTER TABLE dossier ADD COLUMN staff_signature_alg TEXT;
                ALTER TABLE dossier ADD COLUMN staff_certificate BLOB;
                ALTER TABLE dossier ADD COLUMN signature_waiting_since DATETIME;
                ALTER TABLE dossier ADD COLUMN staff_signed_at DATETIME;
                CREATE INDEX dossier_waiting_signature ON dossier (assisted_by) WHERE state = 'awaiting_signature';
                """)
        }
        m.registerMigration("v8-official-date") { db in
            // The date the receiving official set after checking the papers, as the central system reports it;
            // appointment_date stays the kiosk's estimate from the legal deadline.
            try db.execute(sql: "ALTER TABLE dossier ADD COLUMN official_date TEXT")
        }
        m.registerMigration("v8-unmapped-address") { db in
            // ID-card addresses the tables could not bring up to date, one row a day each, for the population-data officer.
            try db.execute(sql: """
                CREATE TABLE unmapped_address (
                    service_day TEXT NOT NULL,
                    address     TEXT NOT NULL,
                    reason      TEXT NOT NULL,
                    seen        INTEGER NOT NULL DEFAULT 1,
                    first_at    DATETIME NOT NULL,
                    last_at     DATETIME NOT NULL,
                    PRIMARY KEY (service_day, address)
                ) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v9-sealed-dossiers") { db in
            // Issue 14: a confirmed dossier's document and scans are sealed to the central system's key
            // (HPKE). The lookup code is kept as a hash; each attachment's row keeps the size and
            // SHA-256 of its sealed file (what is uploaded) beside those of the plain scan (what is signed).
            try db.execute(sql: """
                ALTER TABLE dossier ADD COLUMN lookup_hash TEXT;
                ALTER TABLE dossier ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE attachment ADD COLUMN sealed_size INTEGER;
                ALTER TABLE attachment ADD COLUMN sealed_sha256 TEXT;
                """)
        }
        m.registerMigration("v10-waiting-document-digest") { db in
            // Issue 14: a dossier waiting for its staff signature is sealed at confirm like any other;
            // the row keeps the plain document's SHA-256, which is what the staff member's token signs.
            try db.execute(sql: "ALTER TABLE dossier ADD COLUMN document_sha256 TEXT")
        }
        m.registerMigration("v11-unprinted-ticket-index") { db in
            // Issue 16: at start kioskd marks tickets never handed to CUPS as failed; without an index
            // that scanned every ticket ever issued (200,000 tickets: 20 % of the start). This one
            // holds only the few tickets not yet printed; the query's IN term must stay the same.
            try db.execute(sql: "CREATE INDEX ticket_unprinted ON ticket (issued_at) WHERE print_state IN ('pending', 'sent')")
        }
        m.registerMigration("v12-drop-ticket-by-day") { db in
            // Issue 16: every query on a day's tickets searches ticket_queue (service_day, queue_state),
            // and one on an area's day the UNIQUE (area_code, service_day, sequence) index; SQLite
            // chose neither through this one (TicketDayPlanTests), which only cost each ticket's
            // commit an index page to write.
            try db.execute(sql: "DROP INDEX IF EXISTS ticket_by_day")
        }
        return m
    }
}
