//! The embedded default store (feature `sqlite`): one SQLite file, created on first start.

use super::sql::{Backend, Locking, SqlStore};
use super::{StoreError, TokenKey};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use std::str::FromStr;
use std::time::Duration;

/// SQLite: `BLOB` columns; a refresh (or the migrations) take the database's write lock.
pub(crate) struct Sqlite;

impl Backend for Sqlite {
    type Db = sqlx::Sqlite;
    const BYTES: &'static str = "BLOB";
    const LOCKING: Locking = Locking::Database;
}

/// How long a writer waits for another connection's (or instance's) write lock, e.g. during a refresh.
const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// Opens (creating when missing) the file the URL names (`sqlite://pdx-demo.db`, `sqlite:///absolute/path.db`)
/// and runs the migrations it lacks.
pub(crate) async fn connect(url: &str, key: TokenKey) -> Result<SqlStore<Sqlite>, StoreError> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| StoreError::Config(format!("bad SQLite URL `{url}`: {e}")))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(BUSY_TIMEOUT);
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .map_err(|e| StoreError::Database(format!("cannot open SQLite database `{url}`: {e}")))?;
    SqlStore::open(pool, key).await
}
