//! The store for several instances behind a load balancer: PostgreSQL (no TLS: reach it on a private network
//! or loopback).

use super::cipher::{self, TokenKey};
use super::schema::{CREATE_MIGRATIONS_TABLE, EXPIRED_STATE_GRACE_SECS, MIGRATIONS};
use super::{
    Installation, OAuthState, RefreshOutcome, Refresher, StoreError, StoreFuture, TokenStore,
    now_secs,
};
use sqlx::Row;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use std::str::FromStr;
use std::time::Duration;

/// How long to wait for a connection from the pool.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

const SELECT_INSTALLATION: &str = "SELECT company_id, user_id, api_domain, scope, access_token, refresh_token, \
     expires_at FROM pdx_installations WHERE company_id = $1 AND user_id = $2";

/// Locks the row until the transaction ends: a second instance refreshing the same installation waits here.
const SELECT_INSTALLATION_FOR_UPDATE: &str = "SELECT company_id, user_id, api_domain, scope, access_token, \
     refresh_token, expires_at FROM pdx_installations WHERE company_id = $1 AND user_id = $2 FOR UPDATE";

/// The advisory lock key that serializes migrations of instances starting at once.
const MIGRATION_LOCK: i64 = 0x7064_785f_6d69_6772;

/// Installations in a PostgreSQL database (`postgres://user:password@host:5432/db`).
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
    key: TokenKey,
}

impl PostgresStore {
    /// Connects to the database the URL names and runs the migrations it lacks. Fails with
    /// [`StoreError::WrongKey`] when the database's tokens were written with another key.
    pub async fn connect(url: &str, key: TokenKey) -> Result<Self, StoreError> {
        let shown = super::model::redact_url(url);
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
        let store = Self { pool, key };
        store.migrate().await?;
        store.check_key().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(MIGRATION_LOCK)
            .execute(&mut *tx)
            .await?;
        sqlx::query(CREATE_MIGRATIONS_TABLE)
            .execute(&mut *tx)
            .await?;
        for (version, statements) in MIGRATIONS {
            let done = sqlx::query("SELECT 1 FROM pdx_schema_migrations WHERE version = $1")
                .bind(version)
                .fetch_optional(&mut *tx)
                .await?;
            if done.is_some() {
                continue;
            }
            for statement in *statements {
                sqlx::query(&statement.replace("{BYTES}", "BYTEA"))
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("INSERT INTO pdx_schema_migrations (version, applied_at) VALUES ($1, $2)")
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
        sqlx::query("INSERT INTO pdx_meta (name, value) VALUES ('key_check', $1) ON CONFLICT (name) DO NOTHING")
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

    fn decode(&self, row: &PgRow) -> Result<Installation, StoreError> {
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
        E: sqlx::Executor<'c, Database = sqlx::Postgres>,
    {
        let (access, refresh) = cipher::seal_tokens(&self.key, i);
        sqlx::query(
            "INSERT INTO pdx_installations (company_id, user_id, api_domain, scope, access_token, refresh_token, \
             expires_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (company_id, user_id) DO UPDATE \
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
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(SELECT_INSTALLATION_FOR_UPDATE)
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

impl TokenStore for PostgresStore {
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
                sqlx::query("DELETE FROM pdx_installations WHERE company_id = $1 AND user_id = $2")
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
            sqlx::query("DELETE FROM pdx_oauth_states WHERE expires_at < $1")
                .bind(now_secs() - EXPIRED_STATE_GRACE_SECS)
                .execute(&self.pool)
                .await?;
            sqlx::query(
                "INSERT INTO pdx_oauth_states (state, resume_url, expires_at) VALUES ($1, $2, $3)",
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
                "DELETE FROM pdx_oauth_states WHERE state = $1 RETURNING resume_url, expires_at",
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
