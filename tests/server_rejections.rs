//! Every rejection path of the server layer answers its documented status with a JSON error body and never
//! reaches the handler; the matching success paths do reach it.

use axum::Router;
use pdx::app::{
    App, CustomUiExtension, CustomUiKind, LinkActionExtension, Location, ModalCall, ModalExtension,
    PanelExtension, PanelLocation,
};
use pdx::auth::{BasicCredentials, VerifiedBy};
use pdx::modal::{DataResponse, JsonModal, ModalResponse, ModalSchema, SuccessResponse};
use pdx::panel::{DataStructure, JsonPanel, PanelResponse};
use pdx::testing::{PipedriveRequest, Token, TokenAlg};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

const CLIENT_SECRET: &str = "client-secret";
const PANEL_SECRET: &str = "panel-secret";

#[derive(Serialize)]
struct Row {
    id: u64,
    header: String,
}

impl JsonPanel for Row {
    fn data_structure() -> &'static DataStructure {
        static S: OnceLock<DataStructure> = OnceLock::new();
        S.get_or_init(|| {
            DataStructure::from_value(json!({"type": "array", "items": {"type": "object", "required": ["id", "header"], "properties": {
                "id": {"$ref": "#/definitions/numerical"},
                "header": {"$ref": "#/definitions/header"}
            }}}))
            .expect("valid structure")
        })
    }
}

#[derive(Debug, Deserialize)]
struct Form {
    name: String,
}

impl JsonModal for Form {
    fn schema() -> &'static ModalSchema {
        static S: OnceLock<ModalSchema> = OnceLock::new();
        S.get_or_init(|| {
            ModalSchema::from_value(json!({"type": "object", "properties": {
                "blocks": {"type": "object", "properties": {
                    "name": {"$ref": "#/definitions/element-input", "options": {"label": "Name", "isRequired": true}},
                    "kind": {"$ref": "#/definitions/element-select", "options": {"label": "Kind", "fetchOnChange": true}}
                }},
                "actions": {"type": "object", "properties": {
                    "save": {"$ref": "#/definitions/action-primary", "options": {"label": "Save", "handler": "request"}}
                }}
            }}))
            .expect("valid schema")
        })
    }
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

fn app(seen: Arc<Seen>, deadline: Option<Duration>) -> Router {
    let (s1, s2, s3, s4, s5, s6) = (
        seen.clone(),
        seen.clone(),
        seen.clone(),
        seen.clone(),
        seen.clone(),
        seen,
    );
    let mut app = App::new(CLIENT_SECRET)
        .json_panel::<Row, _, _>(
            PanelExtension::new("Rows", "/panel", PanelLocation::DealDetails)
                .basic(BasicCredentials::new("pd", "pw"))
                .jwt_secret(PANEL_SECRET),
            move |req| {
                let seen = s1.clone();
                async move {
                    seen.record(json!({
                        "user": req.user.user_id(),
                        "company": req.user.company_id(),
                        "by": format!("{:?}", req.user.verified_by()),
                        "shared": req.is_shared(),
                        "entity": req.entity_id(),
                    }));
                    Ok(PanelResponse::objects(vec![Row { id: 1, header: "One".into() }]))
                }
            },
        )
        .json_modal::<Form, _, _>(
            ModalExtension::new("Edit", "/modal", [Location::DealDetails]),
            move |req| {
                let seen = s2.clone();
                async move {
                    let (call, detail) = match &req.call {
                        ModalCall::Load => ("load", Value::Null),
                        ModalCall::Refetch { invoker, form } => {
                            ("refetch", json!({"invoker": invoker, "form": form.to_value()}))
                        }
                        ModalCall::Submit(f) => ("submit", json!(f.name)),
                    };
                    seen.record(json!({"call": call, "detail": detail, "user": req.user.user_id()}));
                    match req.call {
                        ModalCall::Submit(_) => ModalResponse::Success(SuccessResponse::new("Saved")),
                        _ => ModalResponse::Data(DataResponse::new()),
                    }
                }
            },
        )
        .link_action(LinkActionExtension::new("Open", "/link", [Location::DealsList]), move |req| {
            let seen = s3.clone();
            async move {
                seen.record(json!({"user": req.user.map(|u| u.user_id().to_owned()), "all": req.selection.is_select_all()}));
                "ok"
            }
        })
        .link_action(
            LinkActionExtension::new("Open unsigned", "/link-open", [Location::DealsList])
                .insecure_skip_token_verification(),
            move |req| {
                let seen = s4.clone();
                async move {
                    seen.record(json!({"user": req.user.is_some()}));
                    "ok"
                }
            },
        )
        .custom_ui(
            CustomUiExtension::new("Window", "/ui", CustomUiKind::FloatingWindow).jwt_secret("ui-secret"),
            move |req| {
                let seen = s5.clone();
                async move {
                    seen.record(json!({"id": req.id, "user": req.user.user_id()}));
                    "iframe"
                }
            },
        )
        .json_panel::<Row, _, _>(
            PanelExtension::new("Slow", "/slow", PanelLocation::PersonDetails).jwt_secret(PANEL_SECRET),
            move |_req| {
                let seen = s6.clone();
                async move {
                    seen.record(json!("slow"));
                    std::future::pending::<()>().await;
                    Ok(PanelResponse::nothing())
                }
            },
        );
    if let Some(d) = deadline {
        app = app.deadline(d);
    }
    app.into_router().expect("the test app passes its checks")
}

fn router() -> (Router, Arc<Seen>) {
    let seen = Arc::new(Seen::default());
    (app(seen.clone(), None), seen)
}

fn panel() -> PipedriveRequest {
    PipedriveRequest::get("/panel").details("deal", 7)
}

fn modal() -> PipedriveRequest {
    PipedriveRequest::get("/modal").details("deal", 7)
}

/// Asserts a 401 panel error state: `{"error": {"title", "subtitle"}}` with a title ≤ 30 characters.
#[track_caller]
fn assert_panel_401(response: &pdx::testing::TestResponse, needle: &str) {
    let error = response.assert_error(401);
    let title = error["title"].as_str().expect("a title");
    assert!(title.chars().count() <= 30, "{title}");
    let subtitle = error["subtitle"].as_str().expect("a subtitle");
    assert!(
        subtitle.contains(needle),
        "`{subtitle}` should mention `{needle}`"
    );
}

#[tokio::test]
async fn panel_rejections_never_reach_the_handler() {
    let (router, seen) = router();
    let cases: Vec<(&str, PipedriveRequest, &str)> = vec![
        ("no credentials", panel(), "missing"),
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
            "none",
        ),
        (
            "HS512",
            panel().token(Token::new(PANEL_SECRET).alg(TokenAlg::Hs512)),
            "HS512",
        ),
        (
            "RS256",
            panel().token(Token::new(PANEL_SECRET).alg(TokenAlg::Rs256)),
            "RS256",
        ),
        (
            "expired",
            panel().token(Token::new(PANEL_SECRET).expired(3600)),
            "expired",
        ),
        (
            "user mismatch",
            panel().token(Token::new(PANEL_SECRET).user(999)),
            "userId",
        ),
        (
            "company mismatch",
            panel().token(Token::new(PANEL_SECRET).company("999")),
            "companyId",
        ),
        (
            "no userId claim",
            panel().token(Token::new(PANEL_SECRET).without("userId")),
            "userId",
        ),
        (
            "no userId parameter",
            panel().signed(PANEL_SECRET).without_param("userId"),
            "userId",
        ),
        ("garbage token", panel().raw_token("abc.def"), "well-formed"),
        ("wrong Basic password", panel().basic("pd", "nope"), "Basic"),
        (
            "wrong Basic user",
            panel().basic("pipedrive", "pw"),
            "Basic",
        ),
        (
            "Basic, not Basic",
            panel().header("authorization", "Bearer pw"),
            "Basic",
        ),
        (
            "good token, wrong Basic",
            panel().signed(PANEL_SECRET).basic("pd", "nope"),
            "Basic",
        ),
        (
            "good Basic, bad token",
            panel().basic("pd", "pw").signed("nope"),
            "signature",
        ),
    ];
    for (what, request, needle) in cases {
        let response = request.send(&router).await;
        assert_eq!(response.status(), 401, "{what}: {}", response.text());
        assert_panel_401(&response, needle);
    }
    assert_eq!(seen.calls(), 0, "a rejected request reached the handler");
}

#[tokio::test]
async fn malformed_parameters_are_400_naming_the_parameter() {
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
        ("invoker", modal().param("form", "{}")),
        ("form", modal().param("invoker", "kind")),
        ("invoker", modal().refetch("name", json!({"name": "x"}))),
        ("invoker", modal().refetch("no_such_block", json!({}))),
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
    }
    assert_eq!(seen.calls(), 0);
}

#[tokio::test]
async fn modal_rejections_answer_error_messages() {
    let (router, seen) = router();
    let post = || PipedriveRequest::post("/modal").details("deal", 7);
    for (what, request, status) in [
        ("no token", modal(), 401),
        (
            "Basic is not accepted on modals",
            modal().basic("pd", "pw"),
            401,
        ),
        ("panel secret", modal().signed(PANEL_SECRET), 401),
        (
            "expired",
            modal().token(Token::new(CLIENT_SECRET).expired(600)),
            401,
        ),
        ("unsigned submit", post().json(json!({"name": "x"})), 401),
        (
            "body not JSON",
            post()
                .signed(CLIENT_SECRET)
                .body("name=x", Some("text/plain")),
            400,
        ),
        (
            "body of the wrong shape",
            post().signed(CLIENT_SECRET).json(json!(["name"])),
            400,
        ),
        (
            "missing block",
            post().signed(CLIENT_SECRET).json(json!({})),
            400,
        ),
        (
            "oversize body",
            post()
                .signed(CLIENT_SECRET)
                .json(json!({"name": "x".repeat(pdx::app::MAX_BODY_BYTES)})),
            413,
        ),
    ] {
        let response = request.send(&router).await;
        let error = response.assert_error(status);
        assert!(
            error["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{what}: {error}"
        );
    }
    // A submission error names the block at fault.
    let missing = post()
        .signed(CLIENT_SECRET)
        .json(json!({"kind": 1}))
        .send(&router)
        .await
        .assert_error(400);
    assert!(
        missing["message"]
            .as_str()
            .is_some_and(|m| m.contains("block `name`")),
        "{missing}"
    );
    assert_eq!(seen.calls(), 0);
}

#[tokio::test]
async fn link_and_custom_ui_rejections() {
    let (router, seen) = router();
    let link = || PipedriveRequest::get("/link").list("deal", &[1, 2]);
    let ui = || PipedriveRequest::get("/ui").param("id", "abc-123");
    for (what, request, status) in [
        ("link without token", link(), 401),
        ("link with a bad token", link().signed("nope"), 401),
        (
            "link with claims for another user",
            link().token(Token::new(CLIENT_SECRET).user(5)),
            401,
        ),
        (
            "link with malformed ids",
            link().param("selectedIds", "1,a").signed(CLIENT_SECRET),
            400,
        ),
        ("iframe without token", ui(), 401),
        (
            "iframe with the client secret instead of its own",
            ui().signed(CLIENT_SECRET),
            401,
        ),
        (
            "iframe without id",
            ui().without_param("id").signed("ui-secret"),
            400,
        ),
    ] {
        let response = request.send(&router).await;
        let error = response.assert_error(status);
        assert!(error["message"].is_string(), "{what}: {error}");
    }
    assert_eq!(seen.calls(), 0);
}

#[tokio::test]
async fn deadline_answers_an_error_body_per_surface() {
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
        .basic("pd", "pw")
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
            .basic("pd", "pw")
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
    assert_eq!(seen.calls(), 3);
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
    let response = PipedriveRequest::get("/link-open")
        .list("deal", &[1])
        .send(&router)
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(seen.last(), json!({"user": false}));
    let response = PipedriveRequest::get("/ui")
        .param("id", "abc")
        .signed("ui-secret")
        .send(&router)
        .await;
    assert_eq!(
        (response.status(), response.text()),
        (200, "iframe".to_owned())
    );
    assert_eq!(seen.last(), json!({"id": "abc", "user": "1001"}));
}

#[tokio::test]
async fn extractors_work_in_a_plain_axum_router() {
    use axum::routing::get;
    use pdx::auth::{AuthConfig, JwtSecret, PipedriveUser};
    use pdx::context::{RequestContext, Surface};
    let router = Router::new()
        .route(
            "/x",
            get(|user: PipedriveUser, ctx: RequestContext| async move {
                format!("{} {:?}", user.user_id(), ctx.selection().ids())
            }),
        )
        .layer(axum::Extension(AuthConfig {
            surface: Surface::Modal,
            jwt_secret: JwtSecret::new("s"),
            basic: None,
        }));
    let ok = PipedriveRequest::get("/x")
        .list("deal", &[4, 5])
        .signed("s")
        .send(&router)
        .await;
    assert_eq!(ok.text(), "1001 Some([4, 5])");
    PipedriveRequest::get("/x")
        .signed("t")
        .send(&router)
        .await
        .assert_error(401);
    let bad = PipedriveRequest::get("/x")
        .param("selectedIds", "z")
        .signed("s")
        .send(&router)
        .await;
    assert!(
        bad.assert_error(400)["message"]
            .as_str()
            .is_some_and(|m| m.contains("selectedIds"))
    );
}
