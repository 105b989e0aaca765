//! What every call to the fake goes through before its handler: recorded, delayed by its scripted latency,
//! answered by a scripted answer if one is due; then, on the API, authenticated (the token must be valid and
//! the company's), counted in its burst window, checked against the token's scopes and paid from the company's
//! budget, and answered with the rate-limit headers.

use super::answer::{error, invalid, over_limit, scope_mismatch, unauthorized};
use super::rate::RateStatus;
use super::record::{RecordedRequest, Server};
use super::tokens::Credential;
use super::world::{Shared, World};
use crate::scope::Scope;
use axum::body::Body;
use axum::extract::{Extension, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::future::Future;
use std::sync::Arc;

/// The largest request body the fake reads (a larger one answers 413).
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// What the gate checks before an endpoint runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Rule {
    /// The scopes that allow the call (any of them; `:full` includes `:read`). Empty: `base` (always granted).
    pub(super) scopes: Vec<Scope>,
    /// Its cost in API tokens (Pipedrive's "Rate limiting" table and the `x-token-cost` of its OpenAPI files).
    pub(super) cost: u64,
    /// Whether it counts in the search burst window.
    pub(super) search: bool,
}

impl Rule {
    pub(super) fn new(scopes: Vec<Scope>, cost: u64) -> Self {
        Self {
            scopes,
            cost,
            search: false,
        }
    }

    pub(super) fn search(mut self) -> Self {
        self.search = true;
        self
    }
}

/// Who an accepted call acts for (put in the request's extensions by the gate).
#[derive(Debug, Clone)]
pub(super) struct Caller {
    pub(super) company: u64,
    pub(super) user: u64,
    pub(super) credential: Credential,
}

impl Caller {
    /// Whether the call came with a personal API token (not an app's OAuth token).
    pub(super) fn is_api_token(&self) -> bool {
        matches!(self.credential, Credential::ApiToken)
    }
}

/// Which company's `api_domain` a call reached (each company is served on its own port).
#[derive(Debug, Clone, Copy)]
pub(super) struct ApiHost(pub(super) u64);

/// The gate of one route: its rule and pattern.
#[derive(Clone)]
pub(super) struct RouteGate {
    pub(super) shared: Shared,
    pub(super) rule: Arc<Rule>,
    pub(super) route: Arc<str>,
}

/// Records a call and applies its latency and scripted answer; `inner` answers it otherwise (and names whom
/// it authenticated).
async fn observe<F, Fut>(
    shared: &Shared,
    server: Server,
    route: Option<String>,
    request: Request,
    inner: F,
) -> Response
where
    F: FnOnce(Parts, axum::body::Bytes, Option<String>) -> Fut,
    Fut: Future<Output = (Response, Option<(u64, u64)>)>,
{
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        let mut record = RecordedRequest::new(server, &parts, route.as_deref(), &[]);
        record.status = 413;
        shared.with(|w| w.records.push(record));
        return error(StatusCode::PAYLOAD_TOO_LARGE, "Request body too large");
    };
    let mut record = RecordedRequest::new(server, &parts, route.as_deref(), &bytes);
    let (method, path) = (parts.method.clone(), parts.uri.path().to_owned());
    let api = matches!(server, Server::Api { .. });
    let latency = shared.with(|w| w.scripts.latency(&method, &path, route.as_deref(), api));
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let scripted = shared.with(|w| w.scripts.take(&method, &path, route.as_deref()));
    let (response, caller) = match scripted {
        Some(answer) => (answer.into_response(), None),
        None => inner(parts, bytes, route).await,
    };
    record.status = response.status().as_u16();
    record.caller = caller;
    shared.with(|w| w.records.push(record));
    response
}

/// The API's middleware, on each route with its rule.
pub(super) async fn api_gate(
    State(gate): State<RouteGate>,
    Extension(host): Extension<ApiHost>,
    request: Request,
    next: Next,
) -> Response {
    let RouteGate {
        shared,
        rule,
        route,
    } = gate;
    let server = Server::Api { company: host.0 };
    let route = Some(route.to_string());
    observe(&shared, server, route, request, |parts, bytes, _| {
        let shared = shared.clone();
        async move {
            match shared.with(|world| admit(world, host.0, &parts, Some(&rule))) {
                Err((response, caller)) => (response, caller),
                Ok((caller, status)) => {
                    let who = Some((caller.company, caller.user));
                    let mut request = Request::from_parts(parts, Body::from(bytes));
                    request.extensions_mut().insert(caller);
                    let mut response = next.run(request).await;
                    status.write(response.headers_mut());
                    (response, who)
                }
            }
        }
    })
    .await
}

/// A path the API does not have (404) or a method a path does not take (405); 401 first without a valid token.
pub(super) async fn unrouted(
    State(shared): State<Shared>,
    Extension(host): Extension<ApiHost>,
    request: Request,
    status: StatusCode,
) -> Response {
    let message = if status == StatusCode::NOT_FOUND {
        "Unknown API path"
    } else {
        "Method not allowed"
    };
    let server = Server::Api { company: host.0 };
    observe(&shared, server, None, request, |parts, _, _| {
        let shared = shared.clone();
        async move {
            match shared.with(|world| admit(world, host.0, &parts, None)) {
                Err(refused) => refused,
                Ok((caller, _)) => (error(status, message), Some((caller.company, caller.user))),
            }
        }
    })
    .await
}

/// The OAuth server's middleware: records, latency and scripted answers.
pub(super) async fn oauth_gate(
    State(shared): State<Shared>,
    request: Request,
    next: Next,
) -> Response {
    observe(
        &shared,
        Server::OAuth,
        None,
        request,
        |parts, bytes, _| async move {
            let response = next
                .run(Request::from_parts(parts, Body::from(bytes)))
                .await;
            (response, None)
        },
    )
    .await
}

type Refusal = (Response, Option<(u64, u64)>);

/// Authenticates an API call, counts it, checks its scopes and pays for it: whom it acts for and the headers'
/// values, or the answer instead.
fn admit(
    world: &mut World,
    company_id: u64,
    parts: &Parts,
    rule: Option<&Rule>,
) -> Result<(Caller, RateStatus), Refusal> {
    let (principal, credential, token) = authenticate(world, company_id, parts)?;
    let who = Some((principal.company, principal.user));
    let Some(rule) = rule else {
        let caller = Caller {
            company: principal.company,
            user: principal.user,
            credential,
        };
        return Ok((caller, RateStatus::default()));
    };
    let retry_after = world.settings.retry_after;
    let Some(company) = world.company(company_id) else {
        return Err((unauthorized(), None));
    };
    let api_token = matches!(credential, Credential::ApiToken);
    let (mut status, room) = company.rate.admit(&token, api_token, rule.search);
    let refuse = |response: Response, status: &RateStatus| {
        let mut response = response;
        status.write(response.headers_mut());
        if response.status() == StatusCode::TOO_MANY_REQUESTS
            && let Some(secs) = retry_after
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        (response, who)
    };
    if !room {
        return Err(refuse(over_limit(), &status));
    }
    if let Credential::OAuth(granted) = &credential
        && !rule.scopes.is_empty()
        && !granted.allows_any(&rule.scopes)
    {
        return Err(refuse(scope_mismatch(), &status));
    }
    if !company.rate.spend(rule.cost, &mut status) {
        return Err(refuse(over_limit(), &status));
    }
    let caller = Caller {
        company: principal.company,
        user: principal.user,
        credential,
    };
    Ok((caller, status))
}

/// The call's principal and credential, and the token (its burst window's key).
fn authenticate(
    world: &World,
    company_id: u64,
    parts: &Parts,
) -> Result<(super::tokens::Principal, Credential, String), Refusal> {
    let header_text = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let authorization = header_text(header::AUTHORIZATION.as_str());
    let bearer = match authorization {
        Some(value) => match value.strip_prefix("Bearer ").map(str::trim) {
            Some(token) if !token.is_empty() => Some(token),
            _ => {
                let message = "Invalid request: malformed authorization header";
                return Err((invalid("Authorization", message), None));
            }
        },
        None => None,
    };
    let api_token = header_text("x-api-token");
    let token = bearer.or(api_token).unwrap_or_default().to_owned();
    match world.grants.authenticate(bearer, api_token) {
        Some((principal, credential)) if principal.company == company_id => {
            Ok((principal, credential, token))
        }
        _ => Err((unauthorized(), None)),
    }
}
