import GRDB

/// The intake's schema: named, forward-only migrations (`v1-dossiers` … `v5-operator-audit`), and
/// the `noUniqueKey` test mode's own (`test-no-unique-key`).
extension IntakeStore {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-dossiers") { db in
            try db.execute(sql: """
                CREATE TABLE intake_dossier (
                    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    body_sha256     TEXT NOT NULL,
                    body            BLOB NOT NULL,
                    response        BLOB NOT NULL,
                    received_at     DATETIME NOT NULL
                );
                CREATE TABLE intake_counter (
                    name  TEXT PRIMARY KEY,
                    value INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v2-contract") { db in
            try db.execute(sql: """
                ALTER TABLE intake_dossier ADD COLUMN dossier_code TEXT;
                ALTER TABLE intake_dossier ADD COLUMN procedure_code TEXT;
                ALTER TABLE intake_dossier ADD COLUMN kiosk_id TEXT;
                ALTER TABLE intake_dossier ADD COLUMN kiosk_signature TEXT;
                ALTER TABLE intake_dossier ADD COLUMN staff_id TEXT;
                ALTER TABLE intake_dossier ADD COLUMN staff_signature TEXT;
                ALTER TABLE intake_dossier ADD COLUMN status TEXT NOT NULL DEFAULT 'received';
                ALTER TABLE intake_dossier ADD COLUMN missing_documents TEXT;
                ALTER TABLE intake_dossier ADD COLUMN status_at DATETIME;
                ALTER TABLE intake_dossier ADD COLUMN appointment_date TEXT;
                ALTER TABLE intake_dossier ADD COLUMN finalized_at DATETIME;
                CREATE INDEX intake_dossier_by_code ON intake_dossier (dossier_code);
                CREATE TABLE intake_upload (
                    upload_id       TEXT PRIMARY KEY,
                    dossier_key     TEXT NOT NULL,
                    attachment_id   TEXT NOT NULL,
                    length          INTEGER NOT NULL,
                    upload_offset   INTEGER NOT NULL DEFAULT 0,
                    sha256          TEXT NOT NULL,
                    media_type      TEXT NOT NULL,
                    complete        INTEGER NOT NULL DEFAULT 0,
                    corrupt         INTEGER NOT NULL DEFAULT 0,
                    created_at      DATETIME NOT NULL,
                    UNIQUE (dossier_key, attachment_id)
                ) WITHOUT ROWID;
                CREATE TABLE intake_heartbeat (
                    kiosk_id    TEXT PRIMARY KEY,
                    received_at DATETIME NOT NULL,
                    body        BLOB NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v3-received-index") { db in
            try db.execute(sql: "CREATE INDEX intake_dossier_by_received ON intake_dossier (received_at)")
        }
        m.registerMigration("v4-request-nonces") { db in
            // Nonces of signed requests, kept while their timestamp is inside the replay window.
            try db.execute(sql: """
                CREATE TABLE intake_nonce (
                    key_id       TEXT NOT NULL,
                    nonce        TEXT NOT NULL,
                    request_time INTEGER NOT NULL,
                    PRIMARY KEY (key_id, nonce)
                ) WITHOUT ROWID;
                CREATE INDEX intake_nonce_by_time ON intake_nonce (request_time);
                """)
        }
        m.registerMigration("v5-operator-audit") { db in
            // Every use of the operator routes: who, what, when, which dossier, and the answer.
            try db.execute(sql: """
                CREATE TABLE intake_operator_audit (
                    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
                    at       DATETIME NOT NULL,
                    operator TEXT NOT NULL,
                    action   TEXT NOT NULL,
                    target   TEXT,
                    status   INTEGER NOT NULL,
                    remote   TEXT
                );
                """)
        }
        m.registerMigration("v6-staff-signatures", migrate: staffSignaturesMigration)
        m.registerMigration("v7-official-date") { db in
            // The result date the receiving official set after checking the papers (the kiosk's is an estimate).
            try db.execute(sql: "ALTER TABLE intake_dossier ADD COLUMN official_date TEXT")
        }
        m.registerMigration("v8-sealed") { db in
            // Issue 14: the kiosk sent the document sealed to the intake's key (HPKE); body is what the seal held,
            // body_sha256 the hash of the envelope as sent, and the attachments are opened and checked at submit.
            try db.execute(sql: "ALTER TABLE intake_dossier ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0")
        }
        return m
    }
}
