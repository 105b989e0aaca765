//! The setup of the entity and selection tests: a fake Pipedrive with company 42, user 7 (who installs) and
//! user 3, and the installation's client.

use pdx::api::Client;
use pdx::install::Installations;
use pdx::scope::Scope;
use pdx::testing::FakePipedrive;
use pdx::testing::fake::{FakeApp, Server};

/// The fake, with the app granted every scope (or `scopes` when given), and company 42's users.
pub(crate) async fn fake_with(scopes: Option<&[Scope]>) -> FakePipedrive {
    let app = match scopes {
        Some(scopes) => FakeApp::default().scopes(scopes.iter().cloned()),
        None => FakeApp::default(),
    };
    let fake = FakePipedrive::start_with(app).await;
    fake.company(42).add_user(7, "Ann Admin").add_user(3, "Bob");
    fake
}

/// Company 42's client, installed by user 7 (the in-memory token store); the install's requests forgotten.
pub(crate) async fn client_of(fake: &FakePipedrive) -> Client {
    let installations = Installations::connect(fake.install_config())
        .await
        .expect("connect");
    fake.install(&installations.routes::<()>(), 42, 7).await;
    let client = installations.client("42", "7").await.expect("client");
    fake.clear_requests();
    client
}

/// The API calls the fake got, as `METHOD /path?query`.
#[allow(dead_code, reason = "not every test file reads the calls")]
pub(crate) fn api_calls(fake: &FakePipedrive) -> Vec<String> {
    fake.requests()
        .iter()
        .filter(|r| matches!(r.server, Server::Api { .. }))
        .map(|r| {
            let query = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(r.query.iter())
                .finish();
            if query.is_empty() {
                format!("{} {}", r.method, r.path)
            } else {
                format!("{} {}?{query}", r.method, r.path)
            }
        })
        .collect()
}
