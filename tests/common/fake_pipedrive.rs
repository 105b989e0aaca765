//! A fake of Pipedrive's OAuth server and API on loopback, counting the requests it gets, for the install and
//! API client tests.

use axum::Router;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use base64::Engine;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub(crate) const CLIENT_ID: &str = "client-123";
pub(crate) const CLIENT_SECRET: &str = "secret-456";
/// The code the fake accepts, once.
pub(crate) const GOOD_CODE: &str = "good-code";
pub(crate) const COMPANY_ID: &str = "42";
pub(crate) const USER_ID: &str = "7";

#[derive(Default)]
pub(crate) struct Recorded {
    /// `grant_type=authorization_code` requests.
    pub(crate) code_exchanges: usize,
    /// `grant_type=refresh_token` requests.
    pub(crate) refreshes: usize,
    /// Refresh tokens revoked.
    pub(crate) revoked: Vec<String>,
    /// API requests (any path under `/api`).
    pub(crate) api_requests: usize,
    /// Bodies of PATCH requests.
    pub(crate) patches: Vec<Value>,
    /// Query strings of list requests.
    pub(crate) list_queries: Vec<String>,
    used_codes: HashSet<String>,
    valid_tokens: HashSet<String>,
    issued: usize,
    /// When set, refreshes answer 400 `invalid_grant`.
    pub(crate) refuse_refresh: bool,
    /// The `error_description` of the token endpoint's errors, when set.
    pub(crate) error_description: Option<String>,
    /// How many API requests still answer 429 (with `Retry-After: retry_after_secs`).
    pub(crate) rate_limit_next: u32,
    pub(crate) retry_after_secs: u64,
    /// `expires_in` of issued tokens.
    pub(crate) expires_in: i64,
    /// The fake's own base URL (also the `api_domain` it hands out).
    base_url: String,
    /// `scope` of the token answers (default `base,deals:full`).
    pub(crate) scope: String,
    /// Every API request, in order.
    pub(crate) seen: Vec<Seen>,
    /// Answers to send instead of the route's, first match of method and path first (each used once).
    pub(crate) scripts: Vec<Scripted>,
    /// Headers added to every API answer that does not set them (e.g. `x-daily-ratelimit-token-remaining`).
    pub(crate) rate_headers: Vec<(String, String)>,
    /// Requests allowed per token per 2-second window; past it, 429 as Pipedrive answers. Every answer then
    /// carries `x-ratelimit-limit`, `-remaining` and `-reset`.
    pub(crate) burst_limit: Option<usize>,
    burst: HashMap<String, VecDeque<Instant>>,
    /// 429s the burst limit answered.
    pub(crate) burst_429s: usize,
    /// Delay before every API answer.
    pub(crate) latency: Duration,
    /// Personal API tokens accepted in `x-api-token`.
    pub(crate) api_tokens: HashSet<String>,
    /// Items of `GET /api/v2/activities` (cursor pages) and `GET /api/v1/notes` (offset pages).
    pub(crate) activities: Vec<Value>,
    pub(crate) notes: Vec<Value>,
    /// The last cursor page omits `additional_data` altogether.
    pub(crate) omit_additional_data_on_last_page: bool,
    /// Deal titles set by PATCH.
    pub(crate) deal_titles: HashMap<u64, String>,
    /// Tokens left of the company's daily budget: each request costs its tokens (Pipedrive's table), every
    /// answer says what is left, and a request it cannot pay for gets a 429 with
    /// `x-daily-ratelimit-token-remaining: 0`.
    pub(crate) daily_budget: Option<u64>,
    /// Tokens the answered API requests cost, by Pipedrive's table (whether or not `daily_budget` is set).
    pub(crate) tokens_spent: u64,
    /// The user `/users/me` names (default 7).
    pub(crate) me_user_id: u64,
    /// The `api_domain` handed out ends with `/`.
    pub(crate) api_domain_trailing_slash: bool,
}

/// One API request as the fake saw it.
#[derive(Clone, Debug)]
pub(crate) struct Seen {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: String,
    /// The `x-api-token` header, when sent.
    pub(crate) api_token: Option<String>,
    /// Whether an `Authorization` header was sent.
    pub(crate) bearer: bool,
}

/// A scripted answer.
#[derive(Clone, Debug)]
pub(crate) struct Scripted {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) content_type: &'static str,
    pub(crate) body: String,
}

/// A running fake.
#[derive(Clone)]
pub(crate) struct FakePipedrive {
    pub(crate) url: String,
    pub(crate) state: Arc<Mutex<Recorded>>,
}

impl FakePipedrive {
    pub(crate) async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let state = Arc::new(Mutex::new(Recorded {
            expires_in: 3600,
            retry_after_secs: 1,
            base_url: url.clone(),
            scope: "base,deals:full".into(),
            me_user_id: 7,
            ..Recorded::default()
        }));
        let api = Router::new()
            .route("/api/v1/users/me", get(me))
            .route("/api/v1/users/{id}", get(user))
            .route("/api/v2/deals", get(deals))
            .route("/api/v2/deals/{id}", get(deal).patch(patch_deal))
            .route("/api/v2/persons", get(persons))
            .route("/api/v2/persons/{id}", get(person))
            .route("/api/v2/activities", get(activities))
            .route("/api/v1/notes", get(notes))
            .route("/api/v1/webhooks", post(create_webhook))
            .route("/api/v1/webhooks/{id}", delete(delete_webhook))
            .fallback(not_found)
            .layer(middleware::from_fn_with_state(state.clone(), api_gate));
        let app = Router::new()
            .route("/oauth/token", post(token))
            .route("/oauth/revoke", post(revoke))
            .merge(api)
            .with_state(state.clone());
        tokio::spawn(async move {
            axum::serve(listener, app).await.expect("fake serves");
        });
        Self { url, state }
    }

    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut Recorded) -> T) -> T {
        f(&mut self.state.lock().expect("fake state"))
    }

    /// Makes every access token issued so far invalid (as if an hour had passed).
    pub(crate) fn expire_all_tokens(&self) {
        self.with(|r| r.valid_tokens.clear());
    }

    /// The next `method path` request gets this answer (JSON body).
    pub(crate) fn script(
        &self,
        method: Method,
        path: &str,
        status: u16,
        headers: &[(&str, &str)],
        body: Value,
    ) {
        self.script_raw(
            method,
            path,
            status,
            headers,
            "application/json",
            body.to_string(),
        );
    }

    /// The next `method path` request gets this answer, of any content type.
    pub(crate) fn script_raw(
        &self,
        method: Method,
        path: &str,
        status: u16,
        headers: &[(&str, &str)],
        content_type: &'static str,
        body: String,
    ) {
        let headers = headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        self.with(|r| {
            r.scripts.push(Scripted {
                method,
                path: path.to_owned(),
                status,
                headers,
                content_type,
                body,
            })
        });
    }

    /// The API requests to `path` so far.
    pub(crate) fn requests_to(&self, path: &str) -> Vec<Seen> {
        self.with(|r| r.seen.iter().filter(|s| s.path == path).cloned().collect())
    }
}

type Shared = State<Arc<Mutex<Recorded>>>;

fn basic_ok(headers: &HeaderMap) -> bool {
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        == Some(expected.as_str())
}

fn oauth_error(code: &str, description: Option<&str>) -> Response {
    let mut body = json!({"error": code});
    if let Some(d) = description {
        body["error_description"] = json!(d);
    }
    (StatusCode::BAD_REQUEST, axum::Json(body)).into_response()
}

async fn token(State(state): Shared, headers: HeaderMap, body: String) -> Response {
    if !basic_ok(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    let form: HashMap<String, String> = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let grant = form.get("grant_type").cloned().unwrap_or_default();
    let delay = {
        let mut r = state.lock().expect("state");
        let description = r.error_description.clone();
        let oauth_error = |code: &str| oauth_error(code, description.as_deref());
        match grant.as_str() {
            "authorization_code" => {
                r.code_exchanges += 1;
                let code = form.get("code").cloned().unwrap_or_default();
                // `good-code`, or `good-code-<anything>` for more installs of one fake; each once.
                if !(code == GOOD_CODE || code.starts_with(&format!("{GOOD_CODE}-")))
                    || !r.used_codes.insert(code)
                {
                    return oauth_error("invalid_grant");
                }
                if form
                    .get("redirect_uri")
                    .is_none_or(|u| !u.ends_with("/oauth/callback"))
                {
                    return oauth_error("invalid_redirect_uri");
                }
                Duration::ZERO
            }
            "refresh_token" => {
                r.refreshes += 1;
                if r.refuse_refresh || form.get("refresh_token").map(String::as_str) != Some("rt-1")
                {
                    return oauth_error("invalid_grant");
                }
                // Slow enough that a second, concurrent refresh would overlap this one.
                Duration::from_millis(300)
            }
            _ => return oauth_error("unsupported_grant_type"),
        }
    };
    tokio::time::sleep(delay).await;
    let mut r = state.lock().expect("state");
    r.issued += 1;
    let access = format!("at-{}", r.issued);
    r.valid_tokens.insert(access.clone());
    axum::Json(json!({
        "access_token": access,
        "token_type": "bearer",
        "refresh_token": "rt-1",
        "scope": r.scope,
        "expires_in": r.expires_in,
        "api_domain": if r.api_domain_trailing_slash { format!("{}/", r.base_url) } else { r.base_url.clone() },
        "unknown_future_field": true
    }))
    .into_response()
}

async fn revoke(State(state): Shared, headers: HeaderMap, body: String) -> Response {
    if !basic_ok(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let form: HashMap<String, String> = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    state
        .lock()
        .expect("state")
        .revoked
        .push(form.get("token").cloned().unwrap_or_default());
    StatusCode::OK.into_response()
}

/// Every API request: recorded, authenticated (a valid bearer token, or a known `x-api-token`), answered by a
/// script when one matches, rate limited (`rate_limit_next`, the burst limit), delayed by `latency`; the rate
/// headers added to the answer.
async fn api_gate(State(state): Shared, request: Request, next: Next) -> Response {
    let (early, latency, mut extra) = gate_of(&state, &request);
    tokio::time::sleep(latency).await;
    let mut response = match early {
        Some(response) => response,
        None => next.run(request).await,
    };
    extra.extend(state.lock().expect("state").rate_headers.clone());
    for (name, value) in extra {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value))
            && !response.headers().contains_key(&name)
        {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

/// Header names and values to add to an answer.
type Headers = Vec<(String, String)>;

type Gate = (Option<Response>, Duration, Headers);

fn gate_of(state: &Mutex<Recorded>, request: &Request) -> Gate {
    let mut r = state.lock().expect("state");
    let headers = request.headers();
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let api_token = text("x-api-token");
    let bearer = text("authorization").and_then(|v| v.strip_prefix("Bearer ").map(str::to_owned));
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    r.api_requests += 1;
    r.seen.push(Seen {
        method: method.clone(),
        path: path.clone(),
        query: request.uri().query().unwrap_or_default().to_owned(),
        api_token: api_token.clone(),
        bearer: bearer.is_some(),
    });
    let latency = r.latency;
    let authorized = bearer.as_ref().is_some_and(|t| r.valid_tokens.contains(t))
        || api_token.as_ref().is_some_and(|t| r.api_tokens.contains(t));
    if !authorized {
        let body = json!({"success": false, "error": "unauthorized access", "errorCode": 401});
        return (
            Some((StatusCode::UNAUTHORIZED, axum::Json(body)).into_response()),
            latency,
            vec![],
        );
    }
    if let Some(i) = r
        .scripts
        .iter()
        .position(|s| s.method == method && s.path == path)
    {
        let script = r.scripts.remove(i);
        return (Some(scripted(script)), latency, vec![]);
    }
    if r.rate_limit_next > 0 {
        r.rate_limit_next -= 1;
        let response = (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, r.retry_after_secs.to_string())],
            axum::Json(json!({"success": false, "error": "Request over limit"})),
        );
        return (Some(response.into_response()), latency, vec![]);
    }
    if let Some(left) = r.daily_budget {
        let cost = token_cost(&method, &path);
        if left < cost {
            let body = json!({"success": false, "error": "Request over limit", "errorCode": 429});
            let headers = vec![(
                "x-daily-ratelimit-token-remaining".to_owned(),
                "0".to_owned(),
            )];
            return (
                Some((StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response()),
                latency,
                headers,
            );
        }
        r.daily_budget = Some(left - cost);
    }
    r.tokens_spent += token_cost(&method, &path);
    let daily = r.daily_budget.map(|left| {
        (
            "x-daily-ratelimit-token-remaining".to_owned(),
            left.to_string(),
        )
    });
    let token = bearer.or(api_token).unwrap_or_default();
    let burst = burst(&mut r, token).map(|mut h| {
        h.extend(daily);
        h
    });
    match burst {
        Ok(headers) => (None, latency, headers),
        Err(headers) => {
            r.burst_429s += 1;
            let body = json!({"success": false, "error": "Request over limit", "errorCode": 429});
            let response = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
            (Some(response), latency, headers)
        }
    }
}

/// The burst window of a token: `Ok` with the headers of an allowed request, `Err` with those of a 429.
fn burst(r: &mut Recorded, token: String) -> Result<Headers, Headers> {
    let Some(limit) = r.burst_limit else {
        return Ok(vec![]);
    };
    let window = Duration::from_secs(2);
    let now = Instant::now();
    let sends = r.burst.entry(token).or_default();
    while sends
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window)
    {
        sends.pop_front();
    }
    let reset = sends
        .front()
        .map_or(window, |t| window.saturating_sub(now.duration_since(*t)));
    let headers = |remaining: usize| {
        vec![
            ("x-ratelimit-limit".to_owned(), limit.to_string()),
            ("x-ratelimit-remaining".to_owned(), remaining.to_string()),
            (
                "x-ratelimit-reset".to_owned(),
                format!("{:.3}", reset.as_secs_f64()),
            ),
        ]
    };
    if sends.len() >= limit {
        return Err(headers(0));
    }
    sends.push_back(now);
    Ok(headers(limit - sends.len()))
}

/// Pipedrive's token cost of a request: v2 get one 1, list 10, write 5, delete 3; v1 twice that.
fn token_cost(method: &Method, path: &str) -> u64 {
    let v1 = if path.starts_with("/api/v1/") { 2 } else { 1 };
    let one = path
        .rsplit('/')
        .next()
        .is_some_and(|s| s.bytes().any(|b| b.is_ascii_digit()) || s == "me");
    let v2 = match *method {
        Method::GET if one => 1,
        Method::GET => 10,
        Method::DELETE => 3,
        _ => 5,
    };
    v1 * v2
}

fn scripted(script: Scripted) -> Response {
    let mut response = Response::new(axum::body::Body::from(script.body));
    *response.status_mut() = StatusCode::from_u16(script.status).expect("status");
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(script.content_type),
    );
    for (name, value) in script.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            headers.insert(name, value);
        }
    }
    response
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(json!({"success": false, "error": "Not found"})),
    )
        .into_response()
}

async fn me(State(state): Shared) -> Response {
    let id = state.lock().expect("state").me_user_id;
    axum::Json(json!({"success": true, "data": {
        "id": id, "name": "Ann <Admin>", "company_id": 42, "company_domain": "acme", "locale": "en_US"
    }}))
    .into_response()
}

async fn user(Path(id): Path<u64>) -> Response {
    axum::Json(
        json!({"success": true, "data": {"id": id, "name": "Bob", "email": "bob@example.com"}}),
    )
    .into_response()
}

fn deal_json(r: &Recorded, id: u64) -> Value {
    let title = r
        .deal_titles
        .get(&id)
        .cloned()
        .unwrap_or_else(|| format!("Deal {id}"));
    json!({"id": id, "title": title, "value": 1000.5, "currency": "EUR", "status": "open",
           "custom_fields": {}, "stage_id": 3})
}

async fn deal(State(state): Shared, Path(id): Path<u64>) -> Response {
    if id == 404 {
        return (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"success": false, "error": "Deal not found"})),
        )
            .into_response();
    }
    let r = state.lock().expect("state");
    axum::Json(json!({"success": true, "data": deal_json(&r, id)})).into_response()
}

/// `GET /api/v2/deals?ids=`: the deals of those ids (at most 100, as Pipedrive allows).
async fn deals(State(state): Shared, Query(query): Query<HashMap<String, String>>) -> Response {
    let ids = query.get("ids").cloned().unwrap_or_default();
    let mut r = state.lock().expect("state");
    r.list_queries.push(ids.clone());
    let ids: Vec<u64> = ids.split(',').filter_map(|i| i.parse().ok()).collect();
    if ids.len() > 100 {
        let body = json!({"success": false, "error": "ids: at most 100", "errors": {"ids": ["at most 100 ids"]}});
        return (StatusCode::BAD_REQUEST, axum::Json(body)).into_response();
    }
    let data: Vec<Value> = ids
        .into_iter()
        .filter(|id| id % 1000 != 999)
        .map(|id| deal_json(&r, id))
        .collect();
    axum::Json(json!({"success": true, "data": data, "additional_data": {"next_cursor": null}}))
        .into_response()
}

async fn patch_deal(
    State(state): Shared,
    Path(id): Path<u64>,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    let mut r = state.lock().expect("state");
    r.patches.push(body.clone());
    if let Some(title) = body.get("title").and_then(Value::as_str) {
        r.deal_titles.insert(id, title.to_owned());
    }
    let mut deal = deal_json(&r, id);
    if let (Some(d), Some(b)) = (deal.as_object_mut(), body.as_object()) {
        for (k, v) in b {
            d.insert(k.clone(), v.clone());
        }
    }
    axum::Json(json!({"success": true, "data": deal})).into_response()
}

async fn person(Path(id): Path<u64>) -> Response {
    axum::Json(json!({"success": true, "data": {"id": id, "name": format!("Person {id}")}}))
        .into_response()
}

async fn persons(Query(query): Query<HashMap<String, String>>) -> Response {
    let ids = query.get("ids").cloned().unwrap_or_default();
    let data: Vec<Value> = ids
        .split(',')
        .filter_map(|i| i.parse::<u64>().ok())
        .map(|id| json!({"id": id, "name": format!("Person {id}")}))
        .collect();
    axum::Json(json!({"success": true, "data": data})).into_response()
}

/// `GET /api/v2/activities`: cursor pages (`cursor` is `c<offset>`, opaque to the client).
async fn activities(
    State(state): Shared,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let r = state.lock().expect("state");
    let limit: usize = query
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(100);
    if limit == 0 || limit > 500 {
        let body = json!({"success": false, "error": "limit must be 1 to 500"});
        return (StatusCode::BAD_REQUEST, axum::Json(body)).into_response();
    }
    let start: usize = query
        .get("cursor")
        .and_then(|c| c.strip_prefix('c'))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let end = (start + limit).min(r.activities.len());
    let data = r.activities.get(start..end).unwrap_or_default().to_vec();
    let last = end >= r.activities.len();
    if last && r.omit_additional_data_on_last_page {
        return axum::Json(json!({"success": true, "data": data})).into_response();
    }
    let next = if last {
        Value::Null
    } else {
        json!(format!("c{end}"))
    };
    axum::Json(json!({"success": true, "data": data, "additional_data": {"next_cursor": next}}))
        .into_response()
}

/// `GET /api/v1/notes`: offset pages.
async fn notes(State(state): Shared, Query(query): Query<HashMap<String, String>>) -> Response {
    let r = state.lock().expect("state");
    let limit: usize = query
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(100);
    let start: usize = query.get("start").and_then(|s| s.parse().ok()).unwrap_or(0);
    let end = (start + limit).min(r.notes.len());
    let data = r.notes.get(start..end).unwrap_or_default().to_vec();
    let more = end < r.notes.len();
    let mut pagination = json!({"start": start, "limit": limit, "more_items_in_collection": more});
    if more {
        pagination["next_start"] = json!(end);
    }
    axum::Json(
        json!({"success": true, "data": data, "additional_data": {"pagination": pagination}}),
    )
    .into_response()
}

/// `POST /api/v1/webhooks`: 201 with the webhook (scripts give the 422 and 400 answers).
async fn create_webhook(axum::Json(body): axum::Json<Value>) -> Response {
    let webhook = json!({
        "id": 998877, "company_id": 42, "owner_id": 7, "user_id": 7,
        "event_action": body["event_action"], "event_object": body["event_object"],
        "subscription_url": body["subscription_url"], "version": body["version"], "is_active": 1,
        "type": "application", "name": body["name"], "http_auth_user": null, "http_auth_password": null,
        "remove_reason": null, "new_field_next_year": true
    });
    (
        StatusCode::CREATED,
        axum::Json(json!({"status": "ok", "success": true, "data": webhook})),
    )
        .into_response()
}

async fn delete_webhook(Path(id): Path<u64>) -> Response {
    axum::Json(json!({"status": "ok", "success": true, "data": {"id": id}})).into_response()
}

/// Installs the app for company 42 and the fake's `me_user_id` through the callback with `code` (a
/// Marketplace install).
pub(crate) async fn install(installations: &pdx::install::Installations, code: &str) {
    use tower::ServiceExt;
    let response = installations
        .routes::<()>()
        .oneshot(
            axum::http::Request::get(format!("/oauth/callback?code={code}"))
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await
        .expect("infallible");
    assert_eq!(response.status(), StatusCode::OK, "installed");
}

/// The installations of an app on a memory store, with these API settings, installed for company 42 and user
/// 7 (the fake's `scope` granted).
pub(crate) async fn installed(
    fake: &FakePipedrive,
    settings: pdx::api::ApiSettings,
) -> pdx::install::Installations {
    let installations = pdx::install::Installations::connect(config(fake, "memory:"))
        .await
        .expect("connect")
        .with_api_settings(settings);
    install(&installations, GOOD_CODE).await;
    installations
}

/// A fresh SQLite URL in the temp directory (one file per call).
pub(crate) fn temp_sqlite_url(name: &str) -> (String, std::path::PathBuf) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let path = std::env::temp_dir().join(format!(
        "pdx-test-{name}-{}-{}-{nanos}.db",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    (format!("sqlite://{}", path.display()), path)
}

/// The install configuration of the tests: the fake's OAuth server, a callback on `example.test`.
pub(crate) fn config(fake: &FakePipedrive, database_url: &str) -> pdx::install::InstallConfig {
    let mut config = pdx::install::InstallConfig::new(
        CLIENT_ID,
        CLIENT_SECRET,
        "https://app.example.test/oauth/callback",
    );
    config.oauth_url = fake.url.clone();
    config.database_url = database_url.to_owned();
    // The key of the store suite too: both may use the same PostgreSQL test database.
    config.token_key = pdx::store::TokenKey::from_array([3; 32]);
    config.token_key_is_demo = false;
    config
}
