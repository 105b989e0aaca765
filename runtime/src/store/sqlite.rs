//! The embedded default store: one SQLite file, created on first start.

use super::cipher::{self, TokenKey};
use super::schema::{CREATE_MIGRATIONS_TABLE, EXPIRED_STATE_GRACE_SECS, MIGRATIONS};
use super::{
    Installation, OAuthState, RefreshOutcome, Refresher, StoreError, StoreFuture, TokenStore,
    now_secs,
};
use sqlx::Row;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
};
use std::str::FromStr;
use std::time::Duration;

/// How long a writer waits for another connection's (or instance's) write lock, e.g. during a refresh.
const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

const SELECT_INSTALLATION: &str = "SELECT company_id, user_id, api_domain, scope, access_token, refresh_token, \
     expires_at FROM pdx_installations WHERE company_id = ? AND user_id = ?";

/// Installations in a SQLite file (`sqlite://pdx-demo.db`, `sqlite:///absolute/path.db`).
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    key: TokenKey,
}

impl SqliteStore {
    /// Opens (creating when missing) the file the URL names and runs the migrations it lacks. Fails with
    /// [`StoreError::WrongKey`] when the file's tokens were written with another key.
    pub async fn connect(url: &str, key: TokenKey) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("bad SQLite URL `{url}`: {e}")))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| {
                StoreError::Database(format!("cannot open SQLite database `{url}`: {e}"))
            })?;
        let store = Self { pool, key };
        store.migrate().await?;
        store.check_key().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query(CREATE_MIGRATIONS_TABLE)
            .execute(&mut *tx)
            .await?;
        for (version, statements) in MIGRATIONS {
            let done = sqlx::query("SELECT 1 FROM pdx_schema_migrations WHERE version = ?")
                .bind(version)
                .fetch_optional(&mut *tx)
                .await?;
            if done.is_some() {
                continue;
            }
            for statement in *statements {
                sqlx::query(&statement.replace("{BYTES}", "BLOB"))
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("INSERT INTO pdx_schema_migrations (version, applied_at) VALUES (?, ?)")
                .bind(version)
                .bind(now_secs())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn check_key(&self) -> Result<(), StoreError> {
        let sealed = self
            .key
            .seal(cipher::KEY_CHECK_PLAINTEXT, cipher::KEY_CHECK_CONTEXT);
        sqlx::query("INSERT INTO pdx_meta (name, value) VALUES ('key_check', ?) ON CONFLICT (name) DO NOTHING")
            .bind(sealed)
            .execute(&self.pool)
            .await?;
        let stored: Vec<u8> =
            sqlx::query_scalar("SELECT value FROM pdx_meta WHERE name = 'key_check'")
                .fetch_one(&self.pool)
                .await?;
        match self.key.open(&stored, cipher::KEY_CHECK_CONTEXT) {
            Some(text) if text == cipher::KEY_CHECK_PLAINTEXT => Ok(()),
            _ => Err(StoreError::WrongKey(cipher::wrong_key_message())),
        }
    }

    fn decode(&self, row: &SqliteRow) -> Result<Installation, StoreError> {
        let company_id: String = row.try_get("company_id")?;
        let user_id: String = row.try_get("user_id")?;
        let access: Vec<u8> = row.try_get("access_token")?;
        let refresh: Vec<u8> = row.try_get("refresh_token")?;
        Ok(Installation {
            access_token: cipher::open_token(
                &self.key,
                &access,
                &company_id,
                &user_id,
                "access_token",
            )?,
            refresh_token: cipher::open_token(
                &self.key,
                &refresh,
                &company_id,
                &user_id,
                "refresh_token",
            )?,
            api_domain: row.try_get("api_domain")?,
            scope: row.try_get("scope")?,
            expires_at: row.try_get("expires_at")?,
            company_id,
            user_id,
        })
    }

    async fn save<'c, E>(&self, executor: E, i: &Installation) -> Result<(), StoreError>
    where
        E: sqlx::Executor<'c, Database = sqlx::Sqlite>,
    {
        let (access, refresh) = cipher::seal_tokens(&self.key, i);
        sqlx::query(
            "INSERT INTO pdx_installations (company_id, user_id, api_domain, scope, access_token, refresh_token, \
             expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (company_id, user_id) DO UPDATE \
             SET api_domain = excluded.api_domain, scope = excluded.scope, access_token = excluded.access_token, \
             refresh_token = excluded.refresh_token, expires_at = excluded.expires_at, updated_at = excluded.updated_at",
        )
        .bind(&i.company_id)
        .bind(&i.user_id)
        .bind(&i.api_domain)
        .bind(&i.scope)
        .bind(access)
        .bind(refresh)
        .bind(i.expires_at)
        .bind(now_secs())
        .execute(executor)
        .await?;
        Ok(())
    }

    async fn refresh_inner(
        &self,
        company_id: &str,
        user_id: &str,
        stale_access_token: &str,
        min_valid_secs: i64,
        refresher: &dyn Refresher,
    ) -> Result<RefreshOutcome, StoreError> {
        // BEGIN IMMEDIATE takes the database's write lock now: a second instance waits here, then sees the
        // tokens this one saved.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let row = sqlx::query(SELECT_INSTALLATION)
            .bind(company_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            return Ok(RefreshOutcome::NotInstalled);
        };
        let current = self.decode(&row)?;
        match super::refresh_under_lock(current, stale_access_token, min_valid_secs, refresher)
            .await
        {
            RefreshOutcome::Refreshed(updated) => {
                self.save(&mut *tx, &updated).await?;
                tx.commit().await?;
                Ok(RefreshOutcome::Refreshed(updated))
            }
            other => Ok(other),
        }
    }
}

impl TokenStore for SqliteStore {
    fn put_installation<'a>(&'a self, installation: &'a Installation) -> StoreFuture<'a, ()> {
        Box::pin(self.save(&self.pool, installation))
    }

    fn installation<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
    ) -> StoreFuture<'a, Option<Installation>> {
        Box::pin(async move {
            let row = sqlx::query(SELECT_INSTALLATION)
                .bind(company_id)
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?;
            row.map(|r| self.decode(&r)).transpose()
        })
    }

    fn delete_installation<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
    ) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let done =
                sqlx::query("DELETE FROM pdx_installations WHERE company_id = ? AND user_id = ?")
                    .bind(company_id)
                    .bind(user_id)
                    .execute(&self.pool)
                    .await?;
            Ok(done.rows_affected() > 0)
        })
    }

    fn refresh<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
        stale_access_token: &'a str,
        min_valid_secs: i64,
        refresher: &'a dyn Refresher,
    ) -> StoreFuture<'a, RefreshOutcome> {
        Box::pin(self.refresh_inner(
            company_id,
            user_id,
            stale_access_token,
            min_valid_secs,
            refresher,
        ))
    }

    fn put_state<'a>(&'a self, state: &'a OAuthState) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            sqlx::query("DELETE FROM pdx_oauth_states WHERE expires_at < ?")
                .bind(now_secs() - EXPIRED_STATE_GRACE_SECS)
                .execute(&self.pool)
                .await?;
            sqlx::query(
                "INSERT INTO pdx_oauth_states (state, resume_url, expires_at) VALUES (?, ?, ?)",
            )
            .bind(&state.state)
            .bind(&state.resume_url)
            .bind(state.expires_at)
            .execute(&self.pool)
            .await?;
            Ok(())
        })
    }

    fn take_state<'a>(&'a self, state: &'a str) -> StoreFuture<'a, Option<OAuthState>> {
        Box::pin(async move {
            let row = sqlx::query(
                "DELETE FROM pdx_oauth_states WHERE state = ? RETURNING resume_url, expires_at",
            )
            .bind(state)
            .fetch_optional(&self.pool)
            .await?;
            row.map(|r| {
                Ok(OAuthState {
                    state: state.to_owned(),
                    resume_url: r.try_get("resume_url")?,
                    expires_at: r.try_get("expires_at")?,
                })
            })
            .transpose()
        })
    }
}
