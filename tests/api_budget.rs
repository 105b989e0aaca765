//! The customer's API budget, against a fake Pipedrive with Pipedrive's rate-limit headers and burst window:
//! 429s waited out (`Retry-After`, `x-ratelimit-reset`, neither), a spent daily budget failing fast, and bursts
//! throttled before Pipedrive answers 429. Times are asserted only as "at least the documented wait".

use crate::api_fake;

use api_fake::{COMPANY_ID, USER_ID, api_requests, script};
use pdx::api::{ApiError, ApiSettings, BurstLimits, Client, RetryPolicy};
use pdx::testing::FakePipedrive;
use serde_json::json;
use std::time::{Duration, Instant};

async fn client_with(fake: &FakePipedrive, settings: ApiSettings) -> Client {
    api_fake::installed(fake, settings)
        .await
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client")
}

/// Reads these deals at once, each call its own task; every one must succeed.
async fn deals_at_once(client: &Client, ids: std::ops::RangeInclusive<u64>) {
    let calls: Vec<_> = ids
        .map(|id| {
            let client = client.clone();
            tokio::spawn(async move { client.deal(id).await })
        })
        .collect();
    for call in calls {
        call.await
            .expect("task")
            .expect("no error reaches the caller");
    }
}

fn over_limit() -> serde_json::Value {
    json!({"success": false, "error": "Request over limit", "errorCode": 429})
}

/// API calls the fake answered 429 (its burst window; these tests script no 429 where they count them).
fn answered_429(fake: &FakePipedrive) -> usize {
    fake.requests().iter().filter(|r| r.status == 429).count()
}

/// Spec row 4: a 429 with `x-ratelimit-reset: 1` and no `Retry-After`: wait at least 1 s, retry once, succeed.
#[tokio::test]
async fn reset_header_is_waited_out() {
    let fake = api_fake::fake().await;
    let client = client_with(&fake, ApiSettings::new()).await;
    script(
        &fake,
        "GET /api/v2/deals/1",
        429,
        &[("x-ratelimit-reset", "1"), ("x-ratelimit-remaining", "0")],
        over_limit(),
    );
    let started = Instant::now();
    assert_eq!(client.deal(1).await.expect("after the 429").id, 1);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited the reset"
    );
    assert_eq!(fake.requests_to("/api/v2/deals/1").len(), 2);
    let stats = client.stats();
    assert_eq!((stats.rate_limited, stats.retries, stats.calls), (1, 1, 1));
}

/// Spec row 5: `Retry-After: 2` is honoured within `max_wait`; a longer one fails at once with `RateLimited`,
/// and the token's other calls fail at once too until then, without a request.
#[tokio::test]
async fn retry_after_within_max_wait_else_fail_fast() {
    let fake = api_fake::fake().await;
    let policy = RetryPolicy {
        max_wait: Duration::from_secs(3),
        ..RetryPolicy::default()
    };
    let client = client_with(&fake, ApiSettings::new().retry(policy)).await;
    script(
        &fake,
        "GET /api/v2/deals/1",
        429,
        &[("retry-after", "2")],
        over_limit(),
    );
    let started = Instant::now();
    assert_eq!(client.deal(1).await.expect("after Retry-After").id, 1);
    assert!(started.elapsed() >= Duration::from_secs(2));

    script(
        &fake,
        "GET /api/v2/deals/2",
        429,
        &[("retry-after", "30")],
        over_limit(),
    );
    let started = Instant::now();
    let error = client.deal(2).await.expect_err("30 s is too long");
    assert_eq!(
        error,
        ApiError::RateLimited {
            call: "GET /api/v2/deals/2".into(),
            retry_after: Some(Duration::from_secs(30))
        }
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "did not wait 30 s"
    );
    let before = api_requests(&fake);
    let blocked = client.deal(3).await.expect_err("the token waits 30 s");
    assert!(
        matches!(&blocked, ApiError::RateLimited { retry_after: Some(d), .. } if *d > Duration::from_secs(25)),
        "{blocked:?}"
    );
    assert_eq!(api_requests(&fake), before, "nothing sent");
    assert_eq!(client.stats().failed_fast, 1);
}

/// A 429 with neither header: the policy's default wait, with jitter (at least the default, at most 1.5×).
#[tokio::test]
async fn no_header_means_the_default_wait() {
    let fake = api_fake::fake().await;
    let policy = RetryPolicy {
        default_wait: Duration::from_millis(400),
        ..RetryPolicy::default()
    };
    let client = client_with(&fake, ApiSettings::new().retry(policy)).await;
    script(&fake, "GET /api/v2/deals/1", 429, &[], over_limit());
    let started = Instant::now();
    assert_eq!(client.deal(1).await.expect("retried").id, 1);
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(client.stats().retries, 1);
}

/// Spec row 6: a 429 saying the daily budget is spent: no retry, `DailyBudgetExhausted`; the company's next
/// calls fail at once without a request.
#[tokio::test]
async fn spent_daily_budget_fails_fast() {
    let fake = api_fake::fake().await;
    let client = client_with(&fake, ApiSettings::new()).await;
    script(
        &fake,
        "GET /api/v2/deals/1",
        429,
        &[
            ("x-daily-ratelimit-token-remaining", "0"),
            ("retry-after", "1"),
        ],
        over_limit(),
    );
    let error = client.deal(1).await.expect_err("spent");
    assert!(
        matches!(&error, ApiError::DailyBudgetExhausted { call, .. } if call == "GET /api/v2/deals/1"),
        "{error:?}"
    );
    assert_eq!(fake.requests_to("/api/v2/deals/1").len(), 1, "no retry");
    let again = client.deal(2).await.expect_err("still spent");
    assert!(matches!(again, ApiError::DailyBudgetExhausted { .. }));
    assert!(fake.requests_to("/api/v2/deals/2").is_empty(), "no request");
    assert!(again.to_string().contains("resets at midnight"), "{again}");
    let stats = client.stats();
    assert_eq!(
        (stats.requests, stats.failed_fast, stats.retries),
        (1, 1, 0)
    );
}

/// A budget known from the headers to be below a call's cost refuses it before sending.
#[tokio::test]
async fn known_budget_below_the_cost_refuses_before_sending() {
    let fake = api_fake::fake().await;
    let client = client_with(&fake, ApiSettings::new()).await;
    // A budget of 12 from now on (the install's `/users/me` is yesterday's).
    fake.company(42).set_daily_budget(12).reset_daily_budget();
    assert_eq!(client.deal(1).await.expect("1 token").id, 1);
    let info = client.rate_limit().expect("headers read");
    assert_eq!(info.daily_token_remaining, Some(11));
    // A list costs 10 (11 left); the next list would need 10 of the 1 left.
    client.deals(&[1]).await.expect("10 tokens");
    let refused = client.deals(&[2]).await.expect_err("1 token left");
    assert!(
        matches!(refused, ApiError::DailyBudgetExhausted { .. }),
        "{refused:?}"
    );
    assert_eq!(fake.requests_to("GET /api/v2/deals").len(), 1, "not sent");
    assert_eq!(client.stats().tokens_spent, 11);
}

/// A burst over the token's limit is throttled before Pipedrive answers 429: no 429 reaches the caller, none
/// is even sent, and the calls over the limit waited for room.
#[tokio::test]
async fn throttled_burst_gets_no_429() {
    let fake = api_fake::fake().await;
    fake.company(42).set_burst_limit(5);
    let burst = BurstLimits {
        oauth: 5,
        ..BurstLimits::default()
    };
    let policy = RetryPolicy {
        max_wait: Duration::from_secs(5),
        ..RetryPolicy::default()
    };
    let client = client_with(&fake, ApiSettings::new().burst_limits(burst).retry(policy)).await;
    let started = Instant::now();
    let calls = (1..=8).map(|id| {
        let client = client.clone();
        tokio::spawn(async move { client.deal(id).await })
    });
    for call in calls.collect::<Vec<_>>() {
        call.await
            .expect("task")
            .expect("no error reaches the caller");
    }
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "the last 3 waited for the window"
    );
    let stats = client.stats();
    assert_eq!(answered_429(&fake), 0, "no request over Pipedrive's limit");
    // The install's `/users/me` took one place in the window: 4 of the 8 waited.
    assert_eq!(
        (stats.rate_limited, stats.throttled, stats.requests),
        (0, 4, 8)
    );
    assert!(stats.throttle_wait >= Duration::from_secs(8));
}

/// The limit Pipedrive states (`x-ratelimit-limit`) replaces the default: a burst after the first answer
/// stays under it.
#[tokio::test]
async fn stated_limit_is_learned_from_the_headers() {
    let fake = api_fake::fake().await;
    fake.company(42).set_burst_limit(4);
    let policy = RetryPolicy {
        max_wait: Duration::from_secs(5),
        ..RetryPolicy::default()
    };
    let client = client_with(&fake, ApiSettings::new().retry(policy)).await;
    client.deal(1).await.expect("first");
    assert_eq!(client.rate_limit().and_then(|i| i.limit), Some(4));
    deals_at_once(&client, 2..=7).await;
    assert_eq!(answered_429(&fake), 0);
    assert_eq!(client.stats().rate_limited, 0);
    assert!(client.stats().throttled >= 3);
}

/// A burst wait longer than the policy allows fails at once with `RateLimited`, sending nothing.
#[tokio::test]
async fn a_wait_longer_than_max_wait_fails_fast() {
    let fake = api_fake::fake().await;
    // The fake states the same limit in its headers (a stated limit replaces the configured one).
    fake.company(42).set_burst_limit(3);
    let burst = BurstLimits {
        oauth: 3, // the install's `/users/me` and two calls
        ..BurstLimits::default()
    };
    let policy = RetryPolicy {
        max_wait: Duration::from_millis(500),
        ..RetryPolicy::default()
    };
    let client = client_with(&fake, ApiSettings::new().burst_limits(burst).retry(policy)).await;
    client.deal(1).await.expect("1");
    client.deal(2).await.expect("2");
    let error = client
        .deal(3)
        .await
        .expect_err("the window is full for 2 s");
    assert!(
        matches!(&error, ApiError::RateLimited { retry_after: Some(d), .. } if *d > Duration::from_secs(1)),
        "{error:?}"
    );
    assert!(fake.requests_to("/api/v2/deals/3").is_empty());
    assert_eq!(client.stats().failed_fast, 1);
}
