//! The API tests' setting on the library fake (`pdx::testing::FakePipedrive`): company 42 with users 7 (Ann, who
//! installs) and 8 (Bob), deals 1 to 9 titled `Deal <id>`, and the app installed into it.

// Each test file uses its part.
#![allow(dead_code)]

use pdx::api::ApiSettings;
use pdx::install::Installations;
use pdx::testing::FakePipedrive;
use pdx::testing::fake::Entity;
use serde_json::json;

/// The company the app is installed in, and the user who installs it.
pub(crate) const COMPANY_ID: &str = "42";
pub(crate) const USER_ID: &str = "7";

/// The fake with company 42 (users 7 and 8, deals 1 to 9).
pub(crate) async fn fake() -> FakePipedrive {
    let fake = FakePipedrive::start().await;
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
