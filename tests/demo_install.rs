//! The demo installed from Pipedrive, against a local fake of Pipedrive's OAuth server and API: its panel says
//! when the company has not installed the app, shows the deal's title read through the API client once it has,
//! still knows the installation after a restart, and answers 401 (Pipedrive's reconnect screen) when the tokens
//! can no longer be refreshed.

#[path = "../examples/demo/app.rs"]
mod demo_app;
#[allow(dead_code)]
#[path = "common/fake_pipedrive.rs"]
mod fake_pipedrive;

use demo_app::{DemoConfig, NOT_INSTALLED, PANEL_PATH, Store};
use fake_pipedrive::{COMPANY_ID, FakePipedrive, GOOD_CODE, USER_ID};
use pdx::axum::Router;
use pdx::testing::PipedriveRequest;

fn demo_config(fake: &FakePipedrive, database_url: &str) -> DemoConfig {
    DemoConfig {
        install: fake_pipedrive::config(fake, database_url),
        ..DemoConfig::default()
    }
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
        .user(USER_ID)
        .company(COMPANY_ID)
        .signed(config.client_secret())
        .send(router)
        .await;
    (response.status(), response.json())
}

#[tokio::test]
async fn the_panel_reads_the_deal_title_once_installed_and_after_a_restart() {
    let fake = FakePipedrive::start().await;
    let (url, _file) = fake_pipedrive::temp_sqlite_url("demo-install");
    let config = demo_config(&fake, &url);
    let router = start(&config).await;

    let (status, body) = deal_shown(&router, &config).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"][0]["deal"], NOT_INSTALLED);

    // A Marketplace install: Pipedrive sends the browser to the callback with a code and no state of ours.
    let callback = PipedriveRequest::get("/oauth/callback")
        .param("code", GOOD_CODE)
        .send(&router)
        .await;
    assert_eq!(callback.status(), 200, "{}", callback.text());
    let (status, body) = deal_shown(&router, &config).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"][0]["deal"], "Deal 1", "{body}");
    assert_eq!(fake.with(|r| r.code_exchanges), 1);

    // A restart: a new process opens the same SQLite file.
    drop(router);
    let restarted = start(&config).await;
    let (_, body) = deal_shown(&restarted, &config).await;
    assert_eq!(body["data"][0]["deal"], "Deal 1", "{body}");
}

#[tokio::test]
async fn tokens_that_cannot_be_refreshed_answer_401_for_the_reconnect_screen() {
    let fake = FakePipedrive::start().await;
    let (url, _file) = fake_pipedrive::temp_sqlite_url("demo-reconnect");
    let config = demo_config(&fake, &url);
    let router = start(&config).await;
    let callback = PipedriveRequest::get("/oauth/callback")
        .param("code", GOOD_CODE)
        .send(&router)
        .await;
    assert_eq!(callback.status(), 200, "{}", callback.text());
    fake.expire_all_tokens();
    fake.with(|r| r.refuse_refresh = true);
    let (status, body) = deal_shown(&router, &config).await;
    assert_eq!(status, 401, "{body}");
    assert!(
        body["error"]["title"].is_string(),
        "the panel's error state: {body}"
    );
}
