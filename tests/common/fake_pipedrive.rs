//! A fake of Pipedrive's OAuth server and API on loopback, counting the requests it gets, for the install and
//! API client tests.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

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
            ..Recorded::default()
        }));
        let app = Router::new()
            .route("/oauth/token", post(token))
            .route("/oauth/revoke", post(revoke))
            .route("/api/v1/users/me", get(me))
            .route("/api/v1/users/{id}", get(user))
            .route("/api/v2/deals", get(deals))
            .route("/api/v2/deals/{id}", get(deal).patch(patch_deal))
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
                if code != GOOD_CODE || !r.used_codes.insert(code) {
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
        "scope": "base,deals:full",
        "expires_in": r.expires_in,
        "api_domain": r.base_url,
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

/// Counts the request and checks its bearer token; `Some` is the response to send instead.
fn api_gate(state: &Mutex<Recorded>, headers: &HeaderMap) -> Option<Response> {
    let mut r = state.lock().expect("state");
    r.api_requests += 1;
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !r.valid_tokens.contains(token) {
        return Some(
            (
                StatusCode::UNAUTHORIZED,
                axum::Json(json!({"success": false, "error": "unauthorized"})),
            )
                .into_response(),
        );
    }
    if r.rate_limit_next > 0 {
        r.rate_limit_next -= 1;
        return Some(
            (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, r.retry_after_secs.to_string())],
                axum::Json(json!({"success": false, "error": "Request over limit"})),
            )
                .into_response(),
        );
    }
    None
}

async fn me(State(state): Shared, headers: HeaderMap) -> Response {
    if let Some(r) = api_gate(&state, &headers) {
        return r;
    }
    axum::Json(json!({"success": true, "data": {
        "id": 7, "name": "Ann <Admin>", "company_id": 42, "company_domain": "acme", "locale": "en_US"
    }}))
    .into_response()
}

async fn user(State(state): Shared, headers: HeaderMap, Path(id): Path<u64>) -> Response {
    if let Some(r) = api_gate(&state, &headers) {
        return r;
    }
    axum::Json(
        json!({"success": true, "data": {"id": id, "name": "Bob", "email": "bob@example.com"}}),
    )
    .into_response()
}

fn deal_json(id: u64) -> Value {
    json!({"id": id, "title": format!("Deal {id}"), "value": 1000.5, "currency": "EUR", "status": "open",
           "custom_fields": {}, "stage_id": 3})
}

async fn deal(State(state): Shared, headers: HeaderMap, Path(id): Path<u64>) -> Response {
    if let Some(r) = api_gate(&state, &headers) {
        return r;
    }
    if id == 404 {
        return (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"success": false, "error": "Deal not found"})),
        )
            .into_response();
    }
    axum::Json(json!({"success": true, "data": deal_json(id)})).into_response()
}

async fn deals(
    State(state): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Some(r) = api_gate(&state, &headers) {
        return r;
    }
    let ids = query.get("ids").cloned().unwrap_or_default();
    state.lock().expect("state").list_queries.push(ids.clone());
    let data: Vec<Value> = ids
        .split(',')
        .filter_map(|i| i.parse().ok())
        .map(deal_json)
        .collect();
    axum::Json(json!({"success": true, "data": data})).into_response()
}

async fn patch_deal(
    State(state): Shared,
    headers: HeaderMap,
    Path(id): Path<u64>,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    if let Some(r) = api_gate(&state, &headers) {
        return r;
    }
    state.lock().expect("state").patches.push(body.clone());
    let mut deal = deal_json(id);
    if let (Some(d), Some(b)) = (deal.as_object_mut(), body.as_object()) {
        for (k, v) in b {
            d.insert(k.clone(), v.clone());
        }
    }
    axum::Json(json!({"success": true, "data": deal})).into_response()
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
