//! Custom UI's signed calls: the page's backend calls carry the SDK's token (`Authorization: Bearer`), verified
//! like extension requests with the extension's own secret (or the client secret); anything else gets 401 and
//! never reaches the handler.

use pdx::App;
use pdx::auth::PipedriveUser;
use pdx::axum::Router;
use pdx::axum::routing::get;
use pdx::hub::{CustomUiExtension, CustomUiKind, PanelLocation};
use pdx::testing::{PipedriveRequest, Token, TokenAlg};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

const CLIENT_SECRET: &str = "client-secret";
const PANEL_SECRET: &str = "panel-secret";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

async fn page() -> &'static str {
    "page"
}

/// An app with a custom panel (own secret) and a settings page (client secret), each with calls that count how
/// often a handler ran.
fn app(hits: Arc<AtomicUsize>) -> Router {
    let handler = move |user: PipedriveUser| {
        let hits = hits.clone();
        async move {
            hits.fetch_add(1, Ordering::SeqCst);
            format!("{}/{}", user.user_id(), user.company_id())
        }
    };
    let panel_calls = Router::new().route("/ui/api/invoices", get(handler.clone()));
    let settings_calls = Router::new().route("/ui/api/settings", get(handler));
    App::new(CLIENT_SECRET)
        .custom_ui(
            CustomUiExtension::new(
                "Invoices",
                "/ui/panel",
                CustomUiKind::Panel(PanelLocation::DealDetails),
            )
            .jwt_secret(PANEL_SECRET)
            .height(420),
            page,
        )
        .custom_ui(
            CustomUiExtension::new("Settings", "/ui/settings", CustomUiKind::Settings),
            page,
        )
        .custom_ui_calls("Invoices", panel_calls)
        .custom_ui_calls("Settings", settings_calls)
        .into_router()
        .expect("a valid app")
}

fn call(path: &str, token: &str) -> PipedriveRequest {
    PipedriveRequest::get(path).header("authorization", format!("Bearer {token}"))
}

fn sdk_token(secret: &str) -> Token {
    Token::new(secret).user(1234567).company(7654321)
}

#[tokio::test]
async fn a_valid_sdk_token_reaches_the_handler_with_the_verified_user() {
    let hits = Arc::new(AtomicUsize::new(0));
    let router = app(hits.clone());
    let token = sdk_token(PANEL_SECRET).sign(None, None);
    let answer = call("/ui/api/invoices", &token).send(&router).await;
    assert_eq!(answer.status(), 200, "{}", answer.text());
    assert_eq!(answer.text(), "1234567/7654321");
    // Ids signed as strings are read the same.
    let strings = Token::new(PANEL_SECRET)
        .user("5")
        .company("6")
        .sign(None, None);
    assert_eq!(
        call("/ui/api/invoices", &strings)
            .send(&router)
            .await
            .text(),
        "5/6"
    );
    assert_eq!(hits.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn each_extension_is_verified_with_its_own_secret() {
    let hits = Arc::new(AtomicUsize::new(0));
    let router = app(hits.clone());
    let client_signed = sdk_token(CLIENT_SECRET).sign(None, None);
    let panel_signed = sdk_token(PANEL_SECRET).sign(None, None);
    assert_eq!(
        call("/ui/api/invoices", &client_signed)
            .send(&router)
            .await
            .status(),
        401
    );
    assert_eq!(
        call("/ui/api/settings", &panel_signed)
            .send(&router)
            .await
            .status(),
        401
    );
    assert_eq!(
        call("/ui/api/settings", &client_signed)
            .send(&router)
            .await
            .status(),
        200
    );
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn unverifiable_calls_get_401_json_and_never_reach_the_handler() {
    let hits = Arc::new(AtomicUsize::new(0));
    let router = app(hits.clone());
    let cases: Vec<(&str, PipedriveRequest)> = vec![
        (
            "wrong secret",
            call("/ui/api/invoices", &sdk_token("other").sign(None, None)),
        ),
        (
            "expired",
            call(
                "/ui/api/invoices",
                &sdk_token(PANEL_SECRET).expired(120).sign(None, None),
            ),
        ),
        ("missing", PipedriveRequest::get("/ui/api/invoices")),
        (
            "not bearer",
            PipedriveRequest::get("/ui/api/invoices").basic("a", "b"),
        ),
        (
            "empty bearer",
            PipedriveRequest::get("/ui/api/invoices").header("authorization", "Bearer "),
        ),
        (
            "alg none",
            call(
                "/ui/api/invoices",
                &sdk_token(PANEL_SECRET).alg(TokenAlg::None).sign(None, None),
            ),
        ),
        (
            "HS512",
            call(
                "/ui/api/invoices",
                &sdk_token(PANEL_SECRET)
                    .alg(TokenAlg::Hs512)
                    .sign(None, None),
            ),
        ),
        (
            "no userId",
            call(
                "/ui/api/invoices",
                &Token::new(PANEL_SECRET).company(1).sign(None, None),
            ),
        ),
        ("garbage", call("/ui/api/invoices", "not.a.jwt")),
        (
            "no exp, iat 6 minutes ago",
            call(
                "/ui/api/invoices",
                &sdk_token(PANEL_SECRET)
                    .without("exp")
                    .claim("iat", now() - 360)
                    .sign(None, None),
            ),
        ),
        (
            "issued in the future",
            call(
                "/ui/api/invoices",
                &sdk_token(PANEL_SECRET)
                    .claim("iat", now() + 600)
                    .claim("exp", now() + 900)
                    .sign(None, None),
            ),
        ),
        (
            "neither exp nor iat",
            call(
                "/ui/api/invoices",
                &sdk_token(PANEL_SECRET)
                    .without("exp")
                    .without("iat")
                    .sign(None, None),
            ),
        ),
    ];
    for (case, request) in cases {
        let answer = request.send(&router).await;
        assert_eq!(answer.status(), 401, "{case}: {}", answer.text());
        assert_eq!(answer.header("www-authenticate"), Some("Bearer"), "{case}");
        let body = answer.json();
        assert_eq!(
            body["error"]["message"],
            pdx::auth::UNVERIFIED_MESSAGE,
            "{case}: {body}"
        );
    }
    assert_eq!(
        hits.load(Ordering::SeqCst),
        0,
        "no refused call reached the handler"
    );
}

#[tokio::test]
async fn a_token_without_exp_lives_five_minutes_from_iat() {
    let hits = Arc::new(AtomicUsize::new(0));
    let router = app(hits.clone());
    let fresh = sdk_token(PANEL_SECRET)
        .without("exp")
        .claim("iat", now() - 240)
        .sign(None, None);
    assert_eq!(
        call("/ui/api/invoices", &fresh)
            .send(&router)
            .await
            .status(),
        200
    );
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}

#[test]
fn calls_of_an_unknown_custom_ui_extension_are_refused_by_the_check() {
    let app = App::<()>::new(CLIENT_SECRET)
        .custom_ui(
            CustomUiExtension::new("Invoices", "/ui/panel", CustomUiKind::FloatingWindow)
                .description("A window."),
            page,
        )
        .custom_ui_calls("Invoice", Router::new());
    let problems = app.check();
    assert!(
        problems.errors().any(|p| p.pointer == "/custom_ui_calls/0"),
        "{problems}"
    );
    assert!(app.into_router().is_err());
}
