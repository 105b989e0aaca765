//! Webhooks for apps against the fake Pipedrive: install creates the declared webhooks with the installation's
//! Basic credentials; a delivery reaches its handler once, even redelivered to a second instance; wrong or
//! missing credentials answer 401 and reach nothing; the answer does not wait for the handler; the reconcile
//! restores a webhook Pipedrive removed; the app's own uninstall deletes them; more than 40 are refused.

use pdx::App;
use pdx::auth::PipedriveUser;
use pdx::axum::Router;
use pdx::axum::body::Body;
use pdx::axum::extract::State;
use pdx::axum::http::{Request, StatusCode, header};
use pdx::credentials::BasicCredentials;
use pdx::install::Installations;
use pdx::store::{MemoryStore, TokenStore};
use pdx::testing::FakePipedrive;
use pdx::testing::fake::Entity;
use pdx::webhooks::{DealEvent, EventAction, EventObject, WebhookEvent, Webhooks};
use serde_json::json;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};
use tower::ServiceExt as _;

const PUBLIC_URL: &str = "https://app.example";
const RECEIVER: &str = "/pipedrive/webhooks";

/// What the handlers tell the test: each run, and (for the slow one) a gate to wait on.
#[derive(Clone)]
struct Probe {
    runs: mpsc::UnboundedSender<String>,
    gate: Arc<Mutex<Option<tokio::sync::oneshot::Receiver<()>>>>,
}

/// Reports the event id, the new stage and who the installation is.
async fn on_deal_change(
    State(probe): State<Probe>,
    user: PipedriveUser,
    event: WebhookEvent<DealEvent>,
) {
    let gate = probe.gate.lock().await.take();
    if let Some(gate) = gate {
        let _ = gate.await;
    }
    let stage = event.data.and_then(|d| d.stage_id).unwrap_or_default();
    let _ = probe.runs.send(format!(
        "{} stage {stage} for {}/{}",
        event.meta.id,
        user.company_id(),
        user.user_id()
    ));
}

async fn app(fake: &FakePipedrive, store: Arc<dyn TokenStore>) -> (App<Probe>, Installations) {
    let installations = Installations::new(fake.install_config(), store).expect("installations");
    let app = App::with_installations(installations.clone())
        .name("Webhook test")
        .public_url(PUBLIC_URL)
        .webhooks(Webhooks::at(RECEIVER).on(
            EventAction::Change,
            EventObject::Deal,
            on_deal_change,
        ));
    (app, installations)
}

struct Setup {
    fake: FakePipedrive,
    router: Router,
    installations: Installations,
    store: Arc<dyn TokenStore>,
    runs: mpsc::UnboundedReceiver<String>,
    probe: Probe,
}

async fn setup() -> Setup {
    let fake = FakePipedrive::start().await;
    fake.company(42).add_user(7, "Ann");
    fake.company(42).add(
        Entity::Deal,
        json!({"id": 3, "title": "Deal 3", "stage_id": 2}),
    );
    let store: Arc<dyn TokenStore> = Arc::new(MemoryStore::new());
    let (app, installations) = app(&fake, store.clone()).await;
    let (tx, runs) = mpsc::unbounded_channel();
    let probe = Probe {
        runs: tx,
        gate: Arc::default(),
    };
    let router = app.into_router().expect("app").with_state(probe.clone());
    fake.install(&router, 42, 7).await;
    Setup {
        fake,
        router,
        installations,
        store,
        runs,
        probe,
    }
}

#[tokio::test]
async fn install_creates_the_declared_webhooks_with_the_installations_credentials() {
    let s = setup().await;
    let webhooks = s.fake.company(42).webhooks();
    assert_eq!(webhooks.len(), 1, "{webhooks:#?}");
    let w = &webhooks[0];
    assert_eq!(
        (w.event_action.as_str(), w.event_object.as_str()),
        ("change", "deal")
    );
    assert_eq!(w.version, "2.0");
    assert_eq!(w.kind, "application");
    assert_eq!(w.subscription_url, format!("{PUBLIC_URL}{RECEIVER}"));
    assert_eq!(w.name, "Webhook test change.deal");
    assert_eq!(w.http_auth_user.as_deref(), Some("pdx.42.7"));
    let password = w.http_auth_password.clone().unwrap_or_default();
    assert!(password.len() >= 40, "a random password: {password}");
    // Stored encrypted per installation, readable by the app only.
    assert_eq!(
        s.store.webhook_secret("42", "7").await.expect("store"),
        Some(password)
    );
}

#[tokio::test]
async fn a_delivery_reaches_its_handler_once_even_redelivered_to_a_second_instance() {
    let mut s = setup().await;
    let event = s
        .fake
        .company(42)
        .update(Entity::Deal, 3, json!({"stage_id": 3}));
    let sent = s.fake.deliver_to(&s.router, 42, &event).await;
    assert_eq!(sent.len(), 1);
    assert!(sent[0].succeeded(), "{:?}", sent[0].status);
    let id = sent[0].body["meta"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let first = s.runs.recv().await.expect("handler ran");
    assert_eq!(first, format!("{id} stage 3 for 42/7"));

    // Pipedrive retries (attempt 2) to this instance, and (attempt 3) to a second one on the same store.
    let again = s.fake.redeliver_to(&s.router, &sent[0]).await;
    assert_eq!(again.status, Some(200));
    let (second_app, _) = app(&s.fake, s.store.clone()).await;
    let second = second_app
        .into_router()
        .expect("app")
        .with_state(s.probe.clone());
    let third = s.fake.redeliver_to(&second, &again).await;
    assert_eq!(third.attempt(), 3);
    assert_eq!(third.status, Some(200));

    // A new event still gets through; the retries ran nothing before it.
    let later = s
        .fake
        .company(42)
        .update(Entity::Deal, 3, json!({"stage_id": 4}));
    let sent = s.fake.deliver_to(&second, 42, &later).await;
    assert!(sent[0].succeeded());
    let next = s.runs.recv().await.expect("handler ran");
    assert!(next.ends_with("stage 4 for 42/7"), "{next}");
    assert!(s.runs.try_recv().is_err());
}

/// A delivery to the receiver with this `Authorization` header (or none).
async fn post(router: &Router, authorization: Option<String>) -> StatusCode {
    let body = json!({"meta": {"action": "change", "entity": "deal", "entity_id": "3", "id": "e1",
        "company_id": "42", "user_id": "7", "webhook_id": "1", "timestamp": "2026-05-04T09:15:02.318Z"},
        "data": {"id": 3, "stage_id": 9}, "previous": {"stage_id": 2}});
    let mut request = Request::post(RECEIVER).header(header::CONTENT_TYPE, "application/json");
    if let Some(value) = authorization {
        request = request.header(header::AUTHORIZATION, value);
    }
    let request = request.body(Body::from(body.to_string())).expect("request");
    router
        .clone()
        .oneshot(request)
        .await
        .expect("answer")
        .status()
}

#[tokio::test]
async fn wrong_or_missing_credentials_answer_401_and_reach_nothing() {
    let mut s = setup().await;
    let real = s.fake.company(42).webhooks()[0].clone();
    let password = real.http_auth_password.unwrap_or_default();
    let wrong = [
        None,
        Some("Bearer x".to_owned()),
        Some(BasicCredentials::new("pdx.42.7", "guess").header_value()),
        Some(BasicCredentials::new("pdx.42.8", &password).header_value()),
        Some(BasicCredentials::new("pdx.1.7", &password).header_value()),
        Some(BasicCredentials::new("admin", &password).header_value()),
    ];
    for authorization in wrong {
        assert_eq!(
            post(&s.router, authorization.clone()).await,
            StatusCode::UNAUTHORIZED,
            "{authorization:?}"
        );
    }
    let counts = s.store.counts().await.expect("counts");
    tokio::task::yield_now().await;
    assert!(
        s.runs.try_recv().is_err(),
        "a refused delivery ran a handler"
    );
    // The right credentials pass, so the refusals above were for the credentials.
    let right = BasicCredentials::new("pdx.42.7", &password).header_value();
    assert_eq!(post(&s.router, Some(right)).await, StatusCode::OK);
    assert_eq!(s.runs.recv().await.expect("ran"), "e1 stage 9 for 42/7");
    assert_eq!(s.store.counts().await.expect("counts"), counts);
}

#[tokio::test]
async fn the_delivery_is_answered_before_a_slow_handler_finishes() {
    let mut s = setup().await;
    let (release, gate) = tokio::sync::oneshot::channel();
    *s.probe.gate.lock().await = Some(gate);
    let event = s
        .fake
        .company(42)
        .update(Entity::Deal, 3, json!({"stage_id": 5}));
    let sent = s.fake.deliver_to(&s.router, 42, &event).await;
    assert_eq!(sent[0].status, Some(200));
    tokio::task::yield_now().await;
    assert!(s.runs.try_recv().is_err(), "the handler is still waiting");
    release.send(()).expect("handler waits");
    let done = s.runs.recv().await.expect("handler finished");
    assert!(done.ends_with("stage 5 for 42/7"), "{done}");
}

#[tokio::test]
async fn the_reconcile_restores_a_webhook_pipedrive_removed() {
    let s = setup().await;
    let acme = s.fake.company(42);
    let id = acme.webhooks()[0].id;
    acme.remove_webhook(id, "banned");
    assert!(acme.webhooks().is_empty());
    let done = s
        .installations
        .reconcile_webhooks("42", "7")
        .await
        .expect("reconcile");
    assert_eq!((done.kept, done.created), (0, 1));
    let restored = acme.webhooks();
    assert_eq!(restored.len(), 1);
    assert_ne!(restored[0].id, id);
    assert_eq!(restored[0].http_auth_user.as_deref(), Some("pdx.42.7"));
    // Nothing missing: nothing created.
    let done = s
        .installations
        .reconcile_webhooks("42", "7")
        .await
        .expect("reconcile");
    assert_eq!((done.kept, done.created), (1, 0));
    // The background pass visits every installation.
    acme.remove_webhook(restored[0].id, "3 days of failures");
    assert_eq!(s.installations.reconcile_all_webhooks().await, 1);
    assert_eq!(acme.webhooks().len(), 1);
}

#[tokio::test]
async fn the_apps_own_uninstall_deletes_its_webhooks_first() {
    let s = setup().await;
    assert_eq!(s.fake.company(42).webhooks().len(), 1);
    s.installations.revoke("42", "7").await.expect("revoke");
    assert!(s.fake.company(42).webhooks().is_empty());
    assert_eq!(s.fake.requests_to("DELETE /api/v1/webhooks/{id}").len(), 1);
    assert_eq!(
        s.store.webhook_secret("42", "7").await.expect("store"),
        None
    );
}

#[tokio::test]
async fn a_failed_create_does_not_fail_the_install_and_the_reconcile_retries() {
    let fake = FakePipedrive::start().await;
    fake.answer_next(
        "POST /api/v1/webhooks",
        1,
        pdx::testing::fake::Answer::status(500),
    );
    let store: Arc<dyn TokenStore> = Arc::new(MemoryStore::new());
    let (app, installations) = app(&fake, store).await;
    let (tx, _runs) = mpsc::unbounded_channel();
    let probe = Probe {
        runs: tx,
        gate: Arc::default(),
    };
    let router = app.into_router().expect("app").with_state(probe);
    let installed = fake.install(&router, 42, 7).await;
    assert_eq!(installed.installation.company_id, "42");
    assert!(fake.company(42).webhooks().is_empty());
    let done = installations
        .reconcile_webhooks("42", "7")
        .await
        .expect("reconcile");
    assert_eq!(done.created, 1);
}

async fn ignore(_event: WebhookEvent) {}

#[tokio::test]
async fn more_than_40_webhooks_or_missing_scopes_are_refused_by_the_check() {
    let fake = FakePipedrive::start().await;
    let installations = Installations::connect(fake.install_config())
        .await
        .expect("installations");
    let mut webhooks = Webhooks::at(RECEIVER);
    for i in 0..41 {
        webhooks = webhooks.on(
            EventAction::Create,
            EventObject::Other(format!("x{i}")),
            ignore,
        );
    }
    let app: App = App::with_installations(installations.clone())
        .public_url(PUBLIC_URL)
        .webhooks(webhooks);
    let problems = app.check().to_string();
    assert!(problems.contains("at most 40"), "{problems}");

    let registration =
        pdx::hub::Registration::new().scope(pdx::scope::Scope::ContactsRead, "to show the person");
    let app: App = App::with_installations(installations)
        .public_url(PUBLIC_URL)
        .registration(registration)
        .webhooks(Webhooks::at(RECEIVER).on(EventAction::Change, EventObject::Deal, ignore));
    let problems = app.check().to_string();
    assert!(problems.contains("webhook `change.deal`"), "{problems}");
    assert!(problems.contains("`change.deal` events"), "{problems}");
}
