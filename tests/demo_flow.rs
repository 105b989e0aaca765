//! The demo app end to end: every success path through the test kit (with snapshots of its answers), the
//! modal's submit changing what the panel shows, the committed export being up to date, and one real HTTP
//! request over loopback.

use crate::demo_app;
use crate::log;

use demo_app::{DemoConfig, LINK_PATH, MODAL_PATH, PANEL_PATH, Store};
use pdx::axum::Router;
use pdx::testing::{PipedriveRequest, TestResponse};
use serde_json::json;

const SECRET: &str = demo_app::DEMO_CLIENT_SECRET;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 7, 1).expect("a date")
}

/// The demo's configuration with a token store of its own (in memory: these tests never install).
fn config() -> DemoConfig {
    let mut config = DemoConfig::default();
    config.install.database_url = pdx::store::MEMORY_URL.to_owned();
    config
}

async fn app(config: &DemoConfig) -> pdx::App<demo_app::Demo> {
    let installations = demo_app::installations(config).await.expect("token store");
    demo_app::build(config, installations)
}

async fn router_with(config: &DemoConfig) -> Router {
    let installations = demo_app::installations(config).await.expect("token store");
    demo_app::router(config, Store::seeded(today()).shared(), installations)
        .expect("the demo passes its checks")
}

async fn router() -> Router {
    router_with(&config()).await
}

async fn panel(router: &Router, deal: u64) -> TestResponse {
    PipedriveRequest::get(PANEL_PATH)
        .details("deal", deal)
        .shared(false)
        .signed(SECRET)
        .send(router)
        .await
}

fn modal_get(deal: u64) -> PipedriveRequest {
    PipedriveRequest::get(MODAL_PATH).details("deal", deal)
}

fn submit(deal: u64, body: serde_json::Value) -> PipedriveRequest {
    PipedriveRequest::post(MODAL_PATH)
        .details("deal", deal)
        .json(body)
}

#[tokio::test]
async fn panel_lists_the_deals_invoices() {
    let router = router().await;
    insta::assert_json_snapshot!("panel_deal_1", panel(&router, 1).await.assert_json(200));
    insta::assert_json_snapshot!(
        "panel_deal_3_nothing",
        panel(&router, 3).await.assert_json(200)
    );
    insta::assert_json_snapshot!(
        "panel_unknown_deal_error",
        panel(&router, 99).await.assert_json(400)
    );
    let shared = PipedriveRequest::get(PANEL_PATH)
        .details("deal", 2)
        .shared(true)
        .signed(SECRET)
        .send(&router)
        .await;
    let body = shared.assert_json(200);
    assert!(
        body.get("settings").is_none(),
        "shared viewers get no settings link: {body}"
    );
    assert_eq!(body["data"][0]["header"], "Invoice INV-1003");
}

#[tokio::test]
async fn panel_accepts_basic_when_configured() {
    let config = DemoConfig {
        basic: Some(("pipedrive".into(), "s3cret".into())),
        ..config()
    };
    let basic_router = router_with(&config).await;
    let basic = PipedriveRequest::get(PANEL_PATH)
        .details("deal", 1)
        .basic("pipedrive", "s3cret")
        .send(&basic_router)
        .await;
    assert_eq!(
        basic.assert_json(200)["data"].as_array().map(Vec::len),
        Some(2)
    );
    let token = PipedriveRequest::get(PANEL_PATH)
        .details("deal", 1)
        .signed(SECRET)
        .send(&basic_router)
        .await;
    token.assert_json(200);
    let wrong = PipedriveRequest::get(PANEL_PATH)
        .details("deal", 1)
        .basic("pipedrive", "nope")
        .send(&basic_router)
        .await;
    wrong.assert_error(401);
    // Without Basic configured, Basic credentials alone are not enough.
    let plain = router().await;
    PipedriveRequest::get(PANEL_PATH)
        .details("deal", 1)
        .basic("pipedrive", "s3cret")
        .send(&plain)
        .await
        .assert_error(401);
}

#[tokio::test]
async fn modal_loads_refetches_and_submits() {
    let router = router().await;
    let load = modal_get(1)
        .signed(SECRET)
        .send(&router)
        .await
        .assert_json(200);
    insta::assert_json_snapshot!("modal_load_deal_1", load);
    let refetch = modal_get(1)
        .refetch("product", json!({"customer": 11, "product": 2}))
        .signed(SECRET)
        .send(&router)
        .await;
    insta::assert_json_snapshot!("modal_refetch_product_2", refetch.assert_json(200));
    let unknown = modal_get(1)
        .refetch("product", json!({"product": 9}))
        .signed(SECRET)
        .send(&router)
        .await;
    assert_eq!(
        unknown.assert_json(200)["data"]["blocks"]["product"]["error"],
        "Pick one of the listed products"
    );

    let invalid = submit(
        1,
        json!({"customer": 21, "product": 7, "amount": "0", "due_date": "2025-06-30"}),
    )
    .signed(SECRET)
    .send(&router)
    .await;
    insta::assert_json_snapshot!("modal_submit_block_errors", invalid.assert_json(200));
    assert_eq!(
        panel(&router, 1).await.json()["data"]
            .as_array()
            .map(Vec::len),
        Some(2),
        "nothing was created"
    );

    let created = submit(
        1,
        json!({"customer": 12, "product": 1, "amount": "800", "due_date": "2025-07-31"}),
    )
    .signed(SECRET)
    .send(&router)
    .await;
    insta::assert_json_snapshot!("modal_submit_success", created.assert_json(200));
    let after = panel(&router, 1).await.assert_json(200);
    insta::assert_json_snapshot!("panel_deal_1_after_submit", after);
    assert_eq!(after["data"][0]["header"], "Invoice INV-1004");

    // Amount as a JSON number is accepted too; a deal without billing account is a global error (400).
    let number = submit(
        2,
        json!({"customer": 21, "product": 3, "amount": 300, "due_date": "2025-08-01"}),
    );
    number.signed(SECRET).send(&router).await.assert_json(200);
    let global = modal_get(99)
        .signed(SECRET)
        .send(&router)
        .await
        .assert_error(400);
    assert!(
        global["message"]
            .as_str()
            .is_some_and(|m| m.contains("Deal 99")),
        "{global}"
    );
}

#[tokio::test]
async fn link_action_shows_the_selection() {
    let router = router().await;
    let picked = PipedriveRequest::get(LINK_PATH)
        .list("deal", &[1, 2])
        .signed(SECRET)
        .send(&router)
        .await;
    let html = picked.assert_html(200);
    for needle in [
        "INV-1001",
        "INV-1002",
        "INV-1003",
        "user 1001 of company 2002",
        "selection: deals 1, 2.",
    ] {
        assert!(html.contains(needle), "missing `{needle}` in\n{html}");
    }
    let all = PipedriveRequest::get(LINK_PATH)
        .select_all("deal", json!({"filter_id": 42}), &[2])
        .signed(SECRET)
        .send(&router)
        .await;
    let html = all.text();
    assert!(
        html.contains("INV-1001") && !html.contains("INV-1003"),
        "{html}"
    );
    assert!(
        html.contains("all deals matching {&quot;filter_id&quot;:42} except [2]"),
        "{html}"
    );
    // A browser arriving without a token gets an HTML page that does not say why; the reason is logged.
    let (log, _guard) = log::capture();
    let unsigned = PipedriveRequest::get(LINK_PATH)
        .list("deal", &[1])
        .send(&router)
        .await;
    let page = unsigned.assert_html(401);
    assert!(page.contains(pdx::auth::UNVERIFIED_MESSAGE), "{page}");
    let logged = log.text();
    assert!(
        logged.contains("request refused")
            && logged.contains(LINK_PATH)
            && logged.contains("missing `token`"),
        "{logged}"
    );
    log.assert_no_secret(&[SECRET]);
}

#[tokio::test]
async fn committed_export_is_up_to_date() {
    let app = app(&config()).await;
    pdx::testing::assert_export_up_to_date(
        &app,
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/demo-export"),
    );
}

#[tokio::test]
async fn export_writes_every_file() {
    let dir = std::env::temp_dir().join(format!("pdx-demo-export-{}", std::process::id()));
    let app = app(&config()).await;
    let files = app.export(&dir).expect("exported");
    assert_eq!(
        files,
        [
            "DEVELOPER_HUB.md",
            "demo-invoices-pipedrive-integration-1.png",
            "demo-invoices-pipedrive-integration-2.png",
            "demo-invoices-pipedrive-integration-3.png",
            "demo-invoices-pipedrive-integration.png",
            "json-modal-create-invoice.json",
            "json-panel-invoices.json",
            "manifest.json"
        ]
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).expect("written"))
            .expect("JSON");
    for ext in manifest["extensions"].as_array().expect("extensions") {
        if let Some(file) = ext["file"].as_str() {
            let uploaded: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(dir.join(file)).expect("written"))
                    .expect("JSON");
            assert!(uploaded.is_object(), "{file}");
        }
    }
    let summary = std::fs::read_to_string(dir.join("DEVELOPER_HUB.md")).expect("written");
    assert!(
        !summary.contains(SECRET),
        "the export must not contain secrets"
    );
    std::fs::remove_dir_all(&dir).expect("cleaned up");
}

#[tokio::test]
async fn serves_over_real_http() {
    use std::io::{Read, Write};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let server = tokio::spawn(async move { pdx::axum::serve(listener, router().await).await });
    let uri = PipedriveRequest::get(PANEL_PATH)
        .details("deal", 2)
        .signed(SECRET)
        .uri();
    // A raw HTTP/1.1 request on a plain socket, from a blocking thread (tokio's io-util is not enabled).
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).expect("connect");
        let request = format!("GET {uri} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).expect("write");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        answer
    })
    .await
    .expect("the client thread finished");
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{answer}"
    );
    assert!(
        answer.contains("\"header\":\"Invoice INV-1003\""),
        "{answer}"
    );
    server.abort();
}
