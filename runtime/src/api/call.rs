//! [`ApiCall`]: one call of an [`Endpoint`] (its path parameters, query and body), or a raw call pdx does not
//! type. Every call of the client goes through one, so each is checked against the installation's scopes,
//! throttled, counted and retried the same way.

use super::ApiError;
use super::endpoint::{Endpoint, Paging, Verb, estimated_cost};
use crate::scope::Scope;
use pdx_format::api::{PAGE_LIMIT_MAX, SEARCH_LIMIT_MAX};
use reqwest::Method;
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// The scopes a call needs: any one of `scopes`, or not known (a raw call that declared none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Needs {
    AnyOf(Cow<'static, [Scope]>),
    Unknown,
}

/// One call of Pipedrive's API whose answer's `data` is a `T`.
///
/// Made from an [`Endpoint`] (`ApiCall::new(&ENDPOINT).param(id)`), or with [`ApiCall::raw`] for an endpoint pdx
/// does not type; sent with [`Client::call`](super::Client::call), or paged with
/// [`Client::pages`](super::Client::pages) and [`Client::items`](super::Client::items).
///
/// Path parameters are data: each is percent-encoded as one path segment, and `.`, `..` or an empty value is
/// refused (with [`ApiError::InvalidCall`]) before anything is sent, so a value from a request cannot reach
/// another endpoint.
pub struct ApiCall<T = Value> {
    pub(crate) spec: Spec,
    answer: PhantomData<fn() -> T>,
}

/// What an [`ApiCall`] holds, whatever its answer type.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    pub(crate) verb: Verb,
    pub(crate) method: Method,
    /// The endpoint's path template, or a raw call's path with its ids replaced by `{id}` (for the scope ledger).
    pub(crate) template: Cow<'static, str>,
    params: Vec<String>,
    raw_path: Option<String>,
    pub(crate) query: Vec<(Cow<'static, str>, String)>,
    pub(crate) body: Option<Value>,
    pub(crate) needs: Needs,
    cost: Option<u32>,
    pub(crate) search: bool,
    pub(crate) paging: Paging,
    limit: Option<u32>,
    pub(crate) max_pages: u32,
}

/// Most pages a stream reads by default before it stops with [`ApiError::TooManyPages`]: 100 pages of up to
/// 500 items.
pub const DEFAULT_MAX_PAGES: u32 = 100;

impl<T> Clone for ApiCall<T> {
    fn clone(&self) -> Self {
        Self {
            spec: self.spec.clone(),
            answer: PhantomData,
        }
    }
}

impl<T> fmt::Debug for ApiCall<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiCall")
            .field("call", &self.to_string())
            .field("query", &self.spec.query)
            .field("needs", &self.spec.needs)
            .field("cost", &self.cost())
            .finish_non_exhaustive()
    }
}

/// The method and the path, as errors name a call (no host, no query, no token).
impl<T> fmt::Display for ApiCall<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path() {
            Ok(path) => write!(f, "{} {path}", self.spec.method),
            Err(_) => write!(f, "{} {}", self.spec.method, self.spec.template),
        }
    }
}

impl<T> ApiCall<T> {
    /// A call of `endpoint`; give its path parameters with [`ApiCall::param`], in order.
    pub fn new(endpoint: &'static Endpoint) -> Self {
        Self::of(Spec {
            verb: endpoint.verb,
            method: endpoint.method(),
            template: Cow::Borrowed(endpoint.path),
            params: Vec::new(),
            raw_path: None,
            query: Vec::new(),
            body: None,
            needs: Needs::AnyOf(Cow::Borrowed(endpoint.scopes)),
            cost: Some(endpoint.cost()),
            search: endpoint.search,
            paging: endpoint.paging,
            limit: None,
            max_pages: DEFAULT_MAX_PAGES,
        })
    }

    /// A call pdx does not type: `path` from the API's root (`/api/v2/activities/5`), the query and body given
    /// with [`ApiCall::query`] and [`ApiCall::body`]. Its scopes are unknown (no refusal before sending, and the
    /// scope report lists it as unknown) until declared with [`ApiCall::scopes`]; its cost is estimated from
    /// Pipedrive's table (a `GET` whose path ends in an id reads one object, another `GET` is a list).
    pub fn raw(method: Method, path: impl Into<String>) -> Self {
        let path = path.into();
        let verb = Verb::of(&method);
        Self::of(Spec {
            verb: verb.unwrap_or(Verb::Post),
            method,
            template: Cow::Owned(template_of(&path)),
            params: Vec::new(),
            raw_path: Some(path),
            query: Vec::new(),
            body: None,
            needs: Needs::Unknown,
            cost: None,
            search: false,
            paging: Paging::None,
            limit: None,
            max_pages: DEFAULT_MAX_PAGES,
        })
    }

    /// The next path parameter (the value of the next `{…}` of the endpoint's path).
    pub fn param(mut self, value: impl fmt::Display) -> Self {
        self.spec.params.push(value.to_string());
        self
    }

    /// Adds a query parameter (URL-encoded when sent).
    pub fn query(mut self, name: impl Into<Cow<'static, str>>, value: impl fmt::Display) -> Self {
        self.spec.query.push((name.into(), value.to_string()));
        self
    }

    /// Sets the JSON body.
    pub fn body(mut self, body: Value) -> Self {
        self.spec.body = Some(body);
        self
    }

    /// Declares the scopes that allow a raw call (any of them): the call is then refused before sending when the
    /// installation has none of them, and counted in the scope report.
    pub fn scopes(mut self, scopes: impl IntoIterator<Item = Scope>) -> Self {
        self.spec.needs = Needs::AnyOf(Cow::Owned(scopes.into_iter().collect()));
        self
    }

    /// Declares a raw call a list that pages as `paging` says.
    pub fn paging(mut self, paging: Paging) -> Self {
        self.spec.paging = paging;
        self
    }

    /// Sets the token cost of a raw call.
    pub fn token_cost(mut self, tokens: u32) -> Self {
        self.spec.cost = Some(tokens);
        self
    }

    /// Items per page of a list (1 to 500; 1 to 100 for a search). Streams ask 500 unless set: a page costs
    /// the same whatever its size.
    pub fn limit(mut self, limit: u32) -> Self {
        self.spec.limit = Some(limit);
        self
    }

    /// Most pages a stream reads (default [`DEFAULT_MAX_PAGES`]); more is an [`ApiError::TooManyPages`].
    pub fn max_pages(mut self, pages: u32) -> Self {
        self.spec.max_pages = pages;
        self
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.spec.method
    }

    /// The path template (`/api/v2/deals/{id}`); for a raw call, its path with ids replaced by `{id}`.
    pub fn template(&self) -> &str {
        &self.spec.template
    }

    /// The scopes that allow the call (any of them); `None` for a raw call that declared none.
    pub fn required_scopes(&self) -> Option<&[Scope]> {
        match &self.spec.needs {
            Needs::AnyOf(scopes) => Some(scopes),
            Needs::Unknown => None,
        }
    }

    /// Tokens of the company's daily budget the call costs.
    pub fn cost(&self) -> u32 {
        self.spec.cost.unwrap_or_else(|| {
            let list = self.spec.paging != Paging::None || !ends_in_id(&self.spec.template);
            estimated_cost(self.spec.verb, &self.spec.template, self.spec.search, list)
        })
    }

    /// Whether it is a search call.
    pub fn is_search(&self) -> bool {
        self.spec.search
    }

    /// The same call with another answer type.
    pub fn expecting<U>(self) -> ApiCall<U> {
        ApiCall::of(self.spec)
    }

    fn of(spec: Spec) -> Self {
        Self {
            spec,
            answer: PhantomData,
        }
    }

    /// The path to send: the template with its parameters, or the raw path, checked.
    pub(crate) fn path(&self) -> Result<String, ApiError> {
        match &self.spec.raw_path {
            Some(raw) => check_raw_path(raw).map(|()| raw.clone()),
            None => fill_template(&self.spec.template, &self.spec.params).map_err(|reason| {
                ApiError::InvalidCall {
                    call: format!("{} {}", self.spec.method, self.spec.template),
                    reason,
                }
            }),
        }
    }

    /// `limit` of a page: the call's, else `default`; checked against Pipedrive's maximum.
    pub(crate) fn page_limit(&self, default: u32) -> Result<u32, ApiError> {
        let max = if self.spec.search {
            SEARCH_LIMIT_MAX
        } else {
            PAGE_LIMIT_MAX
        };
        let limit = self.spec.limit.unwrap_or(default).min(max);
        match self.spec.limit {
            Some(l) if l == 0 || l > max => Err(ApiError::InvalidCall {
                call: self.to_string(),
                reason: format!("`limit` is {l}: Pipedrive takes 1 to {max} items per page"),
            }),
            _ => Ok(limit),
        }
    }

    /// Whether a `limit` was set.
    pub(crate) fn has_limit(&self) -> bool {
        self.spec.limit.is_some()
    }
}

/// A call ready to send: its path built and checked, its type erased (coalesced reads share one).
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub(crate) method: Method,
    pub(crate) verb: Verb,
    pub(crate) path: String,
    pub(crate) query: Vec<(Cow<'static, str>, String)>,
    pub(crate) body: Option<Value>,
    pub(crate) needs: Needs,
    pub(crate) cost: u32,
    pub(crate) search: bool,
    /// `METHOD /path`, as errors name the call.
    pub(crate) name: String,
    /// `METHOD /template`, as the scope ledger names the endpoint.
    pub(crate) endpoint: String,
}

impl Prepared {
    /// Whether sending it twice does what sending it once does (so a network error or a 5xx may be retried):
    /// everything but `POST` (and methods pdx does not know).
    pub(crate) fn is_idempotent(&self) -> bool {
        self.verb != Verb::Post
    }

    /// Whether it manages webhooks (where a 422 means the webhook limit).
    pub(crate) fn is_webhooks(&self) -> bool {
        self.path.starts_with("/api/v1/webhooks")
    }
}

impl<T> ApiCall<T> {
    /// Builds and checks the path.
    pub(crate) fn prepare(self) -> Result<Prepared, ApiError> {
        let path = self.path()?;
        let cost = self.cost();
        let spec = self.spec;
        Ok(Prepared {
            name: format!("{} {path}", spec.method),
            endpoint: format!("{} {}", spec.method, spec.template),
            cost,
            method: spec.method,
            verb: spec.verb,
            path,
            query: spec.query,
            body: spec.body,
            needs: spec.needs,
            search: spec.search,
        })
    }
}

/// `template` with each `{…}` replaced by the next parameter as one percent-encoded path segment.
fn fill_template(template: &str, params: &[String]) -> Result<String, String> {
    let mut path = String::with_capacity(template.len() + 16);
    let mut params = params.iter();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| format!("the path template `{template}` has an unclosed `{{`"))?;
        path.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        let value = params
            .next()
            .ok_or_else(|| format!("the path parameter `{name}` was not given"))?;
        if value.is_empty() || value == "." || value == ".." {
            return Err(format!(
                "the path parameter `{name}` is `{value}`: not an id"
            ));
        }
        path.push_str(&percent_encode_segment(value));
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    if params.next().is_some() {
        return Err(format!(
            "more path parameters than `{template}` has places for"
        ));
    }
    Ok(path)
}

/// Every byte but the unreserved ones (`A-Z a-z 0-9 - . _ ~`) as `%XX`.
fn percent_encode_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A raw path must be an API path: `/api/…`, no host, no query or fragment, no `.` or `..` segment, no
/// control character.
fn check_raw_path(path: &str) -> Result<(), ApiError> {
    let bad = !path.starts_with("/api/")
        || path.contains("://")
        || path.contains(['?', '#', '\\'])
        || path.chars().any(char::is_control)
        || path
            .split('/')
            .map(|s| s.to_ascii_lowercase().replace("%2e", "."))
            .any(|s| s == "." || s == "..");
    if bad {
        return Err(ApiError::BadPath(path.chars().take(200).collect()));
    }
    Ok(())
}

/// A raw path with its ids (all digits, or a UUID such as a lead's) replaced by `{id}`, so that the scope ledger
/// holds one entry per endpoint rather than per object.
pub(crate) fn template_of(path: &str) -> String {
    path.split('/')
        .map(|segment| if is_id(segment) { "{id}" } else { segment })
        .collect::<Vec<_>>()
        .join("/")
}

fn is_id(segment: &str) -> bool {
    let digits = !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit());
    let uuid = segment.len() == 36
        && segment.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
        && segment.bytes().filter(|b| *b == b'-').count() == 4;
    digits || uuid
}

fn ends_in_id(template: &str) -> bool {
    template
        .rsplit('/')
        .next()
        .is_some_and(|last| last.starts_with('{') && last.ends_with('}') || is_id(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    static DEAL: Endpoint = Endpoint::get("/api/v2/deals/{id}", &[Scope::DealsRead]);

    #[test]
    fn parameters_are_one_encoded_segment_each() {
        let call: ApiCall = ApiCall::new(&DEAL).param("../users/me?x=1#f");
        assert_eq!(
            call.path().expect("path"),
            "/api/v2/deals/..%2Fusers%2Fme%3Fx%3D1%23f"
        );
        for bad in ["..", ".", ""] {
            let call: ApiCall = ApiCall::new(&DEAL).param(bad);
            assert!(
                matches!(call.path(), Err(ApiError::InvalidCall { .. })),
                "{bad:?}"
            );
        }
        let missing: ApiCall = ApiCall::new(&DEAL);
        assert!(missing.path().is_err());
        let extra: ApiCall = ApiCall::new(&DEAL).param(1).param(2);
        assert!(extra.path().is_err());
    }

    #[test]
    fn raw_paths_stay_api_paths() {
        for bad in [
            "https://evil.example/api",
            "//evil.example/api",
            "/api/v2/../../oauth/token",
            "/api/v2/%2E%2e/%2e./oauth/token",
            "/api/v2/deals?ids=1",
            "/api/v2/deals/1\r\nX-Header: 1",
            "/oauth/token",
        ] {
            let call: ApiCall = ApiCall::raw(Method::GET, bad);
            assert!(matches!(call.path(), Err(ApiError::BadPath(_))), "{bad:?}");
        }
        let ok: ApiCall = ApiCall::raw(
            Method::GET,
            "/api/v1/leads/adf21080-0e10-11eb-879b-05d71fb426ec",
        );
        assert_eq!(ok.template(), "/api/v1/leads/{id}");
        assert_eq!(ok.cost(), 2);
    }

    #[test]
    fn costs_follow_pipedrives_table() {
        let cost = |m: Method, p: &str| ApiCall::<Value>::raw(m, p).cost();
        assert_eq!(cost(Method::GET, "/api/v2/deals/5"), 1);
        assert_eq!(cost(Method::GET, "/api/v2/deals"), 10);
        assert_eq!(cost(Method::PATCH, "/api/v2/deals/5"), 5);
        assert_eq!(cost(Method::DELETE, "/api/v2/deals/5"), 3);
        assert_eq!(cost(Method::GET, "/api/v1/notes"), 20);
        assert_eq!(cost(Method::POST, "/api/v1/notes"), 10);
        assert_eq!(cost(Method::DELETE, "/api/v1/webhooks/3"), 6);
    }
}
