//! Serving as Pipedrive's docs describe it: link actions are browser pages (HTML errors, a login redirect),
//! refetch invokers that are not exact block keys reach the handler, `open-url` GETs are their own call, a modal
//! can answer 401, Developer Hub's rules on global actions, floating windows and settings, and `serve`'s
//! header-read timeout and URI limit.

use crate::log;

use pdx::App;
use pdx::auth::PipedriveUser;
use pdx::context::Selection;
use pdx::hub::{
    ActionTarget, AppExtensions, CustomUiExtension, CustomUiKind, LinkActionExtension, Location,
    ModalExtension, PanelExtension, PanelLocation,
};
use pdx::modal::{DataResponse, ModalReply};
use pdx::panel::PanelResponse;
use pdx::server::ModalCall;
use pdx::testing::PipedriveRequest;
use pdx::{JsonModal, JsonPanel};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SECRET: &str = "client-secret";

#[derive(Debug, Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
#[allow(dead_code)]
struct Picker {
    #[modal(fetch_on_change)]
    block_key_datepicker: Option<chrono::NaiveDate>,
    note: Option<String>,
}

/// Answers what it was called for, so tests see which call reached it.
async fn picker(call: ModalCall<Picker>) -> ModalReply<Picker> {
    match call {
        ModalCall::Load => ModalReply::unauthorized("Reconnect the app"),
        ModalCall::Refetch { invoker, .. } => {
            let note = pdx::modal::InputOptions::new().value(format!("refetched by {invoker}"));
            DataResponse::new().block("note", note).into()
        }
        ModalCall::OpenUrl { form } => {
            let note = form.get("note").and_then(|v| v.as_str()).unwrap_or("none");
            ModalReply::redirect(format!("https://app.example.com/open?note={note}"))
        }
        ModalCall::Submit(_) => DataResponse::new().into(),
    }
}

async fn page(user: Option<PipedriveUser>, selection: Selection) -> String {
    let ids = selection.ids().map_or(0, <[u64]>::len);
    format!("user {:?}, {ids} ids", user.map(|u| u.user_id().to_owned()))
}

fn router() -> pdx::axum::Router {
    App::new(SECRET)
        .json_modal(
            ModalExtension::new("Pick", "/modal", [Location::DealDetails]),
            picker,
        )
        .link_action(
            LinkActionExtension::new("Open", "/open", [Location::DealsList])
                .login_url("https://app.example.com/login"),
            page,
        )
        .link_action(
            LinkActionExtension::new("Plain", "/plain", [Location::DealsList]),
            page,
        )
        .into_router()
        .expect("a valid app")
}

#[tokio::test]
async fn link_actions_answer_pages_or_the_login_redirect_never_json() {
    let (logs, _guard) = log::capture();
    let router = router();
    let plain = PipedriveRequest::get("/plain")
        .list("deal", &[1])
        .send(&router)
        .await;
    let page = plain.assert_html(401);
    assert!(page.contains("could not be verified"), "{page}");
    let forged = PipedriveRequest::get("/open")
        .list("deal", &[1])
        .signed("other")
        .send(&router)
        .await;
    assert_eq!(forged.status(), 303);
    assert_eq!(
        forged.header("location"),
        Some("https://app.example.com/login")
    );
    let signed = PipedriveRequest::get("/open")
        .list("deal", &[1, 2])
        .signed(SECRET)
        .send(&router)
        .await;
    assert_eq!(signed.text(), "user Some(\"1001\"), 2 ids");
    let log = logs.text();
    assert!(log.contains("signature does not match"), "{log}");
    assert!(log.contains("missing `token`"), "{log}");
}

#[tokio::test]
async fn thousands_of_selected_ids_reach_a_link_action_and_select_all_has_none() {
    let router = router();
    let ids: Vec<u64> = (1_000_000..1_005_000).collect();
    let many = PipedriveRequest::get("/plain")
        .list("deal", &ids)
        .signed(SECRET)
        .send(&router)
        .await;
    assert_eq!(many.text(), "user Some(\"1001\"), 5000 ids");
    let all = PipedriveRequest::get("/plain")
        .select_all("deal", json!({"filter_id": 4}), &[7])
        .signed(SECRET)
        .send(&router)
        .await;
    assert_eq!(all.text(), "user Some(\"1001\"), 0 ids");
}

#[tokio::test]
async fn a_refetch_invoker_that_is_not_a_block_key_reaches_the_handler_with_a_warning() {
    let (logs, _guard) = log::capture();
    let response = PipedriveRequest::get("/modal")
        .details("deal", 1)
        .refetch("datepicker", json!({"block_key_datepicker": "2026-01-02"}))
        .signed(SECRET)
        .send(&router())
        .await;
    let body = response.assert_json(200);
    assert_eq!(
        body["data"]["blocks"]["note"]["value"],
        "refetched by datepicker"
    );
    assert!(
        logs.text().contains("not a block key with `fetchOnChange`"),
        "{}",
        logs.text()
    );
}

#[tokio::test]
async fn an_open_url_get_is_its_own_call_and_a_page_when_refused() {
    let router = router();
    let open = PipedriveRequest::get("/modal")
        .details("deal", 1)
        .param("form", json!({"note": "hi"}))
        .signed(SECRET)
        .send(&router)
        .await;
    assert_eq!(open.status(), 303);
    assert_eq!(
        open.header("location"),
        Some("https://app.example.com/open?note=hi")
    );
    let by_block = PipedriveRequest::get("/modal")
        .details("deal", 1)
        .param("note", "yo")
        .signed(SECRET)
        .send(&router)
        .await;
    assert_eq!(
        by_block.header("location"),
        Some("https://app.example.com/open?note=yo")
    );
    let unsigned = PipedriveRequest::get("/modal")
        .param("form", json!({"note": "hi"}))
        .send(&router)
        .await;
    unsigned.assert_html(401);
}

#[tokio::test]
async fn a_modal_can_answer_401_on_its_first_load() {
    let response = PipedriveRequest::get("/modal")
        .details("deal", 1)
        .signed(SECRET)
        .send(&router())
        .await;
    assert_eq!(response.assert_error(401)["message"], "Reconnect the app");
}

#[derive(Serialize, JsonPanel)]
#[panel(list)]
struct Row {
    #[panel(header)]
    title: String,
}

async fn rows() -> PanelResponse<Row> {
    PanelResponse::nothing()
}

#[test]
fn a_global_action_must_share_the_panels_detail_view() {
    let panel = PanelExtension::new("Rows", "/rows", PanelLocation::PersonDetails)
        .jwt_secret("p")
        .action(ActionTarget::Global, "Pick")
        .action(ActionTarget::Object, "Open");
    let app: App = App::new(SECRET)
        .json_panel(panel, rows)
        .json_modal(
            ModalExtension::new("Pick", "/modal", [Location::DealDetails]),
            picker,
        )
        .link_action(
            LinkActionExtension::new("Open", "/open", [Location::DealsList]),
            page,
        );
    let problems = app.check();
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("/extensions/0/actions/0/extension: "),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("must also be placed in Person details"),
        "{}",
        lines[0]
    );
}

#[test]
fn one_floating_window_with_a_description_and_one_way_to_settings() {
    let floating =
        |name: &str| CustomUiExtension::new(name, format!("/{name}"), CustomUiKind::FloatingWindow);
    let app = AppExtensions::new()
        .settings_url("http://app.example.com/settings")
        .custom_ui(floating("Dialer").description("Calls"))
        .custom_ui(floating("Second"))
        .custom_ui(CustomUiExtension::new(
            "Settings",
            "/settings",
            CustomUiKind::Settings,
        ));
    let lines: Vec<String> = app.check().iter().map(ToString::to_string).collect();
    let expected = [
        "/extensions/1/kind: an app has at most one floating window; /extensions/0 is one already",
        "/extensions/1/description: a floating window needs a description (Developer Hub requires one)",
        "/extensions/2/kind: the app's settings are already an external link (`settings_url`): Developer Hub takes a link or a custom UI page, not both",
        "/settings_url: `http://app.example.com/settings` must start with https://",
    ];
    for line in expected {
        assert!(
            lines.iter().any(|l| l == line),
            "missing {line:?} in {lines:#?}"
        );
    }
    assert_eq!(lines.len(), expected.len(), "{lines:#?}");
}

/// Starts `serve` on a loopback port with a short header-read timeout; returns the address.
async fn start(timeout: Duration) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    let server = pdx::server::serve(listener, router()).header_read_timeout(timeout);
    tokio::spawn(async move { server.await });
    addr
}

#[tokio::test]
async fn serve_closes_a_half_sent_request_after_the_header_read_timeout() {
    let addr = start(Duration::from_millis(300)).await;
    let mut half = tokio::net::TcpStream::connect(addr).await.expect("connect");
    half.write_all(b"GET /plain HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("send half");
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), half.read_to_end(&mut buf)).await;
    assert!(
        read.is_ok(),
        "the half-sent connection was still open after 5 s"
    );
    // A whole request on a new connection is still served.
    let mut whole = tokio::net::TcpStream::connect(addr).await.expect("connect");
    whole
        .write_all(b"GET /plain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .expect("send");
    let mut reply = String::new();
    whole.read_to_string(&mut reply).await.expect("read");
    assert!(reply.starts_with("HTTP/1.1 401"), "{reply}");
}

#[tokio::test]
async fn serve_refuses_a_uri_over_64_kib_before_the_router() {
    let addr = start(Duration::from_secs(5)).await;
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let long = "1%2C".repeat(17_000);
    let request =
        format!("GET /plain?selectedIds={long} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply).await;
    let reply = String::from_utf8_lossy(&reply);
    assert!(
        reply.starts_with("HTTP/1.1 414") || reply.starts_with("HTTP/1.1 431"),
        "{reply}"
    );
}

#[tokio::test]
async fn serve_stops_accepting_at_its_graceful_shutdown() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = pdx::server::serve(listener, router()).with_graceful_shutdown(async {
        let _ = stopped.await;
    });
    let running = tokio::spawn(async move { server.await });
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_ok(),
        "serving"
    );
    let _ = stop.send(());
    let ended = tokio::time::timeout(Duration::from_secs(5), running).await;
    assert!(
        matches!(ended, Ok(Ok(Ok(())))),
        "serve returns Ok after the signal: {ended:?}"
    );
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "the listener is closed"
    );
}

/// A handler that reads the body: the App's routes cap every body extractor at `MAX_BODY_BYTES`.
async fn echo_length(body: String) -> String {
    body.len().to_string()
}

#[tokio::test]
async fn bodies_over_the_limit_never_reach_a_handler() {
    let router = App::new(SECRET)
        .link_action(
            LinkActionExtension::new("Echo", "/echo", [Location::DealsList]),
            echo_length,
        )
        .into_router()
        .expect("a valid app");
    let small = PipedriveRequest::get("/echo")
        .list("deal", &[1])
        .body("hi", None)
        .signed(SECRET)
        .send(&router)
        .await;
    assert_eq!(small.text(), "2");
    let big = vec![b'x'; pdx::server::MAX_BODY_BYTES + 1];
    let refused = PipedriveRequest::get("/echo")
        .list("deal", &[1])
        .body(big, None)
        .signed(SECRET)
        .send(&router)
        .await;
    assert_eq!(refused.status(), 413);
}
