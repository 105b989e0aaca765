//! The API client and its extractor against `pdx::testing::FakePipedrive`: typed calls, refresh before expiry
//! and after a 401, refresh failure, 429 retries, one refresh across two instances, restart.

use crate::postgres;
use crate::temp_db;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use pdx::api::{ApiError, Method, PipedriveApi, RetryPolicy};
use pdx::auth::{JwtSecret, PipedriveUser, verify_token};
use pdx::context::Surface;
use pdx::install::Installations;
use pdx::panel::PanelError;
use pdx::testing::FakePipedrive;
use pdx::testing::fake::{Answer, Entity, FieldType, Server};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// The company and user the app is installed for.
const COMPANY_ID: &str = "42";
const USER_ID: &str = "7";

struct Setup {
    fake: FakePipedrive,
    installations: Installations,
    url: String,
    _db: Option<temp_db::TempDb>,
}

impl Setup {
    /// Token requests of a grant type the fake got.
    fn token_requests(&self, grant_type: &str) -> usize {
        self.fake.token_requests(grant_type)
    }
}

/// API calls the fake got.
fn api_requests(fake: &FakePipedrive) -> usize {
    fake.requests()
        .iter()
        .filter(|r| matches!(r.server, Server::Api { .. }))
        .count()
}

/// The fake with company 42: user 7 (who installs), user 3 (Bob), deals 1 to 9 titled `Deal <id>`.
async fn fake() -> FakePipedrive {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    acme.add_user(7, "Ann Admin").add_user(3, "Bob");
    for id in 1..=9 {
        acme.add(
            Entity::Deal,
            json!({"title": format!("Deal {id}"), "value": 1000.5, "currency": "EUR", "stage_id": 3}),
        );
    }
    fake
}

/// An app installed by company 42, user 7 (a Marketplace install through the callback), its token store at
/// `url`.
async fn installed_with(fake: FakePipedrive, url: String, db: Option<temp_db::TempDb>) -> Setup {
    let installations = Installations::connect(config_at(&fake, &url))
        .await
        .expect("connect");
    let installed = fake
        .install_marketplace(&installations.routes::<()>(), 42, 7)
        .await;
    assert_eq!(installed.callback.status(), 200);
    Setup {
        fake,
        installations,
        url,
        _db: db,
    }
}

/// The fake's install settings with the token store at `url`; on the shared PostgreSQL test database, with the
/// key its tokens are encrypted with (the store suite writes there too, and a store refuses another key).
fn config_at(fake: &FakePipedrive, url: &str) -> pdx::install::InstallConfig {
    let mut config = fake.install_config();
    config.database_url = url.to_owned();
    if url.starts_with("postgres") {
        config.token_key = postgres::shared_database_key();
    }
    config
}

/// Installed, with the in-memory token store.
async fn installed() -> Setup {
    installed_with(fake().await, pdx::store::MEMORY_URL.to_owned(), None).await
}

/// Installed, with a SQLite file (for a restart or a second instance).
async fn installed_on_sqlite() -> Setup {
    let (url, db) = temp_db::temp_sqlite_url("api");
    installed_with(fake().await, url, Some(db)).await
}

#[tokio::test]
async fn typed_and_raw_calls_use_the_api_domain() {
    let s = installed().await;
    let client = s
        .installations
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client");
    assert_eq!(client.api_domain(), s.fake.company(42).api_domain());
    let deal = client.deal(5).await.expect("deal");
    assert_eq!(
        (deal.id, deal.title.as_str(), deal.currency.as_deref()),
        (5, "Deal 5", Some("EUR"))
    );
    assert_eq!(deal.stage_id, Some(3), "documented fields are typed");
    let deals = client.deals(&[1, 2]).await.expect("deals");
    assert_eq!(deals.iter().map(|d| d.id).collect::<Vec<_>>(), vec![1, 2]);
    let lists = s.fake.requests_to("GET /api/v2/deals");
    assert_eq!(
        lists
            .iter()
            .map(|r| r.query_param("ids"))
            .collect::<Vec<_>>(),
        [Some("1,2")]
    );
    assert_eq!(client.deals(&[]).await.expect("none"), vec![]);
    assert_eq!(
        client.user(3).await.expect("user").email.as_deref(),
        Some("bob@company42.example")
    );
    assert_eq!(client.me().await.expect("me").id, 7);

    let updated = client
        .update_deal_field(5, "title", json!("Renamed"))
        .await
        .expect("update");
    assert_eq!(updated.title, "Renamed");
    let custom = s
        .fake
        .company(42)
        .add_custom_field(Entity::Deal, "Seats", FieldType::Double);
    let updated = client
        .update_deal_field(5, &custom, json!(12))
        .await
        .expect("custom");
    assert_eq!(updated.custom_fields.get(&custom), Some(&json!(12)));
    let patches: Vec<Option<Value>> = s
        .fake
        .requests_to("PATCH /api/v2/deals/{id}")
        .into_iter()
        .map(|r| r.body)
        .collect();
    assert_eq!(
        patches,
        [
            Some(json!({"title": "Renamed"})),
            Some(json!({"custom_fields": {custom: 12}}))
        ]
    );

    let raw: Value = client
        .request(Method::GET, "/api/v2/deals/9", &[], None)
        .await
        .expect("raw");
    assert_eq!(raw["data"]["title"], "Deal 9");
    let missing = client.deal(404).await.expect_err("no deal 404");
    assert_eq!(
        missing,
        ApiError::NotFound {
            call: "GET /api/v2/deals/404".into(),
            message: "Deal not found".into()
        }
    );
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let bad = client
        .request::<Value>(Method::GET, "https://evil.example/api", &[], None)
        .await
        .expect_err("absolute URL refused");
    assert!(matches!(bad, ApiError::BadPath(_)), "{bad:?}");
    assert_eq!(
        s.token_requests("refresh_token"),
        0,
        "fresh tokens are not refreshed"
    );
}

#[tokio::test]
async fn access_token_about_to_expire_is_refreshed_first() {
    let fake = fake().await;
    fake.set_access_token_lifetime(30);
    let s = installed_with(fake, pdx::store::MEMORY_URL.to_owned(), None).await;
    let first = s.fake.installation(42, 7).expect("granted").access_token;
    s.fake.set_access_token_lifetime(3600);
    let client = s
        .installations
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client");
    let before = api_requests(&s.fake);
    assert_eq!(client.deal(1).await.expect("deal").id, 1);
    assert_eq!(s.token_requests("refresh_token"), 1);
    assert_eq!(
        api_requests(&s.fake) - before,
        1,
        "no 401 round trip: refreshed before the call"
    );
    let stored = s
        .installations
        .installation(COMPANY_ID, USER_ID)
        .await
        .expect("store")
        .expect("installed");
    let refreshed = s.fake.installation(42, 7).expect("granted").access_token;
    assert_ne!(refreshed, first);
    assert_eq!(
        stored.access_token, refreshed,
        "the refreshed token is stored"
    );
}

#[tokio::test]
async fn refused_access_token_is_refreshed_once_and_retried() {
    let s = installed().await;
    s.fake.expire_access_tokens();
    let client = s
        .installations
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client");
    assert_eq!(
        client.deal(1).await.expect("deal after refresh").title,
        "Deal 1"
    );
    assert_eq!(s.token_requests("refresh_token"), 1);
    assert_eq!(client.deal(2).await.expect("deal").id, 2);
    assert_eq!(
        s.token_requests("refresh_token"),
        1,
        "the new token is reused"
    );
}

#[tokio::test]
async fn refresh_failure_means_reconnect() {
    let s = installed().await;
    s.fake.expire_access_tokens();
    s.fake.refuse_refreshes(true);
    let client = s
        .installations
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client");
    let error = client.deal(1).await.expect_err("refresh refused");
    assert!(
        matches!(&error, ApiError::RefreshFailed(r) if r.contains("invalid_grant")),
        "{error:?}"
    );
    assert_eq!(error.status(), StatusCode::UNAUTHORIZED);
    let panel = PanelError::from(error.clone());
    assert_eq!(panel.title(), "Reconnect the app");
    assert!(panel.check().is_empty(), "{:?}", panel.check());
    let modal = pdx::modal::GlobalError::from(error);
    assert!(
        modal.to_value()["error"]["message"]
            .as_str()
            .expect("message")
            .contains("reconnect")
    );
}

#[tokio::test]
async fn rate_limit_is_waited_out_within_the_policy() {
    let s = installed().await;
    s.fake
        .answer_next("/api/v2/deals/{id}", 1, Answer::over_limit(Some(1)));
    let client = s
        .installations
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client");
    let started = Instant::now();
    assert_eq!(client.deal(1).await.expect("after one 429").id, 1);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited Retry-After"
    );

    s.fake
        .answer_next("/api/v2/deals/{id}", 1, Answer::over_limit(Some(30)));
    let started = Instant::now();
    let error = client.deal(1).await.expect_err("too long to wait");
    assert_eq!(
        error,
        ApiError::RateLimited {
            call: "GET /api/v2/deals/1".into(),
            retry_after: Some(Duration::from_secs(30))
        }
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "did not wait 30 s"
    );
    assert_eq!(error.status(), StatusCode::SERVICE_UNAVAILABLE);

    let patient = s.installations.clone().with_retry_policy(RetryPolicy {
        max_retries: 0,
        ..RetryPolicy::default()
    });
    s.fake
        .answer_next("/api/v2/deals/{id}", 1, Answer::over_limit(Some(1)));
    let client = patient.client(COMPANY_ID, USER_ID).await.expect("client");
    assert!(
        matches!(client.deal(1).await, Err(ApiError::RateLimited { .. })),
        "no retries allowed"
    );
}

/// Two app instances (two handles on one database) refresh the same expired token at once.
async fn two_instances_refresh_once(s: Setup) {
    let other = Installations::connect(config_at(&s.fake, &s.url))
        .await
        .expect("second instance");
    s.fake.expire_access_tokens();
    // Slow enough that a second, concurrent refresh would overlap the first.
    s.fake
        .set_latency_of("POST /oauth/token", Duration::from_millis(300));
    let a = s
        .installations
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client a");
    let b = other.client(COMPANY_ID, USER_ID).await.expect("client b");
    let (ra, rb) = tokio::join!(a.deal(1), b.deal(2));
    assert_eq!((ra.expect("a").id, rb.expect("b").id), (1, 2));
    assert_eq!(
        s.token_requests("refresh_token"),
        1,
        "one token request for both instances"
    );
}

#[tokio::test]
async fn concurrent_refreshes_make_one_token_request_sqlite() {
    two_instances_refresh_once(installed_on_sqlite().await).await;
}

#[tokio::test]
async fn concurrent_refreshes_make_one_token_request_postgres() {
    let Some(url) = postgres::postgres_url("PostgreSQL concurrent refresh test") else {
        return;
    };
    two_instances_refresh_once(installed_with(fake().await, url, None).await).await;
}

#[tokio::test]
async fn installation_survives_a_restart() {
    let s = installed_on_sqlite().await;
    let mut config = s.fake.install_config();
    config.database_url = s.url.clone();
    let restarted = Installations::connect(config).await.expect("restart");
    let client = restarted
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("still installed");
    assert_eq!(client.deal(3).await.expect("deal").title, "Deal 3");
}

fn verified(user: &str, company: &str) -> PipedriveUser {
    let token = pdx::auth::sign_token("jwt-secret", user, company, Some(Duration::from_secs(300)));
    verify_token(
        &token,
        &JwtSecret::new("jwt-secret"),
        Some(user),
        Some(company),
    )
    .expect("verified")
}

fn panel_router() -> Router {
    Router::new().route(
        "/panel",
        get(|api: PipedriveApi| async move {
            match api.deal(1).await {
                Ok(deal) => deal.title,
                Err(e) => e.to_string(),
            }
        }),
    )
}

async fn call(request: Request<Body>) -> (StatusCode, String) {
    let response = panel_router().oneshot(request).await.expect("infallible");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// What the app's verification layer does: the handle and the verified user in the request's extensions.
fn request(installations: Option<&Installations>, user: Option<PipedriveUser>) -> Request<Body> {
    let mut request = Request::get("/panel").body(Body::empty()).expect("request");
    if let Some(i) = installations {
        request.extensions_mut().insert(i.clone());
    }
    if let Some(u) = user {
        request.extensions_mut().insert(u);
    }
    request
}

#[tokio::test]
async fn extractor_gives_the_users_client() {
    let s = installed().await;
    let (status, body) = call(request(
        Some(&s.installations),
        Some(verified(USER_ID, COMPANY_ID)),
    ))
    .await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "Deal 1"));
}

#[tokio::test]
async fn extractor_answers_401_when_not_installed() {
    let s = installed().await;
    let (status, body) = call(request(
        Some(&s.installations),
        Some(verified("8", COMPANY_ID)),
    ))
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let body: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(
        body["error"]["title"], "Not authorized",
        "the panel error state: {body}"
    );
    assert!(
        body["error"]["subtitle"]
            .as_str()
            .expect("subtitle")
            .contains("not installed")
    );

    let mut modal = request(Some(&s.installations), Some(verified("8", COMPANY_ID)));
    modal.extensions_mut().insert(Surface::Modal);
    let (status, body) = call(modal).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let body: Value = serde_json::from_str(&body).expect("json");
    assert!(
        body["error"]["message"]
            .as_str()
            .expect("modal body")
            .contains("not installed")
    );
}

#[tokio::test]
async fn extractor_without_handle_or_user_is_a_500() {
    let s = installed().await;
    let (status, body) = call(request(None, Some(verified(USER_ID, COMPANY_ID)))).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(body.contains("not configured"), "{body}");
    let (status, body) = call(request(Some(&s.installations), None)).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(body.contains("not verified"), "{body}");
}

#[tokio::test]
async fn optional_extractor_is_none_when_not_installed() {
    let s = installed().await;
    let router = Router::new().route(
        "/panel",
        get(|api: Option<PipedriveApi>| async move {
            match api {
                Some(api) => api
                    .deal(1)
                    .await
                    .map(|d| d.title)
                    .unwrap_or_else(|e| e.to_string()),
                None => "Install the app to see this deal".to_owned(),
            }
        }),
    );
    for (user, expected) in [
        (USER_ID, "Deal 1"),
        ("8", "Install the app to see this deal"),
    ] {
        let response = router
            .clone()
            .oneshot(request(
                Some(&s.installations),
                Some(verified(user, COMPANY_ID)),
            ))
            .await
            .expect("infallible");
        assert_eq!(response.status(), StatusCode::OK);
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .expect("body");
        assert_eq!(String::from_utf8_lossy(&bytes), expected);
    }
    let response = router
        .oneshot(request(None, Some(verified(USER_ID, COMPANY_ID))))
        .await
        .expect("ok");
    assert_eq!(
        response.status(),
        StatusCode::INTERNAL_SERVER_ERROR,
        "a missing handle is still an error"
    );
}
