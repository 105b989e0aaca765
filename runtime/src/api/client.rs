//! [`Client`]: Pipedrive's API as one installation (an OAuth user of a company) or one personal API token.

use super::call::ApiCall;
use super::rate::RateLimitInfo;
use super::settings::ApiSettings;
use super::state::{ApiState, TokenKind, http_client};
use super::stats::ApiStats;
use super::{ApiError, REFRESH_MARGIN_SECS};
use crate::install::Installations;
use crate::scope::ScopeSet;
use crate::store::{Installation, now_secs};
use pdx_format::api::HEADER_API_TOKEN;
use reqwest::Method;
use reqwest::header::HeaderValue;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::{Arc, Mutex, PoisonError};

/// Calls Pipedrive's API as one user of one company, at the company's `api_domain`: from
/// [`Installations::client`](crate::install::Installations::client) (or the
/// [`PipedriveApi`](super::PipedriveApi) extractor) for an installation, or [`Client::from_api_token`] for a
/// personal API token. Cheap to clone; clones share their budget, reads in flight and counters.
#[derive(Clone)]
pub struct Client {
    auth: Auth,
    pub(crate) state: Arc<ApiState>,
}

#[derive(Clone)]
enum Auth {
    OAuth {
        installations: Installations,
        installation: Arc<Mutex<Installation>>,
    },
    ApiToken(Arc<ApiToken>),
}

/// A personal API token and its company's domain.
struct ApiToken {
    header: HeaderValue,
    domain: String,
}

/// Who a call is made as, fixed for one call (a refresh makes a new one).
#[derive(Clone)]
pub(crate) struct Caller {
    pub(crate) company: String,
    pub(crate) user: String,
    pub(crate) api_domain: String,
    pub(crate) credential: Credential,
    /// The installation's granted scopes; `None` when none apply (API token) or Pipedrive's answer named none.
    pub(crate) granted: Option<ScopeSet>,
}

#[derive(Clone)]
pub(crate) enum Credential {
    /// `Authorization: Bearer` with an installation's access token.
    Bearer(String),
    /// `x-api-token`.
    ApiToken(HeaderValue),
}

impl Caller {
    fn of(installation: &Installation) -> Self {
        let scope = installation.scope.trim();
        Self {
            company: installation.company_id.clone(),
            user: installation.user_id.clone(),
            api_domain: installation.api_domain.clone(),
            credential: Credential::Bearer(installation.access_token.clone()),
            // An installation stored without `scope` (Pipedrive's answer had none): unknown, not "base only".
            granted: (!scope.is_empty()).then(|| ScopeSet::parse(scope)),
        }
    }

    /// Whose burst window and daily budget the call spends.
    pub(crate) fn spender(&self) -> super::rate::Spender {
        super::rate::Spender::installation(&self.company, &self.user)
    }

    pub(crate) fn is_oauth(&self) -> bool {
        matches!(self.credential, Credential::Bearer(_))
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Client");
        match &self.auth {
            Auth::OAuth { installation, .. } => d.field(
                "installation",
                &*installation.lock().unwrap_or_else(PoisonError::into_inner),
            ),
            Auth::ApiToken(token) => d
                .field("api_domain", &token.domain)
                .field("api_token", &"<redacted>"),
        };
        d.finish_non_exhaustive()
    }
}

impl Client {
    pub(crate) fn new(
        installations: Installations,
        state: Arc<ApiState>,
        installation: Installation,
    ) -> Self {
        Self {
            auth: Auth::OAuth {
                installations,
                installation: Arc::new(Mutex::new(installation)),
            },
            state,
        }
    }

    /// A client of a personal API token (Settings > Personal preferences > API in Pipedrive) for private apps
    /// and scripts: every call sends the token in the `x-api-token` header (never in the URL, which ends up in
    /// logs), to `company_domain`: `https://acme.pipedrive.com`, `acme.pipedrive.com`, or the company domain
    /// alone (`acme`, as `/users/me` names it). No refresh (a refused token is [`ApiError::Unauthorized`]), no
    /// scopes (a token can do whatever its user can), the API-token burst limit
    /// ([`BurstLimits::api_token`](super::BurstLimits::api_token)). The token is never shown by `Debug` nor
    /// logged.
    ///
    /// ```
    /// let client = pdx::api::Client::from_api_token("0123456789abcdef", "acme")?;
    /// assert_eq!(client.api_domain(), "https://acme.pipedrive.com");
    /// assert!(!format!("{client:?}").contains("0123456789abcdef"));
    /// # Ok::<(), pdx::api::ApiError>(())
    /// ```
    pub fn from_api_token(
        token: impl Into<String>,
        company_domain: &str,
    ) -> Result<Self, ApiError> {
        Self::from_api_token_with(token, company_domain, ApiSettings::default())
    }

    /// [`Client::from_api_token`] with settings of its own (retries, burst limits, read cache).
    pub fn from_api_token_with(
        token: impl Into<String>,
        company_domain: &str,
        settings: ApiSettings,
    ) -> Result<Self, ApiError> {
        let invalid = |reason: &str| ApiError::InvalidCall {
            call: "Client::from_api_token".into(),
            reason: reason.to_owned(),
        };
        let token = token.into();
        let token = token.trim();
        if token.is_empty() || !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(invalid(
                "the API token is empty or not printable ASCII: copy it from Pipedrive's Personal preferences > API",
            ));
        }
        let mut header = HeaderValue::from_str(token)
            .map_err(|_| invalid("the API token is not a header value"))?;
        header.set_sensitive(true);
        let domain = company_url(company_domain).map_err(|reason| invalid(&reason))?;
        let http = http_client().map_err(|e| ApiError::Unreachable(format!("HTTP client: {e}")))?;
        Ok(Self {
            auth: Auth::ApiToken(Arc::new(ApiToken { header, domain })),
            state: Arc::new(ApiState::new(settings, http, TokenKind::ApiToken)),
        })
    }

    fn installation(&self) -> Option<Installation> {
        match &self.auth {
            Auth::OAuth { installation, .. } => Some(
                installation
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone(),
            ),
            Auth::ApiToken(_) => None,
        }
    }

    /// The company id of an installation's client; `None` for an API-token client (ask [`Client::me`]).
    pub fn company_id(&self) -> Option<String> {
        self.installation().map(|i| i.company_id)
    }

    /// The user id of an installation's client; `None` for an API-token client (ask [`Client::me`]).
    pub fn user_id(&self) -> Option<String> {
        self.installation().map(|i| i.user_id)
    }

    /// The company's API base URL.
    pub fn api_domain(&self) -> String {
        match &self.auth {
            Auth::OAuth { .. } => self
                .installation()
                .map(|i| i.api_domain)
                .unwrap_or_default(),
            Auth::ApiToken(token) => token.domain.clone(),
        }
    }

    /// The scopes the installation was granted (the token answer's `scope`, as of the last refresh); `None` for
    /// an API-token client (no scopes apply), or when Pipedrive named none.
    pub fn granted_scopes(&self) -> Option<ScopeSet> {
        self.installation().and_then(|i| Caller::of(&i).granted)
    }

    /// What the client and the clients it shares its state with did (see [`ApiStats`]).
    pub fn stats(&self) -> ApiStats {
        self.state.counters.snapshot()
    }

    /// The rate-limit headers of the last answer to this client's token, if any came.
    pub fn rate_limit(&self) -> Option<RateLimitInfo> {
        let caller = match &self.auth {
            Auth::OAuth { .. } => self.installation().map(|i| Caller::of(&i)),
            Auth::ApiToken(_) => Some(self.api_token_caller()),
        }?;
        self.state.limiter.last_info(&caller.spender().token)
    }

    /// Sends a call; the answer's `data` as `T`.
    pub async fn call<T: DeserializeOwned>(&self, call: ApiCall<T>) -> Result<T, ApiError> {
        let envelope: super::answer::Envelope<T> = self.whole_answer(call.expecting()).await?;
        Ok(envelope.data)
    }

    /// Sends a call; the whole answer as `T`.
    pub(crate) async fn whole_answer<T: DeserializeOwned>(
        &self,
        call: ApiCall<T>,
    ) -> Result<T, ApiError> {
        let prepared = call.prepare()?;
        let name = prepared.name.clone();
        let body = self.execute(prepared).await?;
        serde_json::from_slice(&body).map_err(|e| ApiError::Decode(format!("{name}: {e}")))
    }

    /// A call pdx does not type (`path` such as `/api/v2/activities`), its scopes unknown: see
    /// [`ApiCall::raw`] to declare them. The answer's `data` as `T`.
    pub async fn data<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<T, ApiError> {
        self.call(raw_call(method, path, query, body)).await
    }

    /// A call pdx does not type, its scopes unknown; the whole answer as `T` (e.g. `serde_json::Value`).
    pub async fn request<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<T, ApiError> {
        self.whole_answer(raw_call(method, path, query, body)).await
    }

    /// Who the next call is made as: for an installation, refreshed first when its access token expires within
    /// [`REFRESH_MARGIN_SECS`].
    pub(crate) async fn caller(&self) -> Result<Caller, ApiError> {
        match &self.auth {
            Auth::ApiToken(_) => Ok(self.api_token_caller()),
            Auth::OAuth { .. } => {
                let installation = self.installation().ok_or(ApiError::NotInstalled)?;
                if installation.expires_at > now_secs() + REFRESH_MARGIN_SECS {
                    return Ok(Caller::of(&installation));
                }
                self.refreshed(&installation.access_token).await
            }
        }
    }

    fn api_token_caller(&self) -> Caller {
        let (header, domain) = match &self.auth {
            Auth::ApiToken(t) => (t.header.clone(), t.domain.clone()),
            Auth::OAuth { .. } => (HeaderValue::from_static(""), String::new()),
        };
        Caller {
            company: domain.clone(),
            user: HEADER_API_TOKEN.to_owned(),
            api_domain: domain,
            credential: Credential::ApiToken(header),
            granted: None,
        }
    }

    /// The caller after refreshing the tokens (`stale_access_token` expired or was refused); an API token
    /// cannot be refreshed.
    pub(crate) async fn refreshed(&self, stale_access_token: &str) -> Result<Caller, ApiError> {
        let Auth::OAuth {
            installations,
            installation,
        } = &self.auth
        else {
            return Err(ApiError::Unauthorized);
        };
        let (company_id, user_id) = {
            let current = installation.lock().unwrap_or_else(PoisonError::into_inner);
            (current.company_id.clone(), current.user_id.clone())
        };
        let updated = installations
            .refresh(&company_id, &user_id, stale_access_token)
            .await?;
        let caller = Caller::of(&updated);
        *installation.lock().unwrap_or_else(PoisonError::into_inner) = updated;
        Ok(caller)
    }
}

fn raw_call<T>(
    method: Method,
    path: &str,
    query: &[(&str, String)],
    body: Option<&Value>,
) -> ApiCall<T> {
    let mut call = ApiCall::raw(method, path);
    for (name, value) in query {
        call = call.query((*name).to_owned(), value);
    }
    match body {
        Some(body) => call.body(body.clone()),
        None => call,
    }
}

/// The company's API base URL from what a user gives: a URL, a host, or the company domain alone.
fn company_url(given: &str) -> Result<String, String> {
    let given = given.trim().trim_end_matches('/');
    if given.is_empty() || given.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(
            "the company domain is empty or has spaces or control characters: give it as \
                    `https://acme.pipedrive.com`"
                .to_owned(),
        );
    }
    let url = if given.contains("://") {
        given.to_owned()
    } else if given.contains('.') || given.contains(':') {
        format!("https://{given}")
    } else if given
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        format!("https://{given}.pipedrive.com")
    } else {
        return Err(format!("`{given}` is not a company domain"));
    };
    let parsed =
        reqwest::Url::parse(&url).map_err(|e| format!("`{given}` is not a company domain: {e}"))?;
    let host = parsed.host_str().unwrap_or_default();
    let loopback = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
    let plain = parsed.username().is_empty()
        && parsed.password().is_none()
        && parsed.path() == "/"
        && parsed.query().is_none()
        && parsed.fragment().is_none();
    if host.is_empty() || !plain {
        return Err(format!(
            "`{given}` is not a company domain: give it as `https://acme.pipedrive.com` (no path, query or credentials)"
        ));
    }
    // Plain http only on loopback (a local fake of Pipedrive): the API token is a secret.
    if parsed.scheme() == "https" || (parsed.scheme() == "http" && loopback) {
        return Ok(parsed.as_str().trim_end_matches('/').to_owned());
    }
    Err(format!(
        "`{given}` must be an https:// URL: the API token is a secret"
    ))
}

#[cfg(test)]
mod tests {
    use super::company_url;

    #[test]
    fn company_domains() {
        assert_eq!(
            company_url("acme").as_deref(),
            Ok("https://acme.pipedrive.com")
        );
        assert_eq!(
            company_url("acme.pipedrive.com/").as_deref(),
            Ok("https://acme.pipedrive.com")
        );
        assert_eq!(
            company_url("https://acme.pipedrive.com").as_deref(),
            Ok("https://acme.pipedrive.com")
        );
        assert_eq!(
            company_url("http://127.0.0.1:4000").as_deref(),
            Ok("http://127.0.0.1:4000")
        );
        for bad in [
            "http://acme.pipedrive.com",
            "https://acme.pipedrive.com/api/v1",
            "https://user:pw@acme.pipedrive.com",
            "https://acme.pipedrive.com?x=1",
            "ftp://acme.pipedrive.com",
            "",
        ] {
            assert!(company_url(bad).is_err(), "{bad:?}");
        }
    }
}
