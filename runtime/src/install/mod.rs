//! Installing a pdx app in a Pipedrive company with OAuth ("OAuth authorization", "App installation flows",
//! "Handling user app uninstallation" in Pipedrive's docs: <https://pipedrive.readme.io/docs/marketplace-oauth-authorization>).
//!
//! [`Installations`] is the handle an app builds once from an [`InstallConfig`]: it serves the install start, the
//! callback and the uninstall `DELETE` ([`Installations::routes`]), keeps tokens in a
//! [`TokenStore`], and gives handlers an API [`Client`] for the
//! request's company and user. Give it to the app with
//! [`App::with_installations`](crate::server::App::with_installations), which takes the client secret from the
//! configuration:
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use pdx::install::{InstallConfig, Installations};
//! use pdx::server::App;
//! let installations = Installations::connect(InstallConfig::from_env()?).await?;
//! let app: App = App::with_installations(installations);
//! let router = app.into_router()?;
//! # Ok(()) }
//! ```
//!
//! The install start writes nothing (its `state` is sealed with the token key and bound to the browser by a
//! cookie): see [`Installations::routes`] for what the store holds.

mod config;
mod hook;
mod oauth;
mod page;
mod routes;
mod state;
mod uninstall;
mod webhooks;

pub use config::{
    ConfigError, DEFAULT_CALLBACK_URL, DEFAULT_DATABASE_URL, DEFAULT_INSTALL_PATH,
    DEFAULT_OAUTH_URL, DEMO_KEY_WARNING, DEMO_TOKEN_KEY, InstallConfig, STATE_TTL,
};
pub use hook::{
    DefaultHook, HookFuture, InstallHook, InstallOrigin, Installed, default_installed,
    is_local_path,
};
pub use oauth::{Me, OAuthError};
pub use page::{escape_html, page};
pub(crate) use webhooks::WebhookPlan;
pub use webhooks::{
    CREATE_WEBHOOK, DEFAULT_RECONCILE_INTERVAL, DELETE_WEBHOOK, Reconciled, WEBHOOKS,
};

use crate::api::{
    ApiError, ApiSettings, ApiState, ApiStats, Client, RetryPolicy, ScopeLedger, TokenKind,
};
use crate::store::{self, Installation, RefreshOutcome, RefreshRequest, StoreError, TokenStore};
use axum::response::Response;
use oauth::OAuthClient;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Timeout of each request to Pipedrive's OAuth and API servers.
pub const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the install machinery could not start.
#[derive(Debug)]
pub enum InstallError {
    /// The configuration is wrong.
    Config(ConfigError),
    /// The token store could not be opened.
    Store(StoreError),
    /// The HTTP client could not be built.
    Http(String),
}

impl fmt::Display for InstallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstallError::Config(e) => write!(f, "{e}"),
            InstallError::Store(e) => write!(f, "{e}"),
            InstallError::Http(e) => write!(f, "HTTP client: {e}"),
        }
    }
}

impl std::error::Error for InstallError {}

impl From<ConfigError> for InstallError {
    fn from(e: ConfigError) -> Self {
        InstallError::Config(e)
    }
}

impl From<StoreError> for InstallError {
    fn from(e: StoreError) -> Self {
        InstallError::Store(e)
    }
}

/// The app's installations: OAuth routes, token store, API clients. Cheap to clone (one `Arc`).
#[derive(Clone)]
pub struct Installations {
    inner: Arc<Inner>,
}

#[derive(Clone)]
struct Inner {
    config: InstallConfig,
    callback_path: String,
    store: Arc<dyn TokenStore>,
    oauth: OAuthClient,
    hook: Arc<dyn InstallHook>,
    /// What the API clients of every installation share: limits, reads in flight, cache, counters, ledger.
    api: Arc<ApiState>,
    /// One refresh at a time per installation in this process; the store's lock covers other instances.
    refresh_locks: Arc<Mutex<RefreshLocks>>,
    /// The webhooks the app declares; shared by every clone, set when the app's router is built.
    webhooks: Arc<std::sync::RwLock<Option<WebhookPlan>>>,
}

/// The in-process refresh lock of each installation (company id, user id) refreshed lately.
type RefreshLocks = HashMap<(String, String), Arc<tokio::sync::Mutex<()>>>;

/// Above this many entries, locks nobody holds are dropped from [`RefreshLocks`].
const REFRESH_LOCKS_PRUNE_AT: usize = 1024;

impl fmt::Debug for Installations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Installations")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl Installations {
    /// Checks the configuration and opens the store its `database_url` names (creating it when missing).
    pub async fn connect(config: InstallConfig) -> Result<Self, InstallError> {
        config.check()?;
        let store = store::connect(&config.database_url, config.token_key.clone()).await?;
        Self::new(config, store)
    }

    /// Uses an already opened store.
    pub fn new(config: InstallConfig, store: Arc<dyn TokenStore>) -> Result<Self, InstallError> {
        config.check()?;
        let http = crate::api::http_client().map_err(InstallError::Http)?;
        let api = ApiState::new(ApiSettings::default(), http.clone(), TokenKind::OAuth);
        let oauth = OAuthClient {
            http,
            oauth_url: config.oauth_url.clone(),
            client_id: config.client_id.clone(),
            client_secret: config.client_secret.clone(),
            redirect_uri: config.callback_url.clone(),
        };
        Ok(Self {
            inner: Arc::new(Inner {
                callback_path: config.callback_path(),
                config,
                store,
                oauth,
                hook: Arc::new(DefaultHook),
                api: Arc::new(api),
                refresh_locks: Arc::default(),
                webhooks: Arc::default(),
            }),
        })
    }

    /// Sets what the browser sees after an install (see [`InstallHook`]).
    pub fn with_hook(self, hook: impl InstallHook) -> Self {
        let mut inner = (*self.inner).clone();
        inner.hook = Arc::new(hook);
        Self {
            inner: Arc::new(inner),
        }
    }

    /// Sets how API calls wait out Pipedrive's rate limit (429) and retry failures; the other
    /// [`ApiSettings`] kept.
    pub fn with_retry_policy(self, retry: RetryPolicy) -> Self {
        let settings = self.inner.api.settings.retry(retry);
        self.with_api_settings(settings)
    }

    /// Sets how the API clients spare the customers' API budget: retries, burst limits, the read cache, whose
    /// reads are shared. The clients of this handle (and its clones made afterwards) share one new state:
    /// limits, reads in flight, cache, counters and scope ledger start empty.
    pub fn with_api_settings(self, settings: ApiSettings) -> Self {
        let mut inner = (*self.inner).clone();
        inner.api = Arc::new(ApiState::new(
            settings,
            inner.oauth.http.clone(),
            TokenKind::OAuth,
        ));
        Self {
            inner: Arc::new(inner),
        }
    }

    /// What the API clients of every installation did since this handle was built (requests, tokens spent,
    /// throttled, coalesced, cache hits, 429s...).
    pub fn api_stats(&self) -> ApiStats {
        self.inner.api.counters.snapshot()
    }

    /// The calls the API clients made in this process, with the scopes each needed: compare them with the
    /// app's declared scopes with [`ScopeReport::of_calls`](crate::api::ScopeReport::of_calls).
    pub fn scope_ledger(&self) -> &ScopeLedger {
        &self.inner.api.ledger
    }

    /// The configuration.
    pub fn config(&self) -> &InstallConfig {
        &self.inner.config
    }

    /// The token store.
    pub fn store(&self) -> &Arc<dyn TokenStore> {
        &self.inner.store
    }

    /// Path of the install start (`manifest.json` kind `oauth_install`). A `GET` there stores nothing (see
    /// [`Installations::routes`]).
    pub fn install_path(&self) -> &str {
        &self.inner.config.install_path
    }

    /// Path of the callback and the uninstall `DELETE` (`manifest.json` kind `oauth_callback`).
    pub fn callback_path(&self) -> &str {
        &self.inner.callback_path
    }

    /// The installation of a company and user, if the app is installed for them.
    pub async fn installation(
        &self,
        company_id: &str,
        user_id: &str,
    ) -> Result<Option<Installation>, StoreError> {
        self.inner.store.installation(company_id, user_id).await
    }

    /// The installation of a company and user; [`ApiError::NotInstalled`] when there is none.
    async fn installed(&self, company_id: &str, user_id: &str) -> Result<Installation, ApiError> {
        self.inner
            .store
            .installation(company_id, user_id)
            .await?
            .ok_or(ApiError::NotInstalled)
    }

    /// An API client for a company and user; [`ApiError::NotInstalled`] when the app is not installed for them.
    pub async fn client(&self, company_id: &str, user_id: &str) -> Result<Client, ApiError> {
        let installation = self.installed(company_id, user_id).await?;
        Ok(Client::new(
            self.clone(),
            self.inner.api.clone(),
            installation,
        ))
    }

    /// Uninstalls the app for a user, as the app itself: deletes the app's webhooks of the installation (see
    /// [`delete_webhooks`](Self::delete_webhooks); a failure is logged and does not stop the uninstall), revokes
    /// the refresh token at Pipedrive's `/oauth/revoke` (which uninstalls the app), then deletes the stored
    /// tokens.
    pub async fn revoke(&self, company_id: &str, user_id: &str) -> Result<(), ApiError> {
        if let Err(e) = self.delete_webhooks(company_id, user_id).await {
            tracing::warn!(
                "deleting the app's webhooks before uninstalling failed: {}",
                crate::server::Untrusted(&e)
            );
        }
        let installation = self.installed(company_id, user_id).await?;
        self.inner
            .oauth
            .revoke(&installation.refresh_token)
            .await
            .map_err(|e| ApiError::Revoke(e.to_string()))?;
        self.inner
            .store
            .delete_installation(company_id, user_id)
            .await?;
        Ok(())
    }

    /// The install start's URL (a path) with `resume_url` to come back to afterwards.
    pub fn install_url(&self, resume_url: Option<&str>) -> String {
        match resume_url {
            Some(resume) => format!(
                "{}?{}",
                self.install_path(),
                form_urlencoded::Serializer::new(String::new())
                    .append_pair("resume", resume)
                    .finish()
            ),
            None => self.install_path().to_owned(),
        }
    }

    /// For a user who must log in (or install) first, e.g. a link action from a user the app does not know yet:
    /// a redirect through Pipedrive's authorization to the same [`InstallHook`], which then sends the user to
    /// `resume_url` (a path on the app, e.g. the link action's own URL). Pipedrive skips its consent screen for
    /// an app already installed.
    pub fn login_redirect(&self, resume_url: &str) -> Response {
        if !is_local_path(resume_url) {
            tracing::warn!(
                "login_redirect: the resume URL is not a path on this app; resuming at `/`"
            );
            return hook::redirect(&self.install_url(Some("/")));
        }
        hook::redirect(&self.install_url(Some(resume_url)))
    }

    /// Counts a request the install machinery made with an installation's token (`/users/me`) in the burst
    /// window its API clients keep, as Pipedrive counts it.
    pub(crate) fn count_api_request(&self, company_id: &str, user_id: &str) {
        self.inner
            .api
            .limiter
            .sent_elsewhere(&crate::api::Spender::installation(company_id, user_id));
    }

    /// Refreshes the installation's tokens, once across callers and instances; `stale_access_token` is the one
    /// that expired or was refused.
    pub(crate) async fn refresh(
        &self,
        company_id: &str,
        user_id: &str,
        stale_access_token: &str,
    ) -> Result<Installation, ApiError> {
        let lock = {
            let mut locks = self
                .inner
                .refresh_locks
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if locks.len() > REFRESH_LOCKS_PRUNE_AT {
                locks.retain(|_, lock| Arc::strong_count(lock) > 1);
            }
            locks
                .entry((company_id.to_owned(), user_id.to_owned()))
                .or_default()
                .clone()
        };
        let _guard = lock.lock().await;
        let request = RefreshRequest {
            company_id,
            user_id,
            stale_access_token,
            min_valid_secs: crate::api::REFRESH_MARGIN_SECS,
            refresher: &self.inner.oauth,
        };
        let outcome = self.inner.store.refresh(request).await?;
        match outcome {
            RefreshOutcome::Refreshed(i) | RefreshOutcome::AlreadyFresh(i) => Ok(i),
            RefreshOutcome::NotInstalled => Err(ApiError::NotInstalled),
            RefreshOutcome::Refused(reason) => {
                tracing::warn!(
                    company_id = %crate::server::Untrusted(company_id),
                    user_id = %crate::server::Untrusted(user_id),
                    "Pipedrive refused to refresh the tokens: {}",
                    crate::server::Untrusted(&reason)
                );
                Err(ApiError::RefreshFailed(reason))
            }
        }
    }
}
