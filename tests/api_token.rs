//! API-token access for private apps and scripts, against a fake Pipedrive: the `x-api-token` header (never
//! the query string), no refresh, no scope refusal, the API-token burst limit, the same typed calls.

use crate::api_fake;

use pdx::api::{ApiError, ApiSettings, Client, RetryPolicy};
use pdx::testing::FakePipedrive;
use pdx::testing::fake::{Entity, REDACTED, Server};
use serde_json::json;
use std::time::Duration;

const TOKEN: &str = "0f6c2b1e9d8a7f6e5d4c3b2a19081726354a5b6c";

/// The fake (company 42 with users 7 and 8, deals 1 to 9), user 7's personal API token and the company's API
/// domain.
async fn fake_with_token() -> (FakePipedrive, String, String) {
    let fake = api_fake::fake().await;
    let acme = fake.company(42);
    (fake.clone(), acme.api_token(7), acme.api_domain())
}

#[tokio::test]
async fn typed_calls_send_the_token_in_its_header_only() {
    let (fake, token, domain) = fake_with_token().await;
    let client = Client::from_api_token(&token, &domain).expect("client");
    assert_eq!(client.deal(5).await.expect("deal").title, "Deal 5");
    assert_eq!(client.me().await.expect("me").id, 7);
    assert_eq!(client.user(8).await.expect("no scopes apply").id, 8);
    let seen: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| matches!(r.server, Server::Api { .. }))
        .collect();
    assert_eq!(seen.len(), 3);
    for request in &seen {
        // The fake redacts the token it records; that it knew the caller proves the token it got was user 7's.
        assert_eq!(request.caller, Some((42, 7)), "{request:?}");
        assert_eq!(request.header("x-api-token"), Some(REDACTED), "{request:?}");
        assert_eq!(
            request.header("authorization"),
            None,
            "no Authorization header"
        );
        assert!(
            request
                .query
                .iter()
                .all(|(k, v)| !k.contains("token") && !v.contains(&token)),
            "never in the URL: {request:?}"
        );
    }
    assert_eq!(
        (
            client.company_id(),
            client.user_id(),
            client.granted_scopes()
        ),
        (None, None, None)
    );
    assert_eq!(client.stats().requests, 3);
}

#[tokio::test]
async fn a_refused_token_is_unauthorized_without_refresh() {
    let (fake, _token, domain) = fake_with_token().await;
    let client = Client::from_api_token("not-the-token", &domain).expect("client");
    let error = client.deal(1).await.expect_err("401");
    assert_eq!(error, ApiError::Unauthorized);
    assert_eq!(fake.requests_to("/api/v2/deals/1").len(), 1, "sent once");
    assert_eq!(fake.token_requests("refresh_token"), 0);
}

#[tokio::test]
async fn the_token_is_a_secret() {
    let client = Client::from_api_token(TOKEN, "https://acme.pipedrive.com").expect("client");
    let debug = format!("{client:?}");
    assert!(
        !debug.contains(TOKEN) && debug.contains("<redacted>"),
        "{debug}"
    );
    assert_eq!(client.api_domain(), "https://acme.pipedrive.com");
    for (token, domain) in [
        ("", "acme"),
        ("tok en", "acme"),
        ("token\n", "acme\n.x"),
        (TOKEN, "http://acme.pipedrive.com"),
        (TOKEN, "https://acme.pipedrive.com/api/v1"),
    ] {
        let error = Client::from_api_token(token, domain).expect_err("refused");
        assert!(matches!(error, ApiError::InvalidCall { .. }), "{error:?}");
        assert!(!error.to_string().contains(TOKEN), "{error}");
    }
}

/// The API-token burst limit (Lite: 20 per 2 s) applies before Pipedrive states one: 25 calls at once
/// against a fake allowing 20 get no 429.
#[tokio::test]
async fn api_token_burst_limit_by_default() {
    let (fake, token, domain) = fake_with_token().await;
    let acme = fake.company(42);
    acme.set_burst_limit(20);
    // 25 different deals: identical concurrent reads would be joined into one call.
    for id in 10..=25 {
        assert_eq!(
            acme.add(Entity::Deal, json!({"title": format!("Deal {id}")})),
            id
        );
    }
    let policy = RetryPolicy {
        max_wait: Duration::from_secs(5),
        ..RetryPolicy::default()
    };
    let client = Client::from_api_token_with(&token, &domain, ApiSettings::new().retry(policy))
        .expect("client");
    let calls: Vec<_> = (1..=25)
        .map(|id| {
            let client = client.clone();
            tokio::spawn(async move { client.deal(id).await })
        })
        .collect();
    for call in calls {
        call.await.expect("task").expect("deal");
    }
    let answered_429 = fake.requests().iter().filter(|r| r.status == 429).count();
    assert_eq!(answered_429, 0);
    assert_eq!(fake.requests_to("/api/v2/deals/{id}").len(), 25);
    let stats = client.stats();
    assert_eq!((stats.throttled, stats.rate_limited), (5, 0));
}
