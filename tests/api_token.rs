//! API-token access for private apps and scripts, against a fake Pipedrive: the `x-api-token` header (never
//! the query string), no refresh, no scope refusal, the API-token burst limit, the same typed calls.

#[path = "common/fake_pipedrive.rs"]
#[allow(dead_code)]
mod fake;

use fake::FakePipedrive;
use pdx::api::{ApiError, ApiSettings, Client, RetryPolicy};
use std::time::Duration;

const TOKEN: &str = "0f6c2b1e9d8a7f6e5d4c3b2a19081726354a5b6c";

async fn fake_with_token() -> FakePipedrive {
    let fake = FakePipedrive::start().await;
    fake.with(|r| {
        r.api_tokens.insert(TOKEN.to_owned());
    });
    fake
}

#[tokio::test]
async fn typed_calls_send_the_token_in_its_header_only() {
    let fake = fake_with_token().await;
    let client = Client::from_api_token(TOKEN, &fake.url).expect("client");
    assert_eq!(client.deal(5).await.expect("deal").title, "Deal 5");
    assert_eq!(client.me().await.expect("me").id, 7);
    assert_eq!(client.user(3).await.expect("no scopes apply").id, 3);
    let seen = fake.with(|r| r.seen.clone());
    assert_eq!(seen.len(), 3);
    for request in &seen {
        assert_eq!(request.api_token.as_deref(), Some(TOKEN), "{request:?}");
        assert!(!request.bearer, "no Authorization header");
        assert!(!request.query.contains(TOKEN), "never in the URL");
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
    let fake = fake_with_token().await;
    let client = Client::from_api_token("not-the-token", &fake.url).expect("client");
    let error = client.deal(1).await.expect_err("401");
    assert_eq!(error, ApiError::Unauthorized);
    assert_eq!(fake.requests_to("/api/v2/deals/1").len(), 1, "sent once");
    assert_eq!(fake.with(|r| r.refreshes), 0);
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
    let fake = fake_with_token().await;
    fake.with(|r| r.burst_limit = Some(20));
    let policy = RetryPolicy {
        max_wait: Duration::from_secs(5),
        ..RetryPolicy::default()
    };
    let client = Client::from_api_token_with(TOKEN, &fake.url, ApiSettings::new().retry(policy))
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
    assert_eq!(fake.with(|r| r.burst_429s), 0);
    let stats = client.stats();
    assert_eq!((stats.throttled, stats.rate_limited), (5, 0));
}
