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

#[cfg(test)]
mod tests {
    use super::*;

    /// The prune that runs before each recorded delivery or finished install reads the expired rows through the
    /// expiry index, not the whole table.
    #[tokio::test]
    async fn pruning_expired_rows_uses_the_expiry_index() {
        let store = connect("sqlite::memory:", TokenKey::from_array([5; 32]))
            .await
            .expect("store");
        for table in ["pdx_webhook_deliveries", "pdx_used_oauth_states"] {
            let plan = format!("EXPLAIN QUERY PLAN DELETE FROM {table} WHERE expires_at < 1");
            let rows: Vec<(i64, i64, i64, String)> = sqlx::query_as(&plan)
                .fetch_all(store.pool())
                .await
                .expect("plan");
            let steps: Vec<&str> = rows.iter().map(|r| r.3.as_str()).collect();
            assert_eq!(
                steps,
                [format!(
                    "SEARCH {table} USING INDEX {table}_expires_at (expires_at<?)"
                )],
                "{table}"
            );
        }
    }
}
