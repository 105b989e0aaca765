//! The fake's state: the app registered at Developer Hub, the companies with their users, objects, fields,
//! filters, webhooks and rate limits, the OAuth grants, the scripts and the log of calls. One mutex guards it,
//! never held across an `.await`.

use super::custom_fields::CompanyFields;
use super::filter::Filter;
use super::objects::Objects;
use super::rate::CompanyRate;
use super::record::Records;
use super::script::Scripts;
use super::tokens::{ACCESS_TOKEN_SECONDS, CODE_LIFETIME, Grants, Principal};
use super::webhook::FakeWebhook;
use crate::scope::Scope;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The client ID of the app the fake knows unless told otherwise ([`FakeApp::default`]).
pub const CLIENT_ID: &str = "pdx-fake-client-id";
/// The client secret of that app.
pub const CLIENT_SECRET: &str = "pdx-fake-client-secret";
/// The callback URL registered for that app.
pub const CALLBACK_URL: &str = "https://app.example.test/oauth/callback";

/// The app as registered in Developer Hub: what the fake's OAuth server checks and grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeApp {
    /// Client ID.
    pub client_id: String,
    /// Client secret (checked with HTTP Basic on `/oauth/token` and `/oauth/revoke`).
    pub client_secret: String,
    /// The one callback URL: `/oauth/authorize` redirects there and `redirect_uri` must equal it.
    pub callback_url: String,
    /// The scopes a user grants on install (`base` is always added).
    pub scopes: Vec<Scope>,
}

impl Default for FakeApp {
    /// [`CLIENT_ID`], [`CLIENT_SECRET`], [`CALLBACK_URL`] and every scope Pipedrive documents, so no call is
    /// refused for its scope until a test narrows them with [`FakeApp::scopes`].
    fn default() -> Self {
        Self::new(CLIENT_ID, CLIENT_SECRET, CALLBACK_URL).scopes(Scope::ALL)
    }
}

impl FakeApp {
    /// An app with these credentials and callback URL, granted `base` only.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        callback_url: impl Into<String>,
    ) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            callback_url: callback_url.into(),
            scopes: Vec::new(),
        }
    }

    /// The scopes users grant on install.
    pub fn scopes(mut self, scopes: impl IntoIterator<Item = Scope>) -> Self {
        self.scopes = scopes.into_iter().collect();
        self
    }

    /// The token answer's `scope`: the app's scopes in order, comma-separated, with `base` last unless listed
    /// (Pipedrive's example: `"..scopes..,base"`).
    pub fn scope_string(&self) -> String {
        let mut ids: Vec<String> = Vec::new();
        for scope in &self.scopes {
            if !ids.iter().any(|id| id == scope.id()) {
                ids.push(scope.id().to_owned());
            }
        }
        if !ids.iter().any(|id| id == "base") {
            ids.push("base".to_owned());
        }
        ids.join(",")
    }
}

/// Settings a test changes.
#[derive(Debug)]
pub(super) struct Settings {
    pub(super) expires_in: u64,
    pub(super) code_lifetime: Duration,
    pub(super) decline_next: u32,
    pub(super) retry_after: Option<u64>,
    /// The user logged in at Pipedrive in the test's browser (who consents on `/oauth/authorize`).
    pub(super) session: Principal,
}

/// A company of the fake.
#[derive(Debug)]
pub(super) struct CompanyData {
    pub(super) id: u64,
    /// `acme` in `acme.pipedrive.com`.
    pub(super) domain: String,
    pub(super) name: String,
    /// The fake's base URL for this company's API.
    pub(super) api_domain: String,
    pub(super) objects: Objects,
    pub(super) fields: CompanyFields,
    pub(super) filters: Vec<Filter>,
    pub(super) webhooks: Vec<FakeWebhook>,
    pub(super) removed_webhooks: Vec<FakeWebhook>,
    pub(super) rate: CompanyRate,
}

/// The whole state.
#[derive(Debug)]
pub(super) struct World {
    pub(super) app: FakeApp,
    pub(super) companies: BTreeMap<u64, CompanyData>,
    pub(super) grants: Grants,
    pub(super) scripts: Scripts,
    pub(super) records: Records,
    pub(super) settings: Settings,
    pub(super) next_webhook_id: u64,
    pub(super) next_filter_id: u64,
}

impl World {
    pub(super) fn new(app: FakeApp, session: Principal) -> Self {
        Self {
            app,
            companies: BTreeMap::new(),
            grants: Grants::default(),
            scripts: Scripts::default(),
            records: Records::default(),
            settings: Settings {
                expires_in: ACCESS_TOKEN_SECONDS,
                code_lifetime: CODE_LIFETIME,
                decline_next: 0,
                retry_after: None,
                session,
            },
            next_webhook_id: 0,
            next_filter_id: 0,
        }
    }

    /// After the app was uninstalled for a user: Pipedrive removes the webhooks the app made for them
    /// ("Webhooks for apps").
    pub(super) fn uninstalled(&mut self, principal: Principal) {
        if let Some(company) = self.companies.get_mut(&principal.company) {
            company
                .webhooks
                .retain(|w| !(w.kind == "application" && w.owner_id == principal.user));
        }
    }

    /// A company that exists (the fake's handle creates them).
    pub(super) fn company(&mut self, id: u64) -> Option<&mut CompanyData> {
        self.companies.get_mut(&id)
    }
}

/// The state shared by the fake's handle, its servers and its handlers.
#[derive(Clone)]
pub(super) struct Shared(Arc<Inner>);

struct Inner {
    world: Mutex<World>,
    oauth_url: String,
    http: reqwest::Client,
}

impl Shared {
    pub(super) fn new(world: World, oauth_url: String, http: reqwest::Client) -> Self {
        Self(Arc::new(Inner {
            world: Mutex::new(world),
            oauth_url,
            http,
        }))
    }

    /// Runs `f` on the state (a poisoned lock is recovered: a panicking test must not hide the next one's
    /// failure).
    pub(super) fn with<T>(&self, f: impl FnOnce(&mut World) -> T) -> T {
        f(&mut self.0.world.lock().unwrap_or_else(PoisonError::into_inner))
    }

    pub(super) fn oauth_url(&self) -> &str {
        &self.0.oauth_url
    }

    pub(super) fn http(&self) -> &reqwest::Client {
        &self.0.http
    }
}
