//! Every rejection path of the server layer answers its documented status with its surface's error body (JSON for
//! panels and modals, an HTML page for link actions and custom UI), is logged with its reason (never a secret),
//! and never reaches the handler; the matching success paths do reach it. Types are derived; handlers are
//! ordinary axum handlers with `State`.

use crate::log;

use pdx::App;
use pdx::auth::{PipedriveUser, UNVERIFIED_MESSAGE, VerifiedBy};
use pdx::axum::Router;
use pdx::axum::extract::State;
use pdx::context::{RequestContext, Selection};
use pdx::credentials::BasicCredentials;
use pdx::hub::{
    CustomUiExtension, CustomUiKind, LinkActionExtension, Location, ModalExtension, PanelExtension,
    PanelLocation,
};
use pdx::modal::{DataResponse, ModalReply, SuccessResponse};
use pdx::panel::{PanelError, PanelResponse};
use pdx::server::ModalCall;
use pdx::testing::{PipedriveRequest, TestResponse, Token, TokenAlg};
use pdx::{JsonModal, JsonPanel};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const CLIENT_SECRET: &str = "client-secret-7f3a";
const PANEL_SECRET: &str = "panel-secret-91bc";
const UI_SECRET: &str = "ui-secret-44d0";
const BASIC_USER: &str = "pd";
const BASIC_PASSWORD: &str = "basic-password-5e2";
const WRONG_PASSWORD: &str = "wrong-password-0a9";
const LOGIN_URL: &str = "https://app.example.com/login";

/// Every secret the tests use: none may appear in the log.
const SECRETS: [&str; 5] = [
    CLIENT_SECRET,
    PANEL_SECRET,
    UI_SECRET,
    BASIC_PASSWORD,
    WRONG_PASSWORD,
];

#[derive(Serialize, JsonPanel)]
#[panel(list)]
struct Row {
    id: u64,
    #[panel(header)]
    header: String,
}

#[derive(Debug, Deserialize, JsonModal)]
#[modal(primary(key = "save", label = "Save"))]
struct Form {
    #[modal(label = "Name")]
    name: String,
    #[modal(select, dynamic, label = "Kind", fetch_on_change)]
    #[allow(dead_code)]
    kind: Option<u64>,
}

/// What the handlers saw.
#[derive(Default)]
struct Seen {
    calls: AtomicUsize,
    last: Mutex<Option<Value>>,
}

impl Seen {
    fn record(&self, v: Value) {
        self.calls.fetch_add(1, Ordering::SeqCst);
        *self.last.lock().expect("not poisoned") = Some(v);
    }
    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
    fn last(&self) -> Value {
        self.last
            .lock()
            .expect("not poisoned")
            .clone()
            .expect("a handler ran")
    }
}

type Shared = Arc<Seen>;

async fn rows(
    State(seen): State<Shared>,
    user: PipedriveUser,
    context: RequestContext,
) -> Result<PanelResponse<Row>, PanelError> {
    seen.record(json!({
        "user": user.user_id(),
        "company": user.company_id(),
        "by": format!("{:?}", user.verified_by()),
        "shared": context.is_shared,
        "entity": context.selection().single(),
    }));
    Ok(PanelResponse::objects(vec![Row {
        id: 1,
        header: "One".into(),
    }]))
}

async fn slow(State(seen): State<Shared>) -> Result<PanelResponse<Row>, PanelError> {
    seen.record(json!("slow"));
    std::future::pending::<()>().await;
    Ok(PanelResponse::nothing())
}

async fn edit(
    State(seen): State<Shared>,
    user: PipedriveUser,
    call: ModalCall<Form>,
) -> ModalReply<Form> {
    let (name, detail) = match &call {
        ModalCall::Load => ("load", Value::Null),
        ModalCall::Refetch { invoker, form } => (
            "refetch",
            json!({"invoker": invoker, "form": form.to_value()}),
        ),
        ModalCall::Submit(f) => ("submit", json!(f.name)),
        ModalCall::OpenUrl { form } => ("open-url", form.to_value()),
    };
    seen.record(json!({"call": name, "detail": detail, "user": user.user_id()}));
    match call {
        ModalCall::Submit(_) => SuccessResponse::new("Saved").into(),
        _ => DataResponse::new().into(),
    }
}

async fn open(
    State(seen): State<Shared>,
    user: Option<PipedriveUser>,
    selection: Selection,
) -> &'static str {
    seen.record(json!({
        "user": user.map(|u| u.user_id().to_owned()),
        "all": selection.is_select_all(),
    }));
    "ok"
}

async fn window(
    State(seen): State<Shared>,
    user: PipedriveUser,
    context: RequestContext,
) -> &'static str {
    seen.record(json!({"id": context.id, "user": user.user_id()}));
    "iframe"
}

fn app(seen: Shared, deadline: Option<Duration>) -> Router {
    let mut app = App::new(CLIENT_SECRET)
        .json_panel(
            PanelExtension::new("Rows", "/panel", PanelLocation::DealDetails)
                .basic(BasicCredentials::new(BASIC_USER, BASIC_PASSWORD))
                .jwt_secret(PANEL_SECRET),
            rows,
        )
        .json_modal(
            ModalExtension::new("Edit", "/modal", [Location::DealDetails]),
            edit,
        )
        .link_action(
            LinkActionExtension::new("Open", "/link", [Location::DealsList]),
            open,
        )
        .link_action(
            LinkActionExtension::new("Open unsigned", "/link-open", [Location::DealsList])
                .insecure_skip_token_verification(),
            open,
        )
        .link_action(
            LinkActionExtension::new("Open or log in", "/link-login", [Location::DealsList])
                .login_url(LOGIN_URL),
            open,
        )
        .custom_ui(
            CustomUiExtension::new("Window", "/ui", CustomUiKind::FloatingWindow)
                .description("A floating window")
                .jwt_secret(UI_SECRET),
            window,
        )
        .json_panel(
            PanelExtension::new("Slow", "/slow", PanelLocation::PersonDetails)
                .jwt_secret(PANEL_SECRET),
            slow,
        );
    if let Some(d) = deadline {
        app = app.deadline(d);
    }
    app.into_router()
        .expect("the test app passes its checks")
        .with_state(seen)
}

fn router() -> (Router, Shared) {
    let seen = Arc::new(Seen::default());
    (app(seen.clone(), None), seen)
}

fn panel() -> PipedriveRequest {
    PipedriveRequest::get("/panel").details("deal", 7)
}

fn modal() -> PipedriveRequest {
    PipedriveRequest::get("/modal").details("deal", 7)
}

/// Asserts a 401 panel error state that does not say why: `{"error": {"title", "subtitle"}}`, a title ≤ 30
/// characters and the generic subtitle.
#[track_caller]
fn assert_panel_401(response: &TestResponse) {
    let error = response.assert_error(401);
    let title = error["title"].as_str().expect("a title");
    assert!(title.chars().count() <= 30, "{title}");
    assert_eq!(error["subtitle"], UNVERIFIED_MESSAGE, "{error}");
    assert_eq!(
        error.as_object().map(|e| e.len()),
        Some(2),
        "title and subtitle only: {error}"
    );
}

/// Asserts an HTML error page (link actions, custom UI) with `status` that contains `needle`.
#[track_caller]
fn assert_html_error(response: &TestResponse, status: u16, needle: &str) {
    let page = response.assert_html(status);
    assert!(page.starts_with("<!doctype html>"), "{page}");
    assert!(page.contains(needle), "`{needle}` missing from\n{page}");
}

/// A token whose header carries `crit`, otherwise valid and correctly signed with `secret`.
fn crit_token(secret: &str) -> String {
    use base64::Engine as _;
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let header = br#"{"alg":"HS256","typ":"JWT","crit":["exp"]}"#;
    let claims = json!({"userId": 1001, "companyId": 2002, "iat": now, "exp": now + 300});
    let message = format!("{}.{}", b64(header), b64(claims.to_string().as_bytes()));
    let key = jsonwebtoken::EncodingKey::from_secret(secret.as_bytes());
    let signature =
        jsonwebtoken::crypto::sign(message.as_bytes(), &key, jsonwebtoken::Algorithm::HS256)
            .expect("signs");
    format!("{message}.{signature}")
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

#[tokio::test]
async fn panel_rejections_never_reach_the_handler_and_log_why() {
    let (log, _guard) = log::capture();
    let (router, seen) = router();
    let cases: Vec<(&str, PipedriveRequest, &str)> = vec![
        ("no credentials", panel(), "missing `token`"),
        (
            "bad signature",
            panel().signed("not-the-secret"),
            "signature",
        ),
        (
            "client secret instead of the panel's",
            panel().signed(CLIENT_SECRET),
            "signature",
        ),
        (
            "alg none",
            panel().token(Token::new(PANEL_SECRET).alg(TokenAlg::None)),
            "`none`",
        ),
        (
            "HS512",
            panel().token(Token::new(PANEL_SECRET).alg(TokenAlg::Hs512)),
            "`HS512`",
        ),
        (
            "RS256",
            panel().token(Token::new(PANEL_SECRET).alg(TokenAlg::Rs256)),
            "`RS256`",
        ),
        (
            "expired",
            panel().token(Token::new(PANEL_SECRET).expired(3600)),
            "expired",
        ),
        (
            "nbf an hour ahead",
            panel().token(Token::new(PANEL_SECRET).claim("nbf", now() + 3600)),
            "not valid yet (`nbf`)",
        ),
        (
            "crit header",
            panel().raw_token(crit_token(PANEL_SECRET)),
            "`crit`",
        ),
        (
            "user mismatch",
            panel().token(Token::new(PANEL_SECRET).user(999)),
            "claim `userId` does not match",
        ),
        (
            "company mismatch",
            panel().token(Token::new(PANEL_SECRET).company("999")),
            "claim `companyId` does not match",
        ),
        (
            "no userId claim",
            panel().token(Token::new(PANEL_SECRET).without("userId")),
            "no `userId` claim",
        ),
        (
            "no userId parameter",
            panel().signed(PANEL_SECRET).without_param("userId"),
            "no `userId` claim",
        ),
        ("garbage token", panel().raw_token("abc.def"), "well-formed"),
        (
            "wrong Basic password",
            panel().basic(BASIC_USER, WRONG_PASSWORD),
            "wrong HTTP Basic",
        ),
        (
            "wrong Basic user",
            panel().basic("pipedrive", BASIC_PASSWORD),
            "wrong HTTP Basic",
        ),
        (
            "Basic, not Basic",
            panel().header("authorization", format!("Bearer {BASIC_PASSWORD}")),
            "not HTTP Basic",
        ),
        (
            "good token, wrong Basic",
            panel()
                .signed(PANEL_SECRET)
                .basic(BASIC_USER, WRONG_PASSWORD),
            "wrong HTTP Basic",
        ),
        (
            "good Basic, bad token",
            panel().basic(BASIC_USER, BASIC_PASSWORD).signed("nope"),
            "signature",
        ),
    ];
    for (what, request, reason) in cases {
        let response = request.send(&router).await;
        assert_eq!(response.status(), 401, "{what}: {}", response.text());
        assert_panel_401(&response);
        let logged = log.take();
        assert!(
            logged.contains("request refused") && logged.contains(reason),
            "{what}: the log should give the reason `{reason}`:\n{logged}"
        );
        assert!(
            logged.contains("/panel") && logged.contains("status=401"),
            "{logged}"
        );
        for secret in SECRETS {
            assert!(
                !logged.contains(secret),
                "{what}: secret in the log:\n{logged}"
            );
        }
        assert!(
            !logged.contains("eyJ"),
            "{what}: a token in the log:\n{logged}"
        );
    }
    assert_eq!(seen.calls(), 0, "a rejected request reached the handler");
}

#[tokio::test]
async fn token_time_claims_within_the_leeway_are_accepted() {
    let (router, seen) = router();
    let leeway = pdx::auth::EXP_LEEWAY_SECS;
    for token in [
        Token::new(PANEL_SECRET).claim("nbf", now() + leeway / 2),
        Token::new(PANEL_SECRET).claim("nbf", now() - 60),
        Token::new(PANEL_SECRET).expired(leeway / 2),
    ] {
        panel().token(token).send(&router).await.assert_json(200);
    }
    assert_eq!(seen.calls(), 3);
}

#[tokio::test]
async fn malformed_parameters_are_400_naming_the_parameter() {
    let (log, _guard) = log::capture();
    let (router, seen) = router();
    let cases = [
        ("selectedIds", panel().param("selectedIds", "7,x")),
        ("excludedIds", panel().param("excludedIds", "1;2")),
        ("filter", panel().param("filter", "{nope")),
        ("isShared", panel().param("isShared", "maybe")),
        ("userId", panel().append_param("userId", "1002")),
    ];
    for (parameter, request) in cases {
        let response = request.signed(PANEL_SECRET).send(&router).await;
        let error = response.assert_error(400);
        let subtitle = error["subtitle"].as_str().expect("subtitle");
        assert!(
            subtitle.contains(&format!("`{parameter}`")),
            "{parameter}: {subtitle}"
        );
        let logged = log.take();
        assert!(
            logged.contains("status=400") && logged.contains(&format!("`{parameter}`")),
            "{parameter}: {logged}"
        );
    }
    let modal_cases = [
        (
            "form",
            modal().param("form", "{not json").param("invoker", "kind"),
        ),
        (
            "form",
            modal().param("form", "[1]").param("invoker", "kind"),
        ),
        // `form` without `invoker` is an `open-url` call (tests/server_pipedrive_docs.rs), not a malformed one.
        ("form", modal().param("invoker", "kind")),
        ("invoker", modal().param("form", "{}").param("invoker", "")),
    ];
    for (parameter, request) in modal_cases {
        let response = request.signed(CLIENT_SECRET).send(&router).await;
        let error = response.assert_error(400);
        let message = error["message"].as_str().expect("message");
        assert!(
            message.contains(&format!("`{parameter}`")),
            "{parameter}: {message}"
        );
        let logged = log.take();
        assert!(
            logged.contains("refused") && logged.contains(&format!("`{parameter}`")),
            "{parameter}: {logged}"
        );
    }
    log.assert_no_secret(&SECRETS);
    assert_eq!(seen.calls(), 0);
}

#[tokio::test]
async fn modal_rejections_answer_error_messages() {
    let (log, _guard) = log::capture();
    let (router, seen) = router();
    let post = || PipedriveRequest::post("/modal").details("deal", 7);
    for (what, request, status) in [
        ("no token", modal(), 401),
        (
            "Basic is not accepted on modals",
            modal().basic(BASIC_USER, BASIC_PASSWORD),
            401,
        ),
        ("panel secret", modal().signed(PANEL_SECRET), 401),
        (
            "expired",
            modal().token(Token::new(CLIENT_SECRET).expired(600)),
            401,
        ),
        (
            "nbf in the future",
            modal().token(Token::new(CLIENT_SECRET).claim("nbf", now() + 600)),
            401,
        ),
        (
            "crit header",
            modal().raw_token(crit_token(CLIENT_SECRET)),
            401,
        ),
        ("unsigned submit", post().json(json!({"name": "x"})), 401),
        (
            "body not JSON",
            post()
                .signed(CLIENT_SECRET)
                .body("name=x", Some("text/plain")),
            415,
        ),
        (
            "JSON without a content type",
            post().signed(CLIENT_SECRET).body(r#"{"name":"x"}"#, None),
            415,
        ),
        (
            "invalid JSON",
            post()
                .signed(CLIENT_SECRET)
                .body("{name", Some("application/json")),
            400,
        ),
        (
            "body of the wrong shape",
            post().signed(CLIENT_SECRET).json(json!(["name"])),
            400,
        ),
        (
            "oversize body",
            post()
                .signed(CLIENT_SECRET)
                .json(json!({"name": "x".repeat(pdx::server::MAX_BODY_BYTES)})),
            413,
        ),
    ] {
        let response = request.send(&router).await;
        let error = response.assert_error(status);
        let message = error["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty(), "{what}: {error}");
        if status == 401 {
            assert_eq!(message, UNVERIFIED_MESSAGE, "{what}");
        }
        let logged = log.take();
        // Parse failures of the body log the parse error; every other refusal logs its status and reason.
        let expected = match what {
            "body of the wrong shape" => "submission does not parse".to_owned(),
            _ => format!("status={status}"),
        };
        assert!(
            logged.contains("refused") || logged.contains("does not parse"),
            "{what}: {logged}"
        );
        assert!(logged.contains(&expected), "{what}: {logged}");
    }
    // A missing required block is answered with an error under that block (tests/server_submit.rs), and logged.
    let missing = post()
        .signed(CLIENT_SECRET)
        .json(json!({"kind": 1}))
        .send(&router)
        .await
        .assert_json(200);
    assert_eq!(
        missing["data"]["blocks"]["name"]["error"],
        pdx::modal::REQUIRED_BLOCK_MESSAGE,
        "{missing}"
    );
    assert!(log.text().contains("block `name`"), "{}", log.text());
    // 415 says what to send.
    let plain = post()
        .signed(CLIENT_SECRET)
        .body("name=x", Some("text/plain"))
        .send(&router)
        .await
        .assert_error(415);
    assert!(
        plain["message"]
            .as_str()
            .is_some_and(|m| m.contains("application/json")),
        "{plain}"
    );
    log.assert_no_secret(&SECRETS);
    assert_eq!(seen.calls(), 0);
}

#[tokio::test]
async fn link_and_custom_ui_rejections_are_html_pages() {
    let (log, _guard) = log::capture();
    let (router, seen) = router();
    let link = || PipedriveRequest::get("/link").list("deal", &[1, 2]);
    let ui = || PipedriveRequest::get("/ui").param("id", "abc-123");
    for (what, request, status, needle, reason) in [
        (
            "link without token",
            link(),
            401,
            UNVERIFIED_MESSAGE,
            "missing `token`",
        ),
        (
            "link with a bad token",
            link().signed("nope"),
            401,
            UNVERIFIED_MESSAGE,
            "signature",
        ),
        (
            "link with claims for another user",
            link().token(Token::new(CLIENT_SECRET).user(5)),
            401,
            UNVERIFIED_MESSAGE,
            "claim `userId`",
        ),
        (
            "link with malformed ids",
            link().param("selectedIds", "1,a").signed(CLIENT_SECRET),
            400,
            "`selectedIds`",
            "`selectedIds`",
        ),
        (
            "iframe without token",
            ui(),
            401,
            UNVERIFIED_MESSAGE,
            "missing `token`",
        ),
        (
            "iframe with the client secret instead of its own",
            ui().signed(CLIENT_SECRET),
            401,
            UNVERIFIED_MESSAGE,
            "signature",
        ),
        (
            "iframe without id",
            ui().without_param("id").signed(UI_SECRET),
            400,
            "`id`",
            "`id`",
        ),
    ] {
        let response = request.send(&router).await;
        assert_html_error(&response, status, needle);
        let logged = log.take();
        assert!(
            logged.contains(reason) && logged.contains(&format!("status={status}")),
            "{what}: {logged}"
        );
    }
    log.assert_no_secret(&SECRETS);
    assert_eq!(seen.calls(), 0);
}

#[tokio::test]
async fn a_link_action_with_a_login_url_redirects_unverified_browsers() {
    let (log, _guard) = log::capture();
    let (router, seen) = router();
    let link = || PipedriveRequest::get("/link-login").list("deal", &[1]);
    for request in [link(), link().signed("not-the-secret")] {
        let response = request.send(&router).await;
        assert!(
            (300..400).contains(&response.status()),
            "a redirect, got {}",
            response.status()
        );
        assert_eq!(response.header("location"), Some(LOGIN_URL));
    }
    assert!(log.text().contains("status=401"), "{}", log.text());
    // A malformed parameter is not a login problem: the 400 page, not the redirect.
    let bad = link()
        .param("selectedIds", "x")
        .signed(CLIENT_SECRET)
        .send(&router)
        .await;
    assert_html_error(&bad, 400, "`selectedIds`");
    assert_eq!(seen.calls(), 0);
    // Verified: the handler.
    let ok = link().signed(CLIENT_SECRET).send(&router).await;
    assert_eq!((ok.status(), ok.text()), (200, "ok".to_owned()));
    assert_eq!(seen.calls(), 1);
    log.assert_no_secret(&SECRETS);
}

#[tokio::test]
async fn deadline_answers_an_error_body_and_is_logged() {
    let (log, _guard) = log::capture();
    let seen = Arc::new(Seen::default());
    let router = app(seen.clone(), Some(Duration::from_millis(1)));
    let response = PipedriveRequest::get("/slow")
        .details("person", 3)
        .signed(PANEL_SECRET)
        .send(&router)
        .await;
    let error = response.assert_error(503);
    assert_eq!(error["title"], "Took too long");
    assert_eq!(seen.calls(), 1, "the slow handler started");
    let logged = log.text();
    assert!(
        logged.contains("missed its deadline") && logged.contains("Slow"),
        "{logged}"
    );
}

#[tokio::test]
async fn panel_accepts_token_or_basic_and_passes_context() {
    let (router, seen) = router();
    panel()
        .signed(PANEL_SECRET)
        .shared(true)
        .send(&router)
        .await
        .assert_json(200);
    assert_eq!(
        seen.last(),
        json!({"user": "1001", "company": "2002", "by": "Jwt", "shared": true, "entity": 7})
    );
    panel()
        .basic(BASIC_USER, BASIC_PASSWORD)
        .send(&router)
        .await
        .assert_json(200);
    assert_eq!(seen.last()["by"], format!("{:?}", VerifiedBy::Basic));
    assert_eq!(seen.last()["shared"], false);
    // Claims as strings, no `exp` at all, and an `exp` just inside the leeway are all accepted.
    for token in [
        Token::new(PANEL_SECRET).user("1001").company("2002"),
        Token::new(PANEL_SECRET).without("exp"),
        Token::new(PANEL_SECRET).expired(pdx::auth::EXP_LEEWAY_SECS / 2),
    ] {
        panel()
            .token(token)
            .basic(BASIC_USER, BASIC_PASSWORD)
            .send(&router)
            .await
            .assert_json(200);
    }
    // Unknown parameters and unknown values are ignored.
    panel()
        .param("newThing", "1")
        .param("view", "board")
        .signed(PANEL_SECRET)
        .send(&router)
        .await
        .assert_json(200);
    assert_eq!(seen.calls(), 6);
}

#[tokio::test]
async fn modal_load_refetch_submit_reach_the_handler() {
    let (log, _guard) = log::capture();
    let (router, seen) = router();
    modal()
        .signed(CLIENT_SECRET)
        .send(&router)
        .await
        .assert_json(200);
    assert_eq!(seen.last()["call"], "load");
    modal()
        .refetch("kind", json!({"name": "A", "kind": 2}))
        .signed(CLIENT_SECRET)
        .send(&router)
        .await
        .assert_json(200);
    assert_eq!(
        seen.last()["detail"],
        json!({"invoker": "kind", "form": {"name": "A", "kind": 2}})
    );
    assert!(
        !log.take().contains("fetchOnChange"),
        "a fetchOnChange block is no warning"
    );
    // An invoker that is not a `fetchOnChange` block key (Pipedrive's own sample sends `datepicker` for
    // `block_key_datepicker`) reaches the handler, with a warning logged.
    for invoker in ["name", "no_such_block"] {
        modal()
            .refetch(invoker, json!({"name": "x"}))
            .signed(CLIENT_SECRET)
            .send(&router)
            .await
            .assert_json(200);
        assert_eq!(seen.last()["detail"]["invoker"], invoker);
        let logged = log.take();
        assert!(
            logged.contains("WARN") && logged.contains("fetchOnChange") && logged.contains(invoker),
            "{logged}"
        );
    }
    let body = PipedriveRequest::post("/modal")
        .details("deal", 7)
        .signed(CLIENT_SECRET)
        .json(json!({"name": "B", "unknown": true}))
        .send(&router)
        .await
        .assert_json(200);
    assert_eq!(
        body,
        json!({"success": {"message": "Saved", "type": "snackbar"}})
    );
    assert_eq!(
        seen.last(),
        json!({"call": "submit", "detail": "B", "user": "1001"})
    );
    // A JSON media type with parameters, or a `+json` type, is JSON.
    for content_type in ["application/json; charset=utf-8", "application/vnd.pd+json"] {
        PipedriveRequest::post("/modal")
            .details("deal", 7)
            .signed(CLIENT_SECRET)
            .body(r#"{"name":"C"}"#, Some(content_type))
            .send(&router)
            .await
            .assert_json(200);
        assert_eq!(seen.last()["detail"], "C", "{content_type}");
    }
    assert_eq!(seen.calls(), 7);
}

#[tokio::test]
async fn link_action_gets_selection_and_unsigned_action_has_no_user() {
    let (router, seen) = router();
    let response = PipedriveRequest::get("/link")
        .select_all("deal", json!({"filter_id": 4}), &[3])
        .signed(CLIENT_SECRET)
        .send(&router)
        .await;
    assert_eq!((response.status(), response.text()), (200, "ok".to_owned()));
    assert_eq!(seen.last(), json!({"user": "1001", "all": true}));
    // `Option<PipedriveUser>` is `None` on an action that skips verification, even with a token sent.
    for request in [
        PipedriveRequest::get("/link-open").list("deal", &[1]),
        PipedriveRequest::get("/link-open")
            .list("deal", &[1])
            .signed("anything"),
    ] {
        let response = request.send(&router).await;
        assert_eq!(response.status(), 200);
        assert_eq!(seen.last(), json!({"user": null, "all": false}));
    }
    let response = PipedriveRequest::get("/ui")
        .param("id", "abc")
        .signed(UI_SECRET)
        .send(&router)
        .await;
    assert_eq!(
        (response.status(), response.text()),
        (200, "iframe".to_owned())
    );
    assert_eq!(seen.last(), json!({"id": "abc", "user": "1001"}));
    assert_eq!(seen.calls(), 4);
}
