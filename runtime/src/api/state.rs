//! What the clients of one app (or one API token) share: the HTTP client, the limiter, the reads in flight,
//! the read cache, the counters and the scope ledger.

use super::cache::ResponseCache;
use super::coalesce::InFlight;
use super::ledger::ScopeLedger;
use super::rate::Limiter;
use super::settings::ApiSettings;
use super::stats::Counters;
use crate::install::HTTP_TIMEOUT;

/// Shared by every clone of the clients it was built for.
pub(crate) struct ApiState {
    pub(crate) settings: ApiSettings,
    pub(crate) http: reqwest::Client,
    pub(crate) limiter: Limiter,
    pub(crate) inflight: InFlight,
    pub(crate) cache: Option<ResponseCache>,
    pub(crate) counters: Counters,
    pub(crate) ledger: ScopeLedger,
}

/// Which burst limit applies before Pipedrive states one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    OAuth,
    ApiToken,
}

impl ApiState {
    pub(crate) fn new(settings: ApiSettings, http: reqwest::Client, kind: TokenKind) -> Self {
        let default_limit = match kind {
            TokenKind::OAuth => settings.burst.oauth,
            TokenKind::ApiToken => settings.burst.api_token,
        };
        Self {
            limiter: Limiter::new(default_limit, settings.burst.search),
            inflight: InFlight::default(),
            cache: settings.read_cache.map(ResponseCache::new),
            counters: Counters::default(),
            ledger: ScopeLedger::default(),
            settings,
            http,
        }
    }
}

/// The HTTP client of Pipedrive's OAuth and API servers: a timeout on every request, no redirects followed (a
/// redirect would carry the token elsewhere).
pub(crate) fn http_client() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .timeout(HTTP_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())
}
