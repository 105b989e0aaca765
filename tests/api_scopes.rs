//! Scopes at run time, against a fake Pipedrive: the installation's granted scopes (re-read on every refresh),
//! calls outside them refused before sending with the scope named, and the report of declared scopes against
//! the calls the app made (its scope ledger) and the endpoints it lists (`App::check`).

use crate::api_fake;

use api_fake::{COMPANY_ID, USER_ID};
use pdx::App;
use pdx::api::{ApiCall, ApiError, ApiSettings, Method, ScopeReport, endpoints};
use pdx::hub::Registration;
use pdx::install::Installations;
use pdx::scope::{Scope, ScopeSet};
use pdx::testing::FakePipedrive;
use pdx::testing::fake::Entity;
use serde_json::{Value, json};

/// The app installed by user 7 of company 42, granted `scope`; the company has persons 1 to 4.
async fn installed_with(scope: &str) -> (FakePipedrive, Installations) {
    let fake = api_fake::fake_granting(scope).await;
    for id in 1..=4 {
        fake.company(42).add(
            Entity::Person,
            json!({"id": id, "name": format!("Person {id}")}),
        );
    }
    let installations = api_fake::installed(&fake, ApiSettings::new()).await;
    (fake, installations)
}

/// Spec row 20: the token answer's `scope` is the installation's `ScopeSet`; `deals:full` allows `deals:read`.
#[tokio::test]
async fn granted_scopes_come_from_the_token_answer() {
    let (_fake, installations) = installed_with("deals:full,webhooks:full,base").await;
    let client = installations
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client");
    let granted = client.granted_scopes().expect("an installation has scopes");
    assert_eq!(granted, ScopeSet::parse("base,deals:full,webhooks:full"));
    assert!(granted.allows(&Scope::DealsRead));
    assert_eq!(client.deal(1).await.expect("deals:read allowed").id, 1);
}

/// A call outside the granted scopes is refused before sending, naming the call and the scope.
#[tokio::test]
async fn call_outside_the_granted_scopes_is_refused_unsent() {
    let (fake, installations) = installed_with("base,deals:read").await;
    let client = installations
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client");
    let error = client.person(3).await.expect_err("contacts:read missing");
    assert_eq!(
        error,
        ApiError::MissingScope {
            call: "GET /api/v2/persons/3".into(),
            needed: vec![Scope::ContactsRead],
            granted: ScopeSet::parse("base,deals:read"),
        }
    );
    assert!(
        fake.requests_to("/api/v2/persons/3").is_empty(),
        "nothing sent"
    );
    let text = error.to_string();
    assert!(
        text.starts_with("GET /api/v2/persons/3 needs the scope `contacts:read`")
            && text.contains("it has `base,deals:read`")
            && text.contains("nothing was sent"),
        "{text}"
    );
    let write = client
        .update_deal(1, &json!({"title": "x"}))
        .await
        .expect_err("deals:read does not write");
    assert!(
        matches!(&write, ApiError::MissingScope { needed, .. } if needed == &[Scope::DealsFull]),
        "{write:?}"
    );
    let raw = ApiCall::<Value>::raw(Method::GET, "/api/v1/activityTypes")
        .scopes([Scope::ActivitiesRead, Scope::ActivitiesFull]);
    let refused = client.call(raw).await.expect_err("declared scopes");
    assert!(
        refused
            .to_string()
            .contains("one of `activities:read`, `activities:full`"),
        "{refused}"
    );
    assert_eq!(client.stats().missing_scope, 3);
    assert_eq!(client.stats().requests, 0);
}

/// Scopes are re-read on every refresh: added scopes allow calls, removed ones refuse them.
#[tokio::test]
async fn refresh_brings_the_new_scopes() {
    let (fake, installations) = installed_with("base,deals:read").await;
    let client = installations
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client");
    assert!(matches!(
        client.person(1).await,
        Err(ApiError::MissingScope { .. })
    ));

    // The user reauthorized with the app's new scopes; the next refresh says so.
    fake.regrant(42, 7, [Scope::DealsRead, Scope::ContactsRead]);
    fake.expire_access_tokens();
    client.deal(1).await.expect("401, refreshed, retried");
    assert_eq!(fake.token_requests("refresh_token"), 1);
    assert_eq!(client.person(1).await.expect("contacts:read now").id, 1);
    let stored = installations
        .installation(COMPANY_ID, USER_ID)
        .await
        .expect("store")
        .expect("installed");
    assert_eq!(
        ScopeSet::parse(&stored.scope),
        ScopeSet::parse("base,deals:read,contacts:read"),
        "stored for other clients"
    );

    fake.regrant(42, 7, [Scope::ContactsRead]);
    fake.expire_access_tokens();
    client.person(2).await.expect("refreshed again");
    assert!(
        matches!(client.deal(2).await, Err(ApiError::MissingScope { .. })),
        "removed"
    );
}

/// Without a `scope` in the stored installation (unknown), pdx refuses nothing and Pipedrive decides.
#[tokio::test]
async fn unknown_grant_refuses_nothing() {
    let (fake, installations) = installed_with("base,contacts:read").await;
    // An installation stored without `scope` (as from a token answer that had none).
    let mut stored = installations
        .installation(COMPANY_ID, USER_ID)
        .await
        .expect("store")
        .expect("installed");
    stored.scope = String::new();
    installations
        .store()
        .put_installation(&stored)
        .await
        .expect("put");
    let client = installations
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client");
    assert_eq!(client.granted_scopes(), None);
    assert_eq!(client.person(4).await.expect("sent").id, 4);
    assert_eq!(fake.requests_to("/api/v2/persons/4").len(), 1);
}

/// The ledger of the calls made, against the declared scopes: used-but-undeclared, declared-but-unused,
/// broader than needed, and raw calls whose scope pdx cannot know.
#[tokio::test]
async fn report_of_the_calls_made() {
    let (_fake, installations) = installed_with("base,deals:full,contacts:read").await;
    let client = installations
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client");
    client.deal(1).await.expect("deal");
    client.deal(2).await.expect("the same endpoint");
    client.person(1).await.expect("person");
    client.me().await.expect("me");
    client
        .request::<Value>(Method::GET, "/api/v1/activityTypes/12", &[], None)
        .await
        .expect_err("the fake has no such route");
    let report = ScopeReport::of_calls(
        [Scope::DealsFull, Scope::ProductsRead],
        installations.scope_ledger(),
    );
    assert_eq!(
        report
            .undeclared
            .iter()
            .map(|n| n.what.as_str())
            .collect::<Vec<_>>(),
        ["GET /api/v2/persons/{id}"]
    );
    assert_eq!(report.unused, [Scope::ProductsRead]);
    assert_eq!(
        report.broader_than_needed,
        [(Scope::DealsFull, Scope::DealsRead)]
    );
    assert_eq!(report.unknown, ["GET /api/v1/activityTypes/{id}"]);
    assert!(!report.is_clean());

    let right = ScopeReport::of_calls(
        [Scope::DealsRead, Scope::ContactsRead],
        installations.scope_ledger(),
    );
    assert!(right.is_clean(), "{right}");
    right.assert_clean();
}

fn registration(scopes: &[Scope]) -> Registration {
    scopes.iter().fold(Registration::new(), |r, s| {
        r.scope(s.clone(), "the app's calls")
    })
}

fn scope_problems(app: &App) -> Vec<(String, String, bool)> {
    app.check()
        .iter()
        .filter(|p| {
            p.pointer
                .starts_with("/registration/oauth_and_access_scopes/scopes")
        })
        .map(|p| (p.pointer.clone(), p.message.clone(), p.is_error()))
        .collect()
}

/// `App::check` compares the endpoints the app lists with its declared scopes.
#[tokio::test]
async fn app_check_reports_the_listed_endpoints() {
    let (_fake, installations) = installed_with("base").await;
    let app = App::with_installations(installations)
        .registration(registration(&[Scope::DealsFull, Scope::ProductsRead]))
        .calls_api([&endpoints::DEAL, &endpoints::PERSON]);
    let problems = scope_problems(&app);
    assert!(
        problems.contains(&(
            "/registration/oauth_and_access_scopes/scopes".into(),
            "GET /api/v2/persons/{id} needs `contacts:read`, which the registration does not declare: add it with `Registration::scope`".into(),
            true
        )),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(|(at, m, error)| at
            == "/registration/oauth_and_access_scopes/scopes/1/scope"
            && m.starts_with("`products:read` is declared, but none of the calls")
            && !error),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|(at, m, _)| at.ends_with("/scopes/0/scope")
                && m.contains("need only `deals:read`")),
        "{problems:#?}"
    );
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

/// Without `calls_api`, `App::check` cannot know what the app calls: it reports nothing about scopes in use,
/// and `App::scope_report` compares with the calls made so far.
#[tokio::test]
async fn scope_report_of_an_app_after_its_tests() {
    let (_fake, installations) = installed_with("base,deals:read").await;
    let app = App::with_installations(installations.clone())
        .registration(registration(&[Scope::DealsRead, Scope::ContactsRead]));
    assert!(scope_problems(&app).is_empty());
    let client = installations
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client");
    client.deal(1).await.expect("deal");
    let report = app.scope_report();
    assert_eq!(report.unused, [Scope::ContactsRead]);
    let text = report.to_string();
    assert!(
        text.contains("- declared but unused: `contacts:read`"),
        "{text}"
    );
    let panic = std::panic::catch_unwind(|| report.assert_clean()).expect_err("not clean");
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        message.contains("the app's scopes do not match its calls"),
        "{message}"
    );
}
