//! Where installations live: one [`TokenStore`] trait keyed by Pipedrive company and user, with an embedded
//! SQLite backend (the default: a file created on first start, no outside service) and a PostgreSQL backend for
//! apps that run several instances behind a load balancer. [`connect`] picks one from a URL.
//!
//! Tokens are encrypted at rest with ChaCha20-Poly1305 under a [`TokenKey`] from configuration. The OAuth
//! `state` of installs the app started lives here too, so any instance can finish an install another started.

mod cipher;
mod model;
mod postgres;
mod schema;
mod sqlite;

pub use cipher::{KeyError, TokenKey};
pub(crate) use model::redact_url;
pub use model::{Installation, OAuthState, RefreshOutcome, StoreError, TokenGrant};
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// The future a [`TokenStore`] method returns.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// The future a [`Refresher`] returns: the new tokens, or why Pipedrive refused.
pub type RefreshFuture<'a> = Pin<Box<dyn Future<Output = Result<TokenGrant, String>> + Send + 'a>>;

/// Asks Pipedrive's OAuth server for new tokens. Called by [`TokenStore::refresh`] while it holds the
/// installation's lock, so at most one refresh per installation runs at a time across instances.
pub trait Refresher: Send + Sync {
    /// Exchanges `refresh_token` for new tokens (`grant_type=refresh_token`).
    fn refresh<'a>(&'a self, refresh_token: &'a str) -> RefreshFuture<'a>;
}

/// Installations (tokens per Pipedrive company and user) and pending OAuth states.
///
/// Ids are Pipedrive's, as strings (as [`PipedriveUser`](crate::auth::PipedriveUser) keeps them).
pub trait TokenStore: Send + Sync + 'static {
    /// Saves an installation, replacing the one of the same company and user.
    fn put_installation<'a>(&'a self, installation: &'a Installation) -> StoreFuture<'a, ()>;

    /// The installation of this company and user, if the app is installed for them.
    fn installation<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
    ) -> StoreFuture<'a, Option<Installation>>;

    /// Deletes an installation; `true` when there was one.
    fn delete_installation<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
    ) -> StoreFuture<'a, bool>;

    /// Refreshes the installation's access token unless another instance already did: locks the installation
    /// (PostgreSQL `SELECT … FOR UPDATE`, SQLite `BEGIN IMMEDIATE`), reloads it, and when its access token is
    /// still `stale_access_token` (or expires within `min_valid_secs`) calls `refresher` and saves what it returns.
    fn refresh<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
        stale_access_token: &'a str,
        min_valid_secs: i64,
        refresher: &'a dyn Refresher,
    ) -> StoreFuture<'a, RefreshOutcome>;

    /// Records an OAuth `state` the app issued, with where to send the user once installed.
    fn put_state<'a>(&'a self, state: &'a OAuthState) -> StoreFuture<'a, ()>;

    /// Takes (reads and deletes, in one statement) a state: a second take of the same value finds nothing.
    /// Expired states are returned as they are; the caller checks [`OAuthState::expires_at`].
    fn take_state<'a>(&'a self, state: &'a str) -> StoreFuture<'a, Option<OAuthState>>;
}

/// Opens the store a URL names, creating its tables (and for SQLite the file) when missing:
/// `sqlite://pdx-demo.db` (relative to the working directory), `sqlite:///absolute/path.db`,
/// `postgres://user:password@host/db` (or `postgresql://`).
pub async fn connect(url: &str, key: TokenKey) -> Result<Arc<dyn TokenStore>, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url, key).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PostgresStore::connect(url, key).await?))
    } else {
        Err(StoreError::Config(format!(
            "unsupported database URL scheme in `{}`: use `sqlite://file.db`, `sqlite:///absolute/path.db` or \
             `postgres://...`",
            model::redact_url(url)
        )))
    }
}

/// Seconds since the Unix epoch.
pub(crate) fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The refresh rule both backends run while they hold the installation's row lock: tokens another caller (or
/// instance) refreshed meanwhile are reused; otherwise Pipedrive is asked once. `Refreshed` is to be saved
/// before the lock is released.
pub(crate) async fn refresh_under_lock(
    current: Installation,
    stale_access_token: &str,
    min_valid_secs: i64,
    refresher: &dyn Refresher,
) -> RefreshOutcome {
    let fresh_until = now_secs() + min_valid_secs;
    if current.access_token != stale_access_token && current.expires_at > fresh_until {
        return RefreshOutcome::AlreadyFresh(current);
    }
    match refresher.refresh(&current.refresh_token).await {
        Err(reason) => RefreshOutcome::Refused(reason),
        Ok(grant) => RefreshOutcome::Refreshed(current.with_grant(&grant, now_secs())),
    }
}
