//! The demo's webhook against `pdx::testing::FakePipedrive`: installing creates its `change.deal` webhook, and
//! after Pipedrive delivers a deal change the invoices panel says what changed, without an API call for it.

use crate::demo_app;

use demo_app::{DemoConfig, PANEL_PATH, Store};
use pdx::testing::fake::Entity;
use pdx::testing::{FakePipedrive, PipedriveRequest};

#[tokio::test]
async fn the_panel_shows_what_the_latest_deal_change_event_said() {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    acme.add_user(7, "Ann Admin");
    acme.add(
        Entity::Deal,
        serde_json::json!({"title": "Deal 1", "stage_id": 2}),
    );
    let config = DemoConfig {
        install: fake.install_config(),
        ..DemoConfig::default()
    };
    let installations = demo_app::installations(&config).await.expect("token store");
    let today = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).expect("a date");
    let router = demo_app::router(&config, Store::seeded(today).shared(), installations)
        .expect("a valid app");
    fake.install_marketplace(&router, 42, 7).await;

    let webhooks = acme.webhooks();
    assert_eq!(webhooks.len(), 1, "{webhooks:#?}");
    assert_eq!(
        (
            webhooks[0].event_action.as_str(),
            webhooks[0].event_object.as_str()
        ),
        ("change", "deal")
    );
    assert_eq!(
        webhooks[0].subscription_url,
        "https://invoices.example.com/pipedrive/webhooks"
    );

    let event = acme.update(Entity::Deal, 1, serde_json::json!({"stage_id": 3}));
    let sent = fake.deliver_to(&router, 42, &event.by_user(7)).await;
    assert_eq!(sent[0].status, Some(200));
    let timestamp = sent[0].body["meta"]["timestamp"]
        .as_str()
        .unwrap_or_default();
    let at = pdx::webhooks::EventTime::parse(timestamp).expect("a timestamp");

    // The handler runs after the answer: give it its turn, then read the panel.
    let mut shown = serde_json::Value::Null;
    let mut reads = 0;
    for _ in 0..100 {
        reads += 1;
        let body = PipedriveRequest::get(PANEL_PATH)
            .details("deal", 1)
            .user(7)
            .company(42)
            .signed(config.client_secret())
            .send(&router)
            .await
            .json();
        shown = body["data"][0]["latest_change"].clone();
        if !shown.is_null() {
            break;
        }
        tokio::task::yield_now().await;
    }
    assert_eq!(
        shown,
        format!("Stage changed 2 → 3 by user 7 at {at}"),
        "the panel's latest change"
    );
    // The panel read the deal's title through the API; the change came from the event alone.
    assert!(fake.requests_to("GET /api/v2/deals/{id}").len() <= reads);
    assert!(fake.requests_to("GET /api/v1/deals/{id}").is_empty());
}
