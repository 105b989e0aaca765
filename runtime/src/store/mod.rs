//! Where installations live: one [`TokenStore`] trait keyed by Pipedrive company and user, with three backends
//! that [`connect`] picks from a URL:
//!
//! | URL | backend | feature |
//! | --- | --- | --- |
//! | `sqlite://pdx-demo.db`, `sqlite:///absolute/path.db` | a SQLite file, created on first start (no outside service) | `sqlite` (default) |
//! | `postgres://user:password@host/db` (or `postgresql://`) | PostgreSQL, for several instances behind a load balancer | `postgres` |
//! | `memory:` | [`MemoryStore`]: this process's memory, lost when it exits (tests, trying things out) | always |
//!
//! Tokens are encrypted at rest with ChaCha20-Poly1305 under a [`TokenKey`] from configuration. The OAuth
//! `state` of an install the app started needs no storage until the install finishes (it is sealed with the
//! same key); the store then records it until it expires, so that it is used once.

mod cipher;
mod memory;
mod model;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
mod schema;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
mod sql;
#[cfg(feature = "sqlite")]
mod sqlite;

pub use cipher::{KeyError, TokenKey};
pub use memory::MemoryStore;
pub(crate) use model::redact_url;
pub use model::{Installation, RefreshOutcome, StoreCounts, StoreError, TokenGrant};

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// The URL of a [`MemoryStore`] for [`connect`].
pub const MEMORY_URL: &str = "memory:";

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

/// What [`TokenStore::refresh`] is asked to do: refresh the installation of `company_id` and `user_id` unless
/// its access token is no longer `stale_access_token` and stays valid `min_valid_secs` more.
#[derive(Clone, Copy)]
pub struct RefreshRequest<'a> {
    /// Pipedrive company id.
    pub company_id: &'a str,
    /// Pipedrive user id.
    pub user_id: &'a str,
    /// The access token that expired or that the API refused.
    pub stale_access_token: &'a str,
    /// A token expiring within this many seconds is refreshed too.
    pub min_valid_secs: i64,
    /// Asks Pipedrive for the new tokens.
    pub refresher: &'a dyn Refresher,
}

/// Installations (tokens per Pipedrive company and user) and the OAuth states already used.
///
/// Ids are Pipedrive's, as strings (as [`PipedriveUser`](crate::auth::PipedriveUser) keeps them). Every write
/// follows a request Pipedrive authenticated (an exchanged authorization code, a refresh, an uninstall notice
/// with the app's credentials), so unauthenticated requests cannot grow a store.
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
    /// still the stale one (or expires within `min_valid_secs`) calls the refresher and saves what it returns.
    fn refresh<'a>(&'a self, request: RefreshRequest<'a>) -> StoreFuture<'a, RefreshOutcome>;

    /// Whether the OAuth state with this nonce was already used to finish an install.
    fn is_state_used<'a>(&'a self, nonce: &'a str) -> StoreFuture<'a, bool>;

    /// Records that the state with this nonce finished an install, until `expires_at` (when the state itself
    /// stops being accepted), and forgets the records of expired states. `false` when it was already recorded:
    /// a replay.
    fn record_used_state<'a>(&'a self, nonce: &'a str, expires_at: i64) -> StoreFuture<'a, bool>;

    /// The company and user ids of every installation (for tasks that visit them all, such as the webhooks'
    /// reconcile).
    fn installation_ids(&self) -> StoreFuture<'_, Vec<(String, String)>>;

    /// Saves the installation's webhook secret (the Basic password of its deliveries), encrypted like its
    /// tokens, replacing any other. [`delete_installation`](Self::delete_installation) deletes it too.
    fn put_webhook_secret<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
        secret: &'a str,
    ) -> StoreFuture<'a, ()>;

    /// The installation's webhook secret, if one was saved.
    fn webhook_secret<'a>(
        &'a self,
        company_id: &'a str,
        user_id: &'a str,
    ) -> StoreFuture<'a, Option<String>>;

    /// Records that the delivery identified by `delivery` reached the app, until `expires_at`, atomically,
    /// and forgets expired records. `false` when it was already recorded: a redelivery. Only authenticated
    /// deliveries are recorded, so the table grows with real deliveries only.
    fn record_delivery<'a>(&'a self, delivery: &'a str, expires_at: i64) -> StoreFuture<'a, bool>;

    /// How many installations and used-state records the store holds.
    fn counts(&self) -> StoreFuture<'_, StoreCounts>;
}

/// Opens the store a URL names (see the [module docs](self)), creating its tables (and for SQLite the file)
/// when missing. A URL whose backend this build does not compile says which feature to turn on.
pub async fn connect(url: &str, key: TokenKey) -> Result<Arc<dyn TokenStore>, StoreError> {
    if url == MEMORY_URL {
        return Ok(Arc::new(MemoryStore::new()));
    }
    #[cfg(feature = "sqlite")]
    if url.starts_with("sqlite:") {
        return Ok(Arc::new(sqlite::connect(url, key).await?));
    }
    #[cfg(feature = "postgres")]
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Arc::new(postgres::connect(url, key).await?));
    }
    let _ = key; // unused when no SQL backend is compiled in
    Err(unsupported(url))
}

/// The URL prefixes of the SQL backends and the feature that compiles each.
const BACKEND_FEATURES: [(&str, &str); 3] = [
    ("sqlite:", "sqlite"),
    ("postgres://", "postgres"),
    ("postgresql://", "postgres"),
];

/// Why [`connect`] cannot open `url`: its backend is not compiled in (naming the feature), or its scheme is
/// unknown.
fn unsupported(url: &str) -> StoreError {
    let shown = redact_url(url);
    let message = match BACKEND_FEATURES
        .iter()
        .find(|(prefix, _)| url.starts_with(prefix))
    {
        Some((_, feature)) => format!(
            "`{shown}` needs the `{feature}` feature of pdx, which this build leaves out: turn it on, e.g. \
             `pdx = {{ version = \"0.1\", features = [\"{feature}\"] }}` in Cargo.toml"
        ),
        None => format!(
            "unsupported database URL scheme in `{shown}`: use `sqlite://file.db`, `sqlite:///absolute/path.db`, \
             `postgres://...` or `{MEMORY_URL}`"
        ),
    };
    StoreError::Config(message)
}

/// Seconds since the Unix epoch.
pub(crate) fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The refresh rule every backend runs while it holds the installation's lock: tokens another caller (or
/// instance) refreshed meanwhile are reused; otherwise Pipedrive is asked once. `Refreshed` is to be saved
/// before the lock is released.
pub(crate) async fn refresh_under_lock(
    current: Installation,
    request: &RefreshRequest<'_>,
) -> RefreshOutcome {
    let fresh_until = now_secs() + request.min_valid_secs;
    if current.access_token != request.stale_access_token && current.expires_at > fresh_until {
        return RefreshOutcome::AlreadyFresh(current);
    }
    match request.refresher.refresh(&current.refresh_token).await {
        Err(reason) => RefreshOutcome::Refused(reason),
        Ok(grant) => RefreshOutcome::Refreshed(current.with_grant(&grant, now_secs())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backend_left_out_names_its_feature() {
        let e = unsupported("postgres://pdx:hunter2@db/pdx").to_string();
        assert!(e.contains("needs the `postgres` feature"), "{e}");
        assert!(e.contains("features = [\"postgres\"]"), "{e}");
        assert!(!e.contains("hunter2"), "{e}");
        let e = unsupported("sqlite://pdx.db").to_string();
        assert!(e.contains("needs the `sqlite` feature"), "{e}");
        let e = unsupported("mysql://u:pw@h/db").to_string();
        assert!(
            e.contains("unsupported database URL scheme") && e.contains("memory:"),
            "{e}"
        );
        assert!(!e.contains("pw@"), "{e}");
    }
}
