//! The store for several instances behind a load balancer (feature `postgres`): PostgreSQL, without TLS (reach
//! it on a private network or loopback).

use super::sql::{Backend, Locking, SqlStore};
use super::{StoreError, TokenKey};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::time::Duration;

/// How long to wait for a connection from the pool.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// PostgreSQL: `BYTEA` columns; a refresh locks the installation's row, migrations an advisory lock.
pub(crate) struct Postgres;

impl Backend for Postgres {
    type Db = sqlx::Postgres;
    const BYTES: &'static str = "BYTEA";
    const LOCKING: Locking = Locking::RowsAndAdvisory;
}

/// Connects to the database the URL names (`postgres://user:password@host:5432/db`) and runs the migrations
/// it lacks.
pub(crate) async fn connect(url: &str, key: TokenKey) -> Result<SqlStore<Postgres>, StoreError> {
    let shown = super::redact_url(url);
    let options = PgConnectOptions::from_str(url)
        .map_err(|e| StoreError::Config(format!("bad PostgreSQL URL `{shown}`: {e}")))?;
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(|e| {
            StoreError::Database(format!("cannot connect to PostgreSQL `{shown}`: {e}"))
        })?;
    SqlStore::open(pool, key).await
}
