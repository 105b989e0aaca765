//! A fake of Pipedrive for tests: its OAuth server and its API, served on loopback by the test's own Tokio
//! runtime, speaking Pipedrive's documented wire format (not what pdx's client happens to expect).
//!
//! - **OAuth** ([`oauth_url`](FakePipedrive::oauth_url)): `/oauth/authorize` redirects to the app's callback
//!   with `code` and `state` as Pipedrive does after consent; `/oauth/token` checks the app's Basic credentials
//!   and exchanges codes (single use, 5 minutes), refresh tokens (the same one comes back) and API tokens
//!   (once), answering `invalid_grant` and the other errors of "OAuth status codes"; `/oauth/revoke`.
//! - **The API** of each company at its own `api_domain`: seeded deals, persons, organizations, activities,
//!   products, pipelines, stages (v2, cursor pages), leads, notes and users (v1, offset pages), search, the
//!   Fields API with custom-field keys that differ per company, saved filters (`filter_id`), and webhooks.
//!   Answers come in Pipedrive's envelope; errors in its shapes (401, 403 `Scope and URL mismatch` when the
//!   token's scopes do not cover the endpoint, 404, 400 naming the parameter, 422, 429).
//! - **Rate limits**: a daily token budget per company and a burst window per token, with the
//!   `x-ratelimit-*` headers on every answer (see [`Plan`] and [`FakeCompany::tokens_spent`]).
//! - **Scripting**: latency, the next answers of a path ([`Answer`]), tokens that expire now, refreshes that
//!   fail, consent declined; every call recorded ([`RecordedRequest`], secrets redacted).
//! - **Webhooks**: [`deliver`](FakePipedrive::deliver) posts a v2 event to each matching webhook with its
//!   Basic credentials; [`redeliver`](FakePipedrive::redeliver) sends it again with a higher `attempt`.
//! - **One-call installs** of an app's router: [`install`](FakePipedrive::install) (started at the app, with
//!   `state` and cookie) and [`install_marketplace`](FakePipedrive::install_marketplace).
//!
//! ```
//! use pdx::install::Installations;
//! use pdx::testing::FakePipedrive;
//! use pdx::testing::fake::Entity;
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let fake = FakePipedrive::start().await;
//! let acme = fake.company(42);
//! acme.add_user(7, "Ann Admin");
//! let deal = acme.add(Entity::Deal, serde_json::json!({"title": "Acme renewal", "value": 1200}));
//!
//! // The app's installations, configured for the fake; installed by user 7 of company 42.
//! let installations = Installations::connect(fake.install_config()).await?;
//! fake.install(&installations.routes::<()>(), 42, 7).await;
//!
//! let client = installations.client("42", "7").await?;
//! assert_eq!(client.deal(deal).await?.title, "Acme renewal");
//! assert_eq!(acme.tokens_spent(), 3); // `/users/me` at install (2) and the deal (1)
//! # Ok(()) }
//! ```

#![allow(
    clippy::result_large_err,
    reason = "handlers and their helpers pass whole answers around; the fake is a test server, not a hot path"
)]

mod answer;
mod api;
mod api_domain;
mod company;
mod custom_fields;
mod deliver;
mod entity;
mod filter;
mod gate;
mod install;
mod oauth;
mod objects;
mod random;
mod rate;
mod record;
mod regrant;
mod script;
mod tokens;
mod webhook;
mod world;

pub use api::list::{DEFAULT_LIMIT, MAX_CUSTOM_FIELDS, MAX_IDS, MAX_LIMIT};
pub use api::search::MAX_ITEM_SEARCH_LIMIT;
pub use company::FakeCompany;
pub use custom_fields::FieldType;
pub use deliver::{DELIVERY_TIMEOUT, Delivery, FakeEvent};
pub use entity::Entity;
pub use gate::MAX_BODY_BYTES;
pub use install::FakeInstall;
pub use oauth::SESSION_COOKIE;
pub use rate::{BURST_WINDOW, DAILY_TOKENS_PER_SEAT, Plan, SEARCH_BURST_LIMIT};
pub use record::{MAX_RECORDED, REDACTED, RecordedRequest, Server};
pub use script::Answer;
pub use tokens::{ACCESS_TOKEN_SECONDS, CODE_LIFETIME, MAX_CODES};
pub use webhook::{EVENT_ACTIONS, EVENT_OBJECTS, FakeWebhook, MAX_WEBHOOKS_PER_USER};
pub use world::{CALLBACK_URL, CLIENT_ID, CLIENT_SECRET, FakeApp};

use crate::testing::{DEFAULT_COMPANY_ID, DEFAULT_USER_ID};
use axum::Router;
use axum::extract::Extension;
use gate::ApiHost;
use std::time::Duration;
use tokens::Principal;
use world::{CompanyData, Shared, World};

/// A running fake of Pipedrive. Cheap to clone; its servers run until the test's runtime stops.
#[derive(Clone)]
pub struct FakePipedrive {
    shared: Shared,
    oauth: Router,
    api: Router,
    runtime: tokio::runtime::Handle,
}

impl std::fmt::Debug for FakePipedrive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakePipedrive")
            .field("oauth_url", &self.shared.oauth_url())
            .finish_non_exhaustive()
    }
}

impl FakePipedrive {
    /// Starts the fake with the default app ([`FakeApp::default`]) and one company,
    /// [`DEFAULT_COMPANY_ID`] with user [`DEFAULT_USER_ID`] (the ids the test kit's requests carry), logged in
    /// at Pipedrive.
    pub async fn start() -> Self {
        Self::start_with(FakeApp::default()).await
    }

    /// Starts the fake knowing this app.
    pub async fn start_with(app: FakeApp) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("the fake cannot listen on loopback: {e}"));
        let address = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("the fake's listener has no address: {e}"));
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_else(|e| panic!("the fake cannot build its HTTP client: {e}"));
        let session = Principal {
            company: DEFAULT_COMPANY_ID,
            user: DEFAULT_USER_ID,
        };
        let shared = Shared::new(World::new(app, session), format!("http://{address}"), http);
        let oauth = oauth::router(shared.clone());
        let api = api::router(&shared);
        let serving = oauth.clone();
        tokio::spawn(async move { axum::serve(listener, serving).await });
        let fake = Self {
            shared,
            oauth,
            api,
            runtime: tokio::runtime::Handle::current(),
        };
        fake.company(DEFAULT_COMPANY_ID)
            .add_user(DEFAULT_USER_ID, "Ann Admin");
        fake
    }

    /// The OAuth server's base URL (`InstallConfig::oauth_url`).
    pub fn oauth_url(&self) -> String {
        self.shared.oauth_url().to_owned()
    }

    /// The app the fake knows.
    pub fn app(&self) -> FakeApp {
        self.shared.with(|w| w.app.clone())
    }

    /// A company, made (with its own API port, Pipedrive's default pipeline and no users) if it is new.
    pub fn company(&self, id: u64) -> FakeCompany {
        self.shared.with(|world| {
            world
                .companies
                .entry(id)
                .or_insert_with(|| CompanyData::new(id, self.serve_company(id)));
        });
        FakeCompany {
            fake: self.clone(),
            id,
        }
    }

    /// Serves a company's API on a new loopback port: its `api_domain`.
    fn serve_company(&self, id: u64) -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .unwrap_or_else(|e| panic!("the fake cannot listen on loopback: {e}"));
        let address = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("the fake's listener has no address: {e}"));
        let _entered = self.runtime.enter();
        let listener = tokio::net::TcpListener::from_std(listener)
            .unwrap_or_else(|e| panic!("the fake cannot serve company {id}: {e}"));
        let router = self.api.clone().layer(Extension(ApiHost(id)));
        self.runtime
            .spawn(async move { axum::serve(listener, router).await });
        format!("http://{address}")
    }

    /// Makes the company and user if missing.
    fn ensure_user(&self, company: u64, user: u64) {
        let company = self.company(company);
        if !company.has_user(user) {
            company.add_user(user, &format!("User {user}"));
        }
    }

    /// The Pipedrive user logged in in the test's browser: who consents on `/oauth/authorize` when no session
    /// cookie says otherwise (made if missing).
    pub fn log_in(&self, company: u64, user: u64) {
        self.ensure_user(company, user);
        self.shared
            .with(|w| w.settings.session = Principal { company, user });
    }

    /// The next `times` consents are declined: `/oauth/authorize` redirects with `error=user_denied`.
    pub fn decline_next_consent(&self, times: u32) {
        self.shared.with(|w| w.settings.decline_next = times);
    }

    /// `expires_in` of access tokens issued from now on (default [`ACCESS_TOKEN_SECONDS`]).
    pub fn set_access_token_lifetime(&self, seconds: u64) {
        self.shared.with(|w| w.settings.expires_in = seconds);
    }

    /// How long authorization codes are accepted (default [`CODE_LIFETIME`]).
    pub fn set_code_lifetime(&self, lifetime: Duration) {
        self.shared.with(|w| w.settings.code_lifetime = lifetime);
    }

    /// Every access token issued so far stops working now (as if its hour had passed); the API answers 401.
    pub fn expire_access_tokens(&self) {
        self.shared.with(|w| w.grants.expire_access(None));
    }

    /// The access tokens of one installation stop working now.
    pub fn expire_access_tokens_of(&self, company: u64, user: u64) {
        self.shared
            .with(|w| w.grants.expire_access(Some(Principal { company, user })));
    }

    /// Every outstanding authorization code is past its 5 minutes.
    pub fn expire_codes(&self) {
        self.shared.with(|w| {
            let lifetime = w.settings.code_lifetime;
            w.grants.expire_codes(lifetime);
        });
    }

    /// Whether refreshes fail (`invalid_grant`), as when a refresh token went unused for 60 days.
    pub fn refuse_refreshes(&self, refuse: bool) {
        self.shared.with(|w| w.grants.refuse_all_refreshes = refuse);
    }

    /// The refreshes of one installation fail from now on (until it installs again).
    pub fn refuse_refreshes_of(&self, company: u64, user: u64) {
        self.shared
            .with(|w| w.grants.refuse_refresh.insert(Principal { company, user }));
    }

    /// The next `times` calls matching `pattern` (`/api/v2/deals/{id}`, `PATCH /api/v2/deals/7`,
    /// `/oauth/token`, ...) get `answer` instead of the fake's own.
    pub fn answer_next(&self, pattern: &str, times: u32, answer: Answer) {
        self.shared.with(|w| w.scripts.push(pattern, times, answer));
    }

    /// Every API answer waits this long (e.g. 100 ms, a real round trip).
    pub fn set_latency(&self, latency: Duration) {
        self.shared.with(|w| w.scripts.api_latency = latency);
    }

    /// Calls matching `pattern` (API or OAuth) wait this long, whatever [`set_latency`](Self::set_latency)
    /// says.
    pub fn set_latency_of(&self, pattern: &str, latency: Duration) {
        self.shared
            .with(|w| w.scripts.set_latency(pattern, latency));
    }

    /// The `Retry-After` (seconds) the rate limits' 429s carry; `None` (the default) sends none, as Pipedrive's
    /// "Rate limiting" page documents none.
    pub fn set_retry_after(&self, seconds: Option<u64>) {
        self.shared.with(|w| w.settings.retry_after = seconds);
    }

    /// Every call received (the last [`MAX_RECORDED`]), oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.with(|w| w.records.all())
    }

    /// The calls matching `pattern` (a path or route, optionally after a method).
    pub fn requests_to(&self, pattern: &str) -> Vec<RecordedRequest> {
        let pattern = script::Pattern::parse(pattern);
        self.requests()
            .into_iter()
            .filter(|r| {
                let method =
                    axum::http::Method::from_bytes(r.method.as_bytes()).unwrap_or_default();
                pattern.matches(&method, &r.path, r.route.as_deref())
            })
            .collect()
    }

    /// How many `/oauth/token` calls asked for this `grant_type` (`authorization_code`, `refresh_token`,
    /// `exchange_api_token`).
    pub fn token_requests(&self, grant_type: &str) -> usize {
        self.requests_to("POST /oauth/token")
            .iter()
            .filter(|r| r.body_field("grant_type") == Some(grant_type))
            .count()
    }

    /// Forgets the calls received so far.
    pub fn clear_requests(&self) {
        self.shared.with(|w| w.records.clear());
    }

    /// Delivers `event` to every matching webhook of `company` over HTTP (at each `subscription_url`, with its
    /// Basic credentials); the deliveries with the app's statuses.
    pub async fn deliver(&self, company: u64, event: &FakeEvent) -> Vec<Delivery> {
        let mut sent = Vec::new();
        for delivery in deliver::prepare(&self.shared, company, event) {
            sent.push(deliver::send(&self.shared, delivery, None).await);
        }
        sent
    }

    /// [`deliver`](Self::deliver) to an app's router in process (each subscription URL's path and query).
    pub async fn deliver_to(
        &self,
        router: &Router,
        company: u64,
        event: &FakeEvent,
    ) -> Vec<Delivery> {
        let mut sent = Vec::new();
        for delivery in deliver::prepare(&self.shared, company, event) {
            sent.push(deliver::send(&self.shared, delivery, Some(router)).await);
        }
        sent
    }

    /// Sends a delivery again as Pipedrive retries it (the same body, `meta.attempt` one higher), over HTTP.
    pub async fn redeliver(&self, delivery: &Delivery) -> Delivery {
        deliver::send(&self.shared, deliver::retry_of(delivery), None).await
    }

    /// [`redeliver`](Self::redeliver) to an app's router in process.
    pub async fn redeliver_to(&self, router: &Router, delivery: &Delivery) -> Delivery {
        deliver::send(&self.shared, deliver::retry_of(delivery), Some(router)).await
    }
}
