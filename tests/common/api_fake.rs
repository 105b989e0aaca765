//! The API tests' setting on the library fake (`pdx::testing::FakePipedrive`): company 42 with users 7 (Ann, who
//! installs) and 8 (Bob), deals 1 to 9 titled `Deal <id>`, and the app installed into it.

// Each test file uses its part.
#![allow(dead_code)]

use pdx::api::ApiSettings;
use pdx::install::Installations;
use pdx::scope::Scope;
use pdx::testing::FakePipedrive;
use pdx::testing::fake::{Answer, Entity, FakeApp, Server};
use serde_json::{Value, json};

/// The company the app is installed in, and the user who installs it.
pub(crate) const COMPANY_ID: &str = "42";
pub(crate) const USER_ID: &str = "7";

/// The fake with company 42 (users 7 and 8, deals 1 to 9), granting every scope.
pub(crate) async fn fake() -> FakePipedrive {
    seeded(FakePipedrive::start().await)
}

/// [`fake`], its app granting these scopes (`base,deals:full`, as a token answer's `scope` lists them).
pub(crate) async fn fake_granting(scopes: &str) -> FakePipedrive {
    let app = FakeApp::default().scopes(scopes.split(',').map(Scope::parse));
    seeded(FakePipedrive::start_with(app).await)
}

fn seeded(fake: FakePipedrive) -> FakePipedrive {
    let acme = fake.company(42);
    acme.add_user(7, "Ann Admin").add_user(8, "Bob");
    for id in 1..=9 {
        let added = acme.add(
            Entity::Deal,
            json!({"title": format!("Deal {id}"), "value": 1000, "currency": "EUR"}),
        );
        assert_eq!(added, id, "deals are numbered from 1");
    }
    fake
}

/// The app's installations (in-memory store, `settings`), installed by user 7 of company 42.
pub(crate) async fn installed(fake: &FakePipedrive, settings: ApiSettings) -> Installations {
    let installations = Installations::connect(fake.install_config())
        .await
        .expect("connect")
        .with_api_settings(settings);
    install(fake, &installations, 7).await;
    installations
}

/// Installs the app for `user` of company 42 (who starts at the app).
pub(crate) async fn install(fake: &FakePipedrive, installations: &Installations, user: u64) {
    fake.install(&installations.routes::<()>(), 42, user).await;
}

/// The next call of `call` (`GET /api/v2/deals/1`) answers `status` with these headers and `body`.
pub(crate) fn script(
    fake: &FakePipedrive,
    call: &str,
    status: u16,
    headers: &[(&str, &str)],
    body: Value,
) {
    let answer = headers
        .iter()
        .fold(Answer::json(status, body), |answer, (name, value)| {
            answer.header(name, value)
        });
    fake.answer_next(call, 1, answer);
}

/// API calls the fake got.
pub(crate) fn api_requests(fake: &FakePipedrive) -> usize {
    fake.requests()
        .iter()
        .filter(|r| matches!(r.server, Server::Api { .. }))
        .count()
}
