//! The demo installed from Pipedrive, against `pdx::testing::FakePipedrive`: its panel says when the company
//! has not installed the app, shows the deal's title read through the API client once it has, still knows the
//! installation after a restart, and answers 401 (Pipedrive's reconnect screen) when the tokens can no longer be
//! refreshed.

use crate::demo_app;
use crate::temp_db;

use demo_app::{DemoConfig, NOT_INSTALLED, PANEL_PATH, Store};
use pdx::axum::Router;
use pdx::testing::fake::{Entity, FieldType};
use pdx::testing::{FakePipedrive, PipedriveRequest};

/// The demo's configuration for the fake, with its token store at `database_url`.
fn demo_config(fake: &FakePipedrive, database_url: &str) -> DemoConfig {
    let mut install = fake.install_config();
    install.database_url = database_url.to_owned();
    DemoConfig {
        install,
        ..DemoConfig::default()
    }
}

/// The fake, with deal 1 of company 42 and its user 7, and its "Invoice terms" custom field (keyed by the fake
/// as in no other company).
async fn fake() -> FakePipedrive {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    acme.add_user(7, "Ann Admin");
    acme.add_custom_field(Entity::Deal, "Invoice terms", FieldType::Varchar);
    acme.add(
        Entity::Deal,
        serde_json::json!({"title": "Deal 1", "custom_fields": {"Invoice terms": "Net 30"}}),
    );
    fake
}

async fn start(config: &DemoConfig) -> Router {
    let installations = demo_app::installations(config).await.expect("token store");
    let today = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).expect("a date");
    demo_app::router(config, Store::seeded(today).shared(), installations).expect("a valid app")
}

/// The `deal` field of the panel's first row for deal 1, as the installing user sees it.
async fn deal_shown(router: &Router, config: &DemoConfig) -> (u16, serde_json::Value) {
    let response = PipedriveRequest::get(PANEL_PATH)
        .details("deal", 1)
        .user(7)
        .company(42)
        .signed(config.client_secret())
        .send(router)
        .await;
    (response.status(), response.json())
}

#[tokio::test]
async fn the_panel_reads_the_deal_title_once_installed_and_after_a_restart() {
    let fake = fake().await;
    let (url, _file) = temp_db::temp_sqlite_url("demo-install");
    let config = demo_config(&fake, &url);
    let router = start(&config).await;

    let (status, body) = deal_shown(&router, &config).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"][0]["deal"], NOT_INSTALLED);

    // A Marketplace install: Pipedrive sends the browser to the callback with a code and no state of ours.
    let installed = fake.install_marketplace(&router, 42, 7).await;
    assert_eq!(installed.callback.status(), 200);
    let (status, body) = deal_shown(&router, &config).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"][0]["deal"], "Deal 1", "{body}");
    assert_eq!(
        body["data"][0]["terms"], "Net 30",
        "the custom field, found by its name"
    );
    assert_eq!(fake.token_requests("authorization_code"), 1);

    // A restart: a new process opens the same SQLite file.
    drop(router);
    let restarted = start(&config).await;
    let (_, body) = deal_shown(&restarted, &config).await;
    assert_eq!(body["data"][0]["deal"], "Deal 1", "{body}");
}

#[tokio::test]
async fn tokens_that_cannot_be_refreshed_answer_401_for_the_reconnect_screen() {
    let fake = fake().await;
    let config = demo_config(&fake, pdx::store::MEMORY_URL);
    let router = start(&config).await;
    fake.install(&router, 42, 7).await;
    fake.expire_access_tokens();
    fake.refuse_refreshes(true);
    let (status, body) = deal_shown(&router, &config).await;
    assert_eq!(status, 401, "{body}");
    assert!(
        body["error"]["title"].is_string(),
        "the panel's error state: {body}"
    );
}
