//! The store's tables, as embedded SQL migrations run in order when a store is opened. `{BYTES}` is the binary
//! column type of the backend (`BLOB` in SQLite, `BYTEA` in PostgreSQL).

/// `(version, statements)`, in order. Never edit a released migration: add the next one.
pub(crate) const MIGRATIONS: &[(i64, &[&str])] = &[
    (
        1,
        &[
            "CREATE TABLE pdx_meta (name TEXT PRIMARY KEY, value {BYTES} NOT NULL)",
            "CREATE TABLE pdx_installations (\
                company_id TEXT NOT NULL, \
                user_id TEXT NOT NULL, \
                api_domain TEXT NOT NULL, \
                scope TEXT NOT NULL, \
                access_token {BYTES} NOT NULL, \
                refresh_token {BYTES} NOT NULL, \
                expires_at BIGINT NOT NULL, \
                updated_at BIGINT NOT NULL, \
                PRIMARY KEY (company_id, user_id))",
            "CREATE TABLE pdx_oauth_states (\
                state TEXT PRIMARY KEY, \
                resume_url TEXT, \
                expires_at BIGINT NOT NULL)",
        ],
    ),
    // Install starts no longer write a row (their state is sealed with the token key): only the states of
    // finished installs are recorded, until they expire, so that none is used twice.
    (
        2,
        &[
            "DROP TABLE pdx_oauth_states",
            "CREATE TABLE pdx_used_oauth_states (\
                nonce TEXT PRIMARY KEY, \
                expires_at BIGINT NOT NULL)",
        ],
    ),
    // Webhooks: each installation's Basic password for deliveries (encrypted with the token key), and the
    // deliveries already handed to the app, until they expire, so that a redelivery runs nothing twice.
    (
        3,
        &[
            "CREATE TABLE pdx_webhook_secrets (\
                company_id TEXT NOT NULL, \
                user_id TEXT NOT NULL, \
                secret {BYTES} NOT NULL, \
                PRIMARY KEY (company_id, user_id))",
            "CREATE TABLE pdx_webhook_deliveries (\
                delivery TEXT PRIMARY KEY, \
                expires_at BIGINT NOT NULL)",
        ],
    ),
    // Every recorded delivery and finished install first deletes the expired rows: by their expiry, so that
    // the delete reads only those rows, not a day of deliveries each time.
    (
        4,
        &[
            "CREATE INDEX pdx_webhook_deliveries_expires_at ON pdx_webhook_deliveries (expires_at)",
            "CREATE INDEX pdx_used_oauth_states_expires_at ON pdx_used_oauth_states (expires_at)",
        ],
    ),
];

/// The table that records applied migrations.
pub(crate) const CREATE_MIGRATIONS_TABLE: &str = "CREATE TABLE IF NOT EXISTS pdx_schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)";
