//! Logs are data too: every value that came from a request (query values, the path, token claims, a refetch's
//! `invoker`, submitted values, what a panicking handler or a failing response check quotes from them) reaches
//! the log escaped, one line per record, with no control character, ANSI escape, Unicode line separator or bidi
//! control, whatever the subscriber does with it.

use crate::log;

use base64::Engine as _;
use pdx::App;
use pdx::auth::PipedriveUser;
use pdx::axum::Router;
use pdx::axum::routing::get;
use pdx::context::Surface;
use pdx::hub::{Location, ModalExtension, PanelExtension, PanelLocation};
use pdx::modal::{DataResponse, InputOptions, ModalReply};
use pdx::panel::{PanelError, PanelResponse};
use pdx::server::{ExtensionLayer, MAX_LOGGED_BYTES, ModalCall, Untrusted};
use pdx::testing::PipedriveRequest;
use pdx::{JsonModal, JsonPanel};
use serde::{Deserialize, Serialize};
use serde_json::json;

const SECRET: &str = "client-secret-1d2e";
const PANEL_SECRET: &str = "panel-secret-3f4a";

/// A value that tries every trick: a forged record after a newline, a carriage return, ANSI colour codes, Unicode
/// line and paragraph separators, a right-to-left override and a bidi isolate.
const HOSTILE: &str = "x\n2025-01-01T00:00:00.000000Z ERROR pdx: forged record\r\u{1b}[31mred\u{1b}[0m\
                       \u{2028}after a line separator\u{2029}\u{202e}desrever\u{2066}isolated";

/// [`HOSTILE`] as a `Display` wrapped in `Untrusted` writes it, the shape each logged value must have.
fn escaped(value: &str) -> String {
    let quoted = Untrusted(value).to_string();
    quoted[1..quoted.len() - 1].to_owned()
}

#[derive(Serialize, JsonPanel)]
#[panel(list)]
struct Row {
    id: u64,
    #[panel(header)]
    header: String,
}

#[derive(Debug, Deserialize, JsonModal)]
#[modal(primary(key = "save", label = "Save"))]
#[allow(dead_code)]
struct Order {
    #[modal(label = "Name")]
    name: String,
    #[modal(label = "Quantity")]
    quantity: Option<u32>,
    #[modal(select, dynamic, label = "Kind", fetch_on_change)]
    kind: Option<u64>,
}

async fn rows() -> Result<PanelResponse<Row>, PanelError> {
    Ok(PanelResponse::nothing())
}

/// Echoes the refetch's `invoker` where an app might: into a block patch (which then fails its check, quoting
/// the key) or into a panic message.
async fn order(call: ModalCall<Order>) -> ModalReply<Order> {
    match call {
        ModalCall::Refetch { invoker, .. } if invoker.starts_with("panic") => {
            panic!("refetch asked by {invoker}")
        }
        ModalCall::Refetch { invoker, .. } => DataResponse::new()
            .block(invoker, InputOptions::new().label("Echo"))
            .into(),
        _ => DataResponse::new().into(),
    }
}

async fn own(user: PipedriveUser) -> String {
    user.user_id().to_owned()
}

fn router() -> Router {
    let app = App::new(SECRET)
        .json_panel(
            PanelExtension::new("Rows", "/panel", PanelLocation::DealDetails)
                .jwt_secret(PANEL_SECRET),
            rows,
        )
        .json_modal(
            ModalExtension::new("Order", "/modal", [Location::DealDetails]),
            order,
        );
    let own: Router = Router::new()
        .route("/own/{*rest}", get(own))
        .route_layer(ExtensionLayer::new(Surface::CustomUi, SECRET));
    app.into_router().expect("a valid app").merge(own)
}

/// A token whose header names the algorithm `alg`.
fn token_with_alg(alg: &str) -> String {
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let header = json!({"alg": alg, "typ": "JWT"}).to_string();
    format!(
        "{}.{}.c2ln",
        b64(header.as_bytes()),
        b64(br#"{"userId":1001,"companyId":2002}"#)
    )
}

#[tokio::test]
async fn request_values_are_logged_escaped_on_one_line() {
    let (log, _guard) = log::capture();
    let router = router();
    let panel = || PipedriveRequest::get("/panel").details("deal", 7);
    let modal = || PipedriveRequest::get("/modal").details("deal", 7);
    let cases: Vec<(&str, PipedriveRequest, u16)> = vec![
        (
            "a query value quoted in a refusal",
            panel().param("selectedIds", HOSTILE).signed(PANEL_SECRET),
            400,
        ),
        (
            "`isShared`",
            panel().param("isShared", HOSTILE).signed(PANEL_SECRET),
            400,
        ),
        (
            "a signed `userId` that is no id",
            panel().user(HOSTILE).signed(PANEL_SECRET),
            400,
        ),
        (
            "the `alg` of a token's header",
            panel().raw_token(token_with_alg(HOSTILE)),
            401,
        ),
        (
            "the path",
            PipedriveRequest::get("/own/\u{202e}gnp.exe\u{2028}\u{85}next").param("id", 1),
            401,
        ),
        (
            "a refetch `invoker` echoed into a block patch that fails its check",
            modal()
                .refetch(HOSTILE, json!({"name": "A"}))
                .signed(SECRET),
            500,
        ),
        (
            "a handler's panic quoting the `invoker`",
            modal()
                .refetch(&format!("panic {HOSTILE}"), json!({}))
                .signed(SECRET),
            500,
        ),
        (
            "a submitted value",
            PipedriveRequest::post("/modal")
                .details("deal", 7)
                .json(json!({"name": "A", "quantity": HOSTILE}))
                .signed(SECRET),
            200,
        ),
    ];
    for (what, request, status) in cases {
        let response = request.send(&router).await;
        assert_eq!(response.status(), status, "{what}: {}", response.text());
        let text = log.text();
        if what != "the path" {
            assert!(
                text.contains(&escaped(HOSTILE)),
                "{what}: the value is logged, escaped:\n{text}"
            );
        } else {
            assert!(
                text.contains(r#"path="/own/\u{202e}gnp.exe\u{2028}\u{85}next""#),
                "{text}"
            );
        }
        log.assert_one_line_records();
        log.take();
    }
}

#[tokio::test]
async fn a_long_value_is_cut_in_the_log() {
    let (log, _guard) = log::capture();
    let router = router();
    let long = "7".repeat(10 * MAX_LOGGED_BYTES);
    let response = PipedriveRequest::get("/panel")
        .details("deal", 7)
        .param("excludedIds", format!("1,{long}x"))
        .signed(PANEL_SECRET)
        .send(&router)
        .await;
    assert_eq!(response.status(), 400, "{}", response.text());
    let text = log.text();
    assert!(text.contains("bytes not logged"), "{text}");
    assert!(
        text.len() < 2 * MAX_LOGGED_BYTES,
        "a refusal's record is bounded: {} bytes",
        text.len()
    );
    log.assert_one_line_records();
}
