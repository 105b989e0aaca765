//! The OAuth routes against `pdx::testing::FakePipedrive`, the fake of Pipedrive's OAuth server and API:
//! Marketplace- and app-started installs (and which one the hook is told), state checks, install starts that
//! store nothing, declined installs, code replay, uninstall, revoke.

use crate::temp_db;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::response::IntoResponse;
use base64::Engine;
use pdx::install::{InstallConfig, InstallOrigin, Installations, Installed};
use pdx::scope::Scope;
use pdx::testing::FakePipedrive;
use pdx::testing::fake::{Answer, CLIENT_ID, CLIENT_SECRET, FakeApp, Server};
use serde_json::json;
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

/// The company and user that install in these tests.
const COMPANY_ID: &str = "42";
const USER_ID: &str = "7";

struct Setup {
    fake: FakePipedrive,
    installations: Installations,
    router: Router,
}

impl Setup {
    /// A code Pipedrive sends to the callback once user 7 of company 42 consents.
    fn code(&self) -> String {
        self.fake.authorization_code(42, 7)
    }

    /// Code exchanges the fake was asked for.
    fn code_exchanges(&self) -> usize {
        self.fake.token_requests("authorization_code")
    }

    /// The installation of the fake's company and user, as stored.
    async fn stored(&self) -> Option<pdx::store::Installation> {
        self.installations
            .installation(COMPANY_ID, USER_ID)
            .await
            .expect("store")
    }
}

async fn setup() -> Setup {
    setup_with(|_| {}).await
}

/// The fake with the app granted `deals:full`, and user 7 of company 42 ("Ann <Admin>") logged in.
async fn fake() -> FakePipedrive {
    let fake = FakePipedrive::start_with(FakeApp::default().scopes([Scope::DealsFull])).await;
    fake.company(42).add_user(7, "Ann <Admin>");
    fake.log_in(42, 7);
    fake
}

/// The setup (the in-memory token store) with its configuration changed by `adjust`.
async fn setup_with(adjust: impl FnOnce(&mut InstallConfig)) -> Setup {
    let fake = fake().await;
    let mut config = fake.install_config();
    adjust(&mut config);
    let installations = Installations::connect(config).await.expect("connect");
    let router = installations.routes::<()>();
    Setup {
        fake,
        installations,
        router,
    }
}

async fn call(router: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20).await.expect("body");
    (
        parts.status,
        parts.headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("request")
}

fn get_with_cookie(uri: &str, cookie: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request")
}

/// Starts an install; returns the `state` sent to Pipedrive and the cookie set for this browser.
async fn start(router: &Router, uri: &str) -> (String, String, String) {
    let (status, headers, _) = call(router, get(uri)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = headers[header::LOCATION]
        .to_str()
        .expect("ascii")
        .to_owned();
    let query = location.split_once('?').expect("query").1;
    let params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let param = |n: &str| {
        params
            .iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.clone())
            .expect(n)
    };
    let cookie = headers[header::SET_COOKIE]
        .to_str()
        .expect("ascii")
        .to_owned();
    let cookie_pair = cookie.split(';').next().expect("pair").to_owned();
    (param("state"), cookie_pair, location)
}

/// The installations with a hook that records what it is told and answers the default.
fn recording(installations: &Installations) -> (Router, Arc<Mutex<Option<Installed>>>) {
    let seen: Arc<Mutex<Option<Installed>>> = Arc::default();
    let recorder = seen.clone();
    let router = installations
        .clone()
        .with_hook(move |installed: Installed| {
            let recorder = recorder.clone();
            async move {
                let response = pdx::install::default_installed(&installed);
                *recorder.lock().expect("lock") = Some(installed);
                response
            }
        })
        .routes::<()>();
    (router, seen)
}

#[tokio::test]
async fn marketplace_install_without_state_stores_the_tokens() {
    let s = setup().await;
    let (router, seen) = recording(&s.installations);
    let granted = s.fake.install_marketplace(&router, 42, 7).await;
    let body = granted.callback.assert_html(200);
    assert!(body.contains("<h1>Installed</h1>"), "{body}");
    let installation = s
        .stored()
        .await
        .expect("installed for company 42, user 7 (from /users/me)");
    assert_eq!(
        installation.api_domain,
        s.fake.company(42).api_domain(),
        "api_domain of the token answer"
    );
    assert_eq!(
        installation.refresh_token,
        granted.installation.refresh_token
    );
    assert_eq!(installation.access_token, granted.installation.access_token);
    assert_eq!(installation.scope, "deals:full,base");
    let installed = seen.lock().expect("lock").clone().expect("hook called");
    assert_eq!(
        installed.origin,
        InstallOrigin::Marketplace,
        "no state of the app's: the hook must not link it to a logged-in account unasked"
    );
    assert_eq!(installed.resume_url, None);
    assert_eq!(s.code_exchanges(), 1);
    let api: Vec<_> = s
        .fake
        .requests()
        .into_iter()
        .filter(|r| matches!(r.server, Server::Api { .. }))
        .map(|r| r.path)
        .collect();
    assert_eq!(api, ["/api/v1/users/me"], "one /users/me");
}

#[tokio::test]
async fn app_started_install_checks_state_and_resumes() {
    let s = setup().await;
    let (state, cookie, location) =
        start(&s.router, "/oauth/install?resume=%2Flink%3FdealId%3D5").await;
    assert!(
        location.starts_with(&format!("{}/oauth/authorize?", s.fake.oauth_url())),
        "{location}"
    );
    assert!(
        location.contains(&format!("client_id={CLIENT_ID}")),
        "{location}"
    );
    assert!(
        location.contains("redirect_uri=https%3A%2F%2Fapp.example.test%2Foauth%2Fcallback"),
        "{location}"
    );
    assert!(state.len() >= 40, "a long random state: {state}");
    assert!(cookie.starts_with("pdx_oauth_state="));

    let seen: Arc<Mutex<Option<Installed>>> = Arc::default();
    let recorder = seen.clone();
    let router = s
        .installations
        .clone()
        .with_hook(move |installed: Installed| {
            let recorder = recorder.clone();
            async move {
                let to = installed.resume_url.clone().unwrap_or_default();
                *recorder.lock().expect("lock") = Some(installed);
                (
                    StatusCode::SEE_OTHER,
                    [(header::LOCATION, format!("/login?next={to}"))],
                )
                    .into_response()
            }
        })
        .routes::<()>();
    let uri = format!("/oauth/callback?code={}&state={state}", s.code());
    let (status, headers, _) = call(&router, get_with_cookie(&uri, &cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers[header::LOCATION],
        "/login?next=/link?dealId=5",
        "the hook decides"
    );
    let installed = seen.lock().expect("lock").clone().expect("hook called");
    assert_eq!(installed.origin, InstallOrigin::StartedByApp);
    assert_eq!(installed.resume_url.as_deref(), Some("/link?dealId=5"));
    assert_eq!(installed.installation.company_id, COMPANY_ID);
    assert_eq!(installed.user_name.as_deref(), Some("Ann <Admin>"));
    assert!(
        installed.headers.contains_key(header::COOKIE),
        "the hook sees the app's cookies"
    );
}

#[tokio::test]
async fn default_hook_redirects_to_the_resume_url() {
    let s = setup().await;
    let (state, cookie, _) = start(&s.router, "/oauth/install?resume=%2Fpanel").await;
    let uri = format!("/oauth/callback?code={}&state={state}", s.code());
    let (status, headers, _) = call(&s.router, get_with_cookie(&uri, &cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/panel");
}

#[tokio::test]
async fn resume_urls_to_other_sites_are_refused() {
    let s = setup().await;
    for resume in ["https%3A%2F%2Fevil.example", "%2F%2Fevil.example"] {
        let (status, _, body) =
            call(&s.router, get(&format!("/oauth/install?resume={resume}"))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{resume}");
        assert!(body.contains("must be a path on this app"), "{body}");
    }
}

#[tokio::test]
async fn unknown_state_is_refused_without_exchanging_the_code() {
    let s = setup().await;
    let (_, cookie, _) = start(&s.router, "/oauth/install").await;
    let uri = format!("/oauth/callback?code={}&state=forged", s.code());
    let (status, _, body) = call(&s.router, get_with_cookie(&uri, &cookie)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("no longer valid"), "{body}");
    assert_eq!(s.code_exchanges(), 0);
    assert_eq!(s.stored().await, None);
}

#[tokio::test]
async fn replayed_state_is_refused() {
    let s = setup().await;
    let (state, cookie, _) = start(&s.router, "/oauth/install").await;
    let uri = format!("/oauth/callback?code={}&state={state}", s.code());
    let (status, _, _) = call(&s.router, get_with_cookie(&uri, &cookie)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, body) = call(&s.router, get_with_cookie(&uri, &cookie)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("already used"), "{body}");
    assert_eq!(s.code_exchanges(), 1, "the replay never reached Pipedrive");
}

#[tokio::test]
async fn state_from_another_browser_is_refused() {
    let s = setup().await;
    let (state, _, _) = start(&s.router, "/oauth/install").await;
    let uri = format!("/oauth/callback?code={}&state={state}", s.code());
    let (status, _, body) = call(
        &s.router,
        get_with_cookie(&uri, "pdx_oauth_state=someone-else"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("another browser"), "{body}");
    assert_eq!(s.code_exchanges(), 0);
}

#[tokio::test]
async fn another_instance_can_finish_an_install() {
    // Two instances of the app on one SQLite database.
    let (url, _db) = temp_db::temp_sqlite_url("install");
    let s = setup_with(|config| config.database_url = url.clone()).await;
    let (state, cookie, _) = start(&s.router, "/oauth/install").await;
    let mut config = s.fake.install_config();
    config.database_url = url;
    let other = Installations::connect(config)
        .await
        .expect("second instance");
    let uri = format!("/oauth/callback?code={}&state={state}", s.code());
    let (status, _, body) = call(&other.routes::<()>(), get_with_cookie(&uri, &cookie)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(s.stored().await.is_some());
}

#[tokio::test]
async fn declined_install_is_a_readable_page() {
    let s = setup().await;
    let (status, _, body) = call(&s.router, get("/oauth/callback?error=user_denied")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Installation cancelled"), "{body}");
    assert!(body.contains("href=\"/oauth/install\""), "{body}");
    let (status, _, body) = call(
        &s.router,
        get("/oauth/callback?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "escaped: {body}"
    );
    assert!(!body.contains("<script>"), "{body}");
    let (status, _, body) = call(&s.router, get("/oauth/callback")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("neither a `code` nor an `error`"), "{body}");
    assert_eq!(s.code_exchanges(), 0);
}

#[tokio::test]
async fn replayed_code_is_a_400_page_that_starts_again() {
    let s = setup().await;
    let uri = format!("/oauth/callback?code={}", s.code());
    assert_eq!(call(&s.router, get(&uri)).await.0, StatusCode::OK);
    let (status, headers, body) = call(&s.router, get(&uri)).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "the user's link is stale: {body}"
    );
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .expect("ascii")
            .starts_with("text/html")
    );
    assert!(body.contains("already used or has expired"), "{body}");
    assert!(body.contains("invalid_grant"), "{body}");
    assert!(
        body.contains("href=\"/oauth/install\">Start the installation again</a>"),
        "{body}"
    );
    assert!(!body.contains(CLIENT_SECRET));

    // Pipedrive's words are escaped, whatever they say.
    s.fake.answer_next(
        "/oauth/token",
        1,
        Answer::json(
            400,
            json!({"error": "invalid_grant", "error_description": "<script>alert(1)</script> code used"}),
        ),
    );
    let (status, _, body) = call(
        &s.router,
        get(&format!("/oauth/callback?code={}", s.code())),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !body.contains("<script>"),
        "{body}"
    );
    assert_eq!(s.code_exchanges(), 3);
}

#[tokio::test]
async fn other_exchange_failures_stay_502() {
    // The app's client secret is wrong: Pipedrive answers `invalid_client`, which is not the user's doing.
    let s = setup_with(|config| config.client_secret = "not-the-secret".into()).await;
    let (status, _, body) = call(
        &s.router,
        get(&format!("/oauth/callback?code={}", s.code())),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_GATEWAY, "{body}");
    assert!(
        body.contains("Installation failed") && body.contains("invalid_client"),
        "{body}"
    );
    assert!(!body.contains("not-the-secret"), "{body}");
    assert_eq!(s.stored().await, None);
}

fn uninstall(basic: Option<(&str, &str)>, body: serde_json::Value) -> Request<Body> {
    let mut request =
        Request::delete("/oauth/callback").header(header::CONTENT_TYPE, "application/json");
    if let Some((user, password)) = basic {
        let encoded =
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        request = request.header(header::AUTHORIZATION, format!("Basic {encoded}"));
    }
    request.body(Body::from(body.to_string())).expect("request")
}

#[tokio::test]
async fn uninstall_checks_basic_and_deletes_the_tokens() {
    let s = setup().await;
    s.fake.install(&s.router, 42, 7).await;
    let notice = json!({"client_id": CLIENT_ID, "company_id": 42, "user_id": 7, "timestamp": "2026-01-01T00:00:00Z"});
    for basic in [
        None,
        Some((CLIENT_ID, "wrong")),
        Some(("other", CLIENT_SECRET)),
    ] {
        let (status, _, _) = call(&s.router, uninstall(basic, notice.clone())).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{basic:?}");
        assert!(s.stored().await.is_some());
    }
    let (status, _, body) = call(
        &s.router,
        uninstall(Some((CLIENT_ID, CLIENT_SECRET)), json!({"nope": 1})),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(s.stored().await.is_some());
    // Pipedrive's own notice: the app's Basic credentials and the documented body.
    let (status, _, _) = call(
        &s.router,
        uninstall(Some((CLIENT_ID, CLIENT_SECRET)), notice),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(s.stored().await, None);
    s.fake.install(&s.router, 42, 7).await;
    assert_eq!(s.fake.uninstall(&s.router, 42, 7).await.status(), 200);
    assert_eq!(s.stored().await, None);
}

#[tokio::test]
async fn revoke_uninstalls_at_pipedrive_then_deletes() {
    let s = setup().await;
    s.fake.install(&s.router, 42, 7).await;
    assert!(s.fake.is_installed(42, 7));
    s.installations
        .revoke(COMPANY_ID, USER_ID)
        .await
        .expect("revoke");
    let revokes = s.fake.requests_to("POST /oauth/revoke");
    assert_eq!(revokes.len(), 1);
    assert_eq!(revokes[0].status, 200);
    assert_eq!(
        revokes[0].body_field("token_type_hint"),
        Some("refresh_token")
    );
    assert!(
        !s.fake.is_installed(42, 7),
        "the refresh token was revoked (an access token would not uninstall)"
    );
    assert_eq!(s.stored().await, None);
    let again = s
        .installations
        .revoke(COMPANY_ID, USER_ID)
        .await
        .expect_err("not installed");
    assert_eq!(again, pdx::api::ApiError::NotInstalled);
}

#[tokio::test]
async fn login_redirect_goes_through_the_install_start() {
    let s = setup().await;
    let response = s.installations.login_redirect("/link?dealId=5&token=abc");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert_eq!(
        location,
        "/oauth/install?resume=%2Flink%3FdealId%3D5%26token%3Dabc"
    );
    let (_, _, authorize) = start(&s.router, &location).await;
    assert!(authorize.contains("/oauth/authorize?"), "{authorize}");
    let outside = s.installations.login_redirect("https://evil.example/");
    assert_eq!(
        outside.headers()[header::LOCATION],
        "/oauth/install?resume=%2F"
    );
    assert_eq!(s.installations.install_path(), "/oauth/install");
    assert_eq!(s.installations.callback_path(), "/oauth/callback");
}

/// A callback through `s` with the code and a state started through `started_on` (with its cookie): the status
/// and page.
async fn callback_with_state_of(s: &Setup, started_on: &Router) -> (StatusCode, String) {
    let (state, cookie, _) = start(started_on, "/oauth/install").await;
    let uri = format!("/oauth/callback?code={}&state={state}", s.code());
    let (status, _, body) = call(&s.router, get_with_cookie(&uri, &cookie)).await;
    (status, body)
}

#[tokio::test]
async fn expired_state_is_refused() {
    let s = setup_with(|config| config.state_ttl = std::time::Duration::ZERO).await;
    let (status, body) = callback_with_state_of(&s, &s.router).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("expired"), "{body}");
    assert_eq!(s.code_exchanges(), 0);
}

#[tokio::test]
async fn a_state_sealed_with_another_key_is_refused() {
    let s = setup().await;
    let other =
        setup_with(|config| config.token_key = pdx::store::TokenKey::from_array([9; 32])).await;
    let (status, body) = callback_with_state_of(&s, &other.router).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("not issued by this app"), "{body}");
    assert_eq!(s.code_exchanges(), 0);
}

/// 10,000 unauthenticated install starts store nothing; what the store holds grows only with finished installs
/// (one used-state record each, until the state expires).
#[tokio::test]
async fn install_starts_leave_the_store_as_it_was() {
    let s = setup().await;
    let store = s.installations.store().clone();
    let before = store.counts().await.expect("counts");
    assert_eq!(before, pdx::store::StoreCounts::default());
    let mut last = None;
    for _ in 0..10_000 {
        let (status, headers, _) = call(&s.router, get("/oauth/install?resume=%2Fpanel")).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        last = Some(headers);
    }
    assert_eq!(
        store.counts().await.expect("counts"),
        before,
        "install starts write nothing"
    );
    assert!(last.is_some_and(|h| h.contains_key(header::SET_COOKIE)));

    // Forged, replayed and cookie-less callbacks write nothing either.
    let (state, cookie, _) = start(&s.router, "/oauth/install").await;
    for uri in [
        format!("/oauth/callback?code=wrong&state={state}"),
        "/oauth/callback?code=x&state=forged".to_owned(),
    ] {
        call(&s.router, get_with_cookie(&uri, &cookie)).await;
    }
    let code = s.code();
    call(
        &s.router,
        get(&format!("/oauth/callback?code={code}&state={state}")),
    )
    .await;
    assert_eq!(store.counts().await.expect("counts"), before);

    // One finished install the app started: one installation, one used-state record.
    let uri = format!("/oauth/callback?code={code}&state={state}");
    let (status, _, body) = call(&s.router, get_with_cookie(&uri, &cookie)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let after = store.counts().await.expect("counts");
    assert_eq!((after.installations, after.used_states), (1, 1));
}
