//! `pdx preview serve` against a small app written here with plain axum: the app checks every request's
//! signature with `pdx::link::verify_signed_query` and serves derived panel and modal types; headless Chromium
//! opens the preview page and walks the modal through load, a `fetchOnChange` refetch, field errors and a submit.

mod support;

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use pdx::auth::{BasicCredentials, JwtSecret};
use pdx::modal::{ChoiceValue, JsonModal as _};
use pdx::panel::{Currency, JsonPanel as _, Label, LabelColor};
use pdx::{JsonModal, JsonPanel, ModalChoice};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use support::{Browser, Serve};

const SECRET: &str = "preview-test-secret";
/// The panel has its own JWT secret and HTTP Basic credentials, as Developer Hub allows.
const PANEL_SECRET: &str = "panel-own-secret";
const BASIC: (&str, &str) = ("pipedrive", "basic-password");

/// One invoice of the deal.
#[derive(Serialize, JsonPanel)]
#[panel(list)]
struct Invoice {
    #[panel(header)]
    number: String,
    amount: Currency,
    status: Label,
}

#[derive(Debug, Deserialize, ModalChoice)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Call,
    Meeting,
}

/// "Create task", opened from the deal.
#[derive(Debug, Deserialize, JsonModal)]
#[modal(
    secondary(key = "cancel", label = "Cancel", handler = "cancel"),
    primary(key = "create", label = "Create task")
)]
#[allow(dead_code)]
struct CreateTask {
    #[modal(label = "Title", placeholder = "e.g. Call back")]
    title: String,
    #[modal(label = "Kind", placeholder = "Pick a kind", fetch_on_change)]
    kind: Option<Kind>,
    #[modal(label = "Owner", placeholder = "Pick an owner")]
    owner: Option<ChoiceValue>,
    #[modal(textarea, label = "Agenda", visible_on(kind, equals = "meeting"))]
    agenda: Option<String>,
}

/// What a handler answers instead when the signature does not verify.
type Refused = (StatusCode, Json<Value>);

#[derive(Default)]
struct FakeApp {
    verified: AtomicUsize,
}

/// The query's parameters, once its signature is verified (else the 401 Pipedrive would get).
fn verified(
    app: &FakeApp,
    query: Option<String>,
    secret: &str,
) -> Result<Vec<(String, String)>, Refused> {
    let query = query.unwrap_or_default();
    let (user, _) =
        pdx::link::verify_signed_query(&query, &JwtSecret::new(secret)).map_err(|r| {
            (
                StatusCode::UNAUTHORIZED,
                Json(json!({"error": {"message": r.message().to_owned()}})),
            )
        })?;
    assert_eq!(
        (user.user_id(), user.company_id()),
        ("7", "8"),
        "the ids given to pdx preview serve"
    );
    app.verified.fetch_add(1, Ordering::Relaxed);
    Ok(form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect())
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

async fn panel(
    State(app): State<Arc<FakeApp>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, Refused> {
    let authorization = headers
        .get(pdx::axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    BasicCredentials::new(BASIC.0, BASIC.1)
        .check(authorization)
        .map_err(|e| {
            (
                StatusCode::UNAUTHORIZED,
                Json(json!({"error": {"title": e.to_string()}})),
            )
        })?;
    let params = verified(&app, q, PANEL_SECRET)?;
    assert_eq!(
        (
            param(&params, "resource"),
            param(&params, "view"),
            param(&params, "selectedIds"),
            param(&params, "isShared")
        ),
        (Some("deal"), Some("details"), Some("42"), Some("false"))
    );
    let invoices = [
        Invoice {
            number: "INV-1".into(),
            amount: Currency::new("EUR", 990.0),
            status: Label::new(LabelColor::Green, "Paid"),
        },
        Invoice {
            number: "INV-2".into(),
            amount: Currency::new("USD", 120.5),
            status: Label::new(LabelColor::Red, "Overdue"),
        },
    ];
    Ok(Json(
        json!({"data": invoices, "external_link": {"url": "https://invoices.example.com", "label": "All invoices"}}),
    ))
}

fn owners(names: &[(i64, &str)]) -> Value {
    let items: Vec<Value> = names
        .iter()
        .map(|(v, l)| json!({"value": v, "label": l}))
        .collect();
    json!({"data": {"blocks": {"owner": {"items": items}}, "actions": {}}})
}

/// The first GET, and the refetch when `kind` changes: a meeting is owned by other people.
async fn modal_get(
    State(app): State<Arc<FakeApp>>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, Refused> {
    let params = verified(&app, q, SECRET)?;
    let form: Value = param(&params, "form").map_or(Value::Null, |f| {
        serde_json::from_str(f).expect("form is JSON")
    });
    Ok(Json(
        match (
            param(&params, "invoker"),
            form.get("kind").and_then(Value::as_str),
        ) {
            (Some("kind"), Some("meeting")) => owners(&[(3, "Carol"), (4, "Dave")]),
            _ => owners(&[(1, "Alice"), (2, "Bob")]),
        },
    ))
}

/// The submit: read with the derived type; a taken title gets a field error, else the snackbar.
async fn modal_post(
    State(app): State<Arc<FakeApp>>,
    RawQuery(q): RawQuery,
    Json(body): Json<Value>,
) -> Result<Json<Value>, Refused> {
    verified(&app, q, SECRET)?;
    let task = CreateTask::from_submission(&body).expect("a submission CreateTask reads");
    if task.title == "taken" {
        return Ok(Json(
            json!({"data": {"blocks": {"title": {"error": "A task with this title exists"}}}}),
        ));
    }
    Ok(Json(
        json!({"success": {"message": format!("Task created: {}", task.title), "type": "snackbar",
        "link": {"label": "Open task", "value": "https://tasks.example.com/1"}}}),
    ))
}

/// Starts the app on a free port; returns its address.
fn start_app(app: Arc<FakeApp>) -> String {
    support::start_app(
        axum::Router::new()
            .route("/panel", get(panel))
            .route("/modal", get(modal_get).post(modal_post))
            .with_state(app),
    )
}

/// The export an app would write: a manifest and each extension's file, from the derived types.
fn export(dir: &std::path::Path) -> std::path::PathBuf {
    std::fs::write(
        dir.join("panel.json"),
        Invoice::data_structure().to_string_pretty(),
    )
    .expect("write");
    std::fs::write(
        dir.join("modal.json"),
        serde_json::to_string_pretty(CreateTask::schema().to_value()).expect("json"),
    )
    .expect("write");
    let manifest = json!({"name": "Preview test", "extensions": [
        {"kind": "json_panel", "name": "Invoices", "path": "/panel", "file": "panel.json", "locations": ["deal_details"],
         "objects": "multiple", "actions": [{"target": "global", "extension": "Create task"}, {"target": {"field": "status"}, "extension": "Remind"}]},
        {"kind": "json_modal", "name": "Create task", "path": "/modal", "file": "modal.json", "locations": ["deal_details"]},
        {"kind": "link_action", "name": "Open invoices", "path": "/open", "locations": ["deal_details"]},
        {"kind": "oauth_install", "path": "/oauth/install"},
        {"kind": "oauth_callback", "path": "/oauth/callback"},
        {"kind": "webhook", "name": "Deal updated", "path": "/hooks/deal", "event": "updated.deal"}
    ]});
    let path = dir.join("manifest.json");
    std::fs::write(&path, manifest.to_string()).expect("write");
    path
}

/// `pdx preview serve` against `app`, with the panel's own secret and Basic credentials.
fn serve(app: &str, manifest: &std::path::Path) -> Serve {
    Serve::start([
        "--app",
        app,
        "--secret",
        SECRET,
        "--user",
        "7",
        "--company",
        "8",
        "--selected",
        "42",
        "--extension-secret",
        &format!("Invoices={PANEL_SECRET}"),
        "--basic",
        &format!("{}:{}", BASIC.0, BASIC.1),
        "--manifest",
        &manifest.display().to_string(),
    ])
}

#[test]
fn live_panel_and_modal_walkthrough() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let app = Arc::new(FakeApp::default());
    let app_url = start_app(app.clone());
    let manifest = export(&browser.dir);
    let serve = serve(&app_url, &manifest);
    let report = browser.drive_url(
        &serve.url,
        json!([
            {"waitFor": ".pdx-panel .pdx-object, .pdx-panel .pdx-error-state"},
            {"observe": "panel"},
            {"click": ".pdx-open-modal"},
            {"waitText": [".pdx-block option", "Alice"]},
            {"observe": "loaded"},
            {"select": ["kind", "Meeting"]},
            {"waitText": [".pdx-block option", "Carol"]},
            {"observe": "refetched"},
            {"fill": ["title", "taken"]},
            {"click": "[data-action=create]"},
            {"waitFor": ".pdx-block-error"},
            {"observe": "field-error"},
            {"fill": ["title", "Call Bob"]},
            {"click": "[data-action=create]"},
            {"waitFor": ".pdx-snackbar"},
            {"observe": "submitted"},
            {"screenshot": "live"},
            {"screenshot": "live-not-drawn", "element": ".pdx-skipped"}
        ]),
    );
    assert!(
        report["errors"].as_array().is_some_and(Vec::is_empty),
        "{report:#}"
    );
    let p = &report["observations"]["panel"]["panels"][0];
    assert_eq!(p["name"], "Invoices");
    assert_eq!(p["objects"][1]["header"], "INV-2");
    assert_eq!(p["objects"][1]["fields"][0]["value"], "$120.50");
    assert_eq!(
        p["objects"][1]["fields"][1]["color"], "rgb(249, 72, 57)",
        "red label"
    );
    assert_eq!(p["objects"][1]["fields"][1]["action"], "Remind");
    assert_eq!(p["footer"][0]["text"], "Create task");
    assert_eq!(p["problems"], json!([]));
    // The export's other entries are listed as not drawn, each with why; none stops the preview.
    let skipped: Vec<(&str, &str)> = report["observations"]["panel"]["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            (
                s["head"].as_str().unwrap_or_default(),
                s["note"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        skipped.iter().map(|(head, _)| *head).collect::<Vec<_>>(),
        [
            "link_action · Open invoices · /open",
            "oauth_install · /oauth/install",
            "oauth_callback · /oauth/callback",
            "webhook · Deal updated · /hooks/deal"
        ]
    );
    assert!(skipped[1].1.contains("OAuth route"), "{skipped:?}");
    assert_eq!(
        skipped[3].1,
        "A kind this version of pdx preview does not draw."
    );

    let items = |obs: &str, key: &str| -> Vec<String> {
        report["observations"][obs]["modals"][0]["blocks"]
            .as_array()
            .and_then(|bs| bs.iter().find(|b| b["key"] == key))
            .and_then(|b| b["items"].as_array())
            .map(|is| {
                is.iter()
                    .filter_map(|i| i["label"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let visible = |obs: &str, key: &str| {
        report["observations"][obs]["modals"][0]["blocks"]
            .as_array()
            .and_then(|bs| bs.iter().find(|b| b["key"] == key))
            .map(|b| b["visible"].clone())
    };
    assert_eq!(items("loaded", "owner"), ["Alice", "Bob"]);
    assert_eq!(visible("loaded", "agenda"), Some(json!(false)));
    assert_eq!(
        items("refetched", "owner"),
        ["Carol", "Dave"],
        "the refetch changed the items"
    );
    assert_eq!(
        visible("refetched", "agenda"),
        Some(json!(true)),
        "kind equals meeting"
    );
    let title = report["observations"]["field-error"]["modals"][0]["blocks"][0].clone();
    assert_eq!(title["error"], "A task with this title exists");
    let done = &report["observations"]["submitted"];
    assert_eq!(
        done["snackbar"],
        json!({"message": "Task created: Call Bob", "link": "https://tasks.example.com/1"})
    );

    // Each request and response is shown beside the drawing: the signed URL, the refetch's form and invoker.
    let log: Vec<(String, String)> = done["log"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            (
                e["request"].as_str().unwrap_or("").to_owned(),
                e["response"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert!(
        log.iter().any(|(r, s)| r.starts_with("GET ")
            && r.contains("/panel?")
            && r.contains("token=")
            && s.starts_with("HTTP 200")),
        "{log:#?}"
    );
    assert!(
        log.iter()
            .any(|(r, _)| r.contains("invoker=kind") && r.contains("form=")),
        "{log:#?}"
    );
    assert!(
        log.iter().any(|(r, s)| r.starts_with("POST ")
            && r.contains("\"title\": \"Call Bob\"")
            && s.contains("snackbar")),
        "{log:#?}"
    );
    for secret in [SECRET, PANEL_SECRET, BASIC.1] {
        assert!(
            !log.iter()
                .any(|(r, s)| r.contains(secret) || s.contains(secret)),
            "a secret is never shown"
        );
    }
    // panel + load + refetch + two submits, each verified by the app.
    assert!(app.verified.load(Ordering::Relaxed) >= 5);
}

#[test]
fn serve_refuses_a_missing_manifest_naming_it() {
    let out = Command::new(env!("CARGO_BIN_EXE_pdx"))
        .args([
            "preview",
            "serve",
            "--app",
            "http://127.0.0.1:9",
            "--secret",
            "s",
            "--manifest",
            "/nonexistent/manifest.json",
        ])
        .output()
        .expect("run pdx");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent/manifest.json") && err.contains("cannot read"),
        "{err}"
    );
}

#[test]
fn serve_refuses_a_non_http_app() {
    let out = Command::new(env!("CARGO_BIN_EXE_pdx"))
        .args([
            "preview",
            "serve",
            "--app",
            "https://app.example.com",
            "--secret",
            "s",
            "--manifest",
            "m.json",
        ])
        .output()
        .expect("run pdx");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("loopback http URL"));
}

#[test]
fn serve_refuses_a_secret_for_an_unknown_extension() {
    let dir = std::env::temp_dir().join(format!("pdx-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let manifest = export(&dir);
    let out = Command::new(env!("CARGO_BIN_EXE_pdx"))
        .args([
            "preview",
            "serve",
            "--app",
            "http://127.0.0.1:9",
            "--secret",
            "s",
            "--extension-secret",
            "Nope=x",
        ])
        .arg("--manifest")
        .arg(&manifest)
        .output()
        .expect("run pdx");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no extension named \"Nope\"") && !err.contains("=x"),
        "{err}"
    );
}
