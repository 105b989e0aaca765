//! Errors that name what failed, against a fake Pipedrive: each refusal Pipedrive answers becomes its own
//! `ApiError`, named by method and path, with no refresh and no retry where neither can help, and the panel
//! error or modal error a handler's `?` gives.

use crate::api_fake;

use api_fake::{COMPANY_ID, USER_ID, script};
use axum::http::StatusCode;
use pdx::api::{ApiCall, ApiError, ApiSettings, Client, Method, RetryPolicy};
use pdx::modal::GlobalError;
use pdx::panel::PanelError;
use pdx::scope::Scope;
use pdx::testing::FakePipedrive;
use pdx::testing::fake::Answer;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::Duration;

async fn client_of(fake: &FakePipedrive) -> Client {
    let settings = ApiSettings::new().retry(RetryPolicy {
        default_wait: Duration::from_millis(50),
        ..RetryPolicy::default()
    });
    api_fake::installed(fake, settings)
        .await
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client")
}

async fn started(scope: &str) -> FakePipedrive {
    api_fake::fake_granting(scope).await
}

/// Spec row 7: 403 "Scope and URL mismatch" is `ScopeMismatch`: no refresh, no retry, reinstall.
#[tokio::test]
async fn scope_mismatch_is_named_and_neither_refreshed_nor_retried() {
    let fake = started("base,deals:full").await;
    let client = client_of(&fake).await;
    script(
        &fake,
        "GET /api/v2/deals/1",
        403,
        &[],
        json!({"success": false, "error": "Scope and URL mismatch", "errorCode": 403,
               "error_info": "Please check developers.pipedrive.com"}),
    );
    let error = client.deal(1).await.expect_err("403");
    assert_eq!(
        error,
        ApiError::ScopeMismatch {
            call: "GET /api/v2/deals/1".into()
        }
    );
    assert_eq!(fake.requests_to("/api/v2/deals/1").len(), 1, "no retry");
    assert_eq!(fake.token_requests("refresh_token"), 0, "no refresh");
    assert!(error.needs_reconnect());
    assert_eq!(error.status(), StatusCode::UNAUTHORIZED);
    let text = error.to_string();
    assert!(
        text.contains("Scope and URL mismatch") && text.contains("install the app again"),
        "{text}"
    );
    let panel = serde_json::to_value(PanelError::from(error)).expect("json");
    assert_eq!(panel["error"]["title"], "The app needs more access");
}

/// Spec row 8: a 403 that is not JSON (Cloudflare's page) is `Blocked`, without a retry or a JSON error.
#[tokio::test]
async fn a_403_html_page_is_blocked() {
    let fake = started("base,deals:full").await;
    let client = client_of(&fake).await;
    fake.answer_next("GET /api/v2/deals/1", 1, Answer::cloudflare_block());
    let error = client.deal(1).await.expect_err("403");
    assert_eq!(
        error,
        ApiError::Blocked {
            call: "GET /api/v2/deals/1".into()
        }
    );
    assert_eq!(fake.requests_to("/api/v2/deals/1").len(), 1, "no retry");
    assert_eq!(error.status(), StatusCode::BAD_GATEWAY);
}

/// Spec row 9: a 403 with a plan-capping `code` is `Forbidden` with the code.
#[tokio::test]
async fn a_permission_403_is_forbidden_with_its_code() {
    let fake = started("base,deals:full").await;
    let client = client_of(&fake).await;
    script(
        &fake,
        "PATCH /api/v2/deals/1",
        403,
        &[],
        json!({"success": false, "error": "You have reached the limit of open deals",
               "code": "feature_capping_deals_limit"}),
    );
    let error = client
        .update_deal(1, &json!({"title": "x"}))
        .await
        .expect_err("403");
    assert_eq!(
        error,
        ApiError::Forbidden {
            call: "PATCH /api/v2/deals/1".into(),
            message: "You have reached the limit of open deals".into(),
            code: Some("feature_capping_deals_limit".into()),
        }
    );
    assert!(
        !error.needs_reconnect(),
        "a permission 403 is not a scope 403"
    );
    assert_eq!(error.status(), StatusCode::FORBIDDEN);
    assert_eq!(fake.token_requests("refresh_token"), 0);
    let panel = serde_json::to_value(PanelError::from(error.clone())).expect("json");
    assert_eq!(panel["error"]["title"], "Not allowed in Pipedrive");
    let modal = serde_json::to_value(GlobalError::from(error)).expect("json");
    assert!(
        modal.to_string().contains(
            "PATCH /api/v2/deals/1: Pipedrive does not allow it (feature_capping_deals_limit)"
        ),
        "{modal}"
    );
}

fn webhook_call() -> ApiCall<Value> {
    ApiCall::raw(Method::POST, "/api/v1/webhooks")
        .scopes([Scope::WebhooksFull, Scope::Admin])
        .body(
            json!({"subscription_url": "https://app.example/hooks", "event_action": "change",
                     "event_object": "deal", "name": "deals", "version": "2.0"}),
        )
}

/// Spec row 11: creating a webhook: 201 parsed; 422 is `WebhookLimit`; 400 is `Validation` with its fields.
#[tokio::test]
async fn webhook_answers_created_limit_and_validation() {
    let fake = started("base,webhooks:full").await;
    let client = client_of(&fake).await;
    let created = client.call(webhook_call()).await.expect("201");
    let made = fake.company(42).webhooks();
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(created["id"], made[0].id);
    assert_eq!(created["event_object"], "deal");

    script(
        &fake,
        "POST /api/v1/webhooks",
        422,
        &[],
        json!({"success": false, "error": "Webhooks limit reached"}),
    );
    let limit = client.call(webhook_call()).await.expect_err("422");
    assert_eq!(
        limit,
        ApiError::WebhookLimit {
            call: "POST /api/v1/webhooks".into(),
            message: "Webhooks limit reached".into()
        }
    );
    assert!(limit.to_string().contains("40 per user"), "{limit}");

    script(
        &fake,
        "POST /api/v1/webhooks",
        400,
        &[],
        json!({"status": "error", "success": false,
               "errors": {"subscription_url": ["invalid or non-reachable URL"]}}),
    );
    let invalid = client.call(webhook_call()).await.expect_err("400");
    let ApiError::Validation {
        call,
        status,
        message,
        errors,
    } = &invalid
    else {
        panic!("{invalid:?}");
    };
    assert_eq!((call.as_str(), *status), ("POST /api/v1/webhooks", 400));
    assert_eq!(message, "subscription_url: invalid or non-reachable URL");
    assert_eq!(
        errors,
        &BTreeMap::from([(
            "subscription_url".to_owned(),
            vec!["invalid or non-reachable URL".to_owned()]
        )])
    );
    assert_eq!(
        fake.requests_to("/api/v1/webhooks").len(),
        3,
        "a POST is sent once each"
    );
}

/// Spec row 12: deleting a webhook: `message` and `errors` bodies read.
#[tokio::test]
async fn webhook_delete_errors_are_readable() {
    let fake = started("base,webhooks:full").await;
    let client = client_of(&fake).await;
    let id = client.call(webhook_call()).await.expect("201")["id"]
        .as_u64()
        .expect("an id");
    let path = format!("/api/v1/webhooks/{id}");
    // Pipedrive answers a deleted webhook with no `data`.
    let delete = || {
        ApiCall::<Option<Value>>::raw(Method::DELETE, path.as_str()).scopes([Scope::WebhooksFull])
    };
    script(
        &fake,
        &format!("DELETE {path}"),
        403,
        &[],
        json!({"success": false, "message": "Forbidden"}),
    );
    assert_eq!(
        client.call(delete()).await.expect_err("403"),
        ApiError::Forbidden {
            call: format!("DELETE {path}"),
            message: "Forbidden".into(),
            code: None
        }
    );
    script(
        &fake,
        &format!("DELETE {path}"),
        404,
        &[],
        json!({"status": "error", "success": false, "errors": {"id": ["not found"]}}),
    );
    assert_eq!(
        client.call(delete()).await.expect_err("404"),
        ApiError::NotFound {
            call: format!("DELETE {path}"),
            message: "id: not found".into()
        }
    );
    assert_eq!(client.call(delete()).await.expect("deleted"), None);
    assert!(fake.company(42).webhooks().is_empty());
}

/// 402, 410, 415: each named; a 5xx is retried for a GET, never for a POST.
#[tokio::test]
async fn other_statuses_and_retries_of_server_errors() {
    let fake = started("base,deals:full").await;
    let client = client_of(&fake).await;
    let body = |e: &str| json!({"success": false, "error": e});
    script(
        &fake,
        "GET /api/v2/deals/1",
        402,
        &[],
        body("Company account is not open"),
    );
    assert!(matches!(
        client.deal(1).await,
        Err(ApiError::PaymentRequired { message, .. }) if message == "Company account is not open"
    ));
    script(&fake, "GET /api/v2/deals/1", 410, &[], body("Gone"));
    assert!(matches!(client.deal(1).await, Err(ApiError::Gone { .. })));
    script(
        &fake,
        "GET /api/v2/deals/1",
        415,
        &[],
        body("Feature not enabled"),
    );
    let unsupported = client.deal(1).await.expect_err("415");
    assert_eq!(
        unsupported.to_string(),
        "GET /api/v2/deals/1: Pipedrive answered HTTP 415: Feature not enabled"
    );

    script(&fake, "GET /api/v2/deals/2", 503, &[], body("Maintenance"));
    assert_eq!(client.deal(2).await.expect("retried").id, 2);
    assert_eq!(fake.requests_to("/api/v2/deals/2").len(), 2);
    assert_eq!(client.stats().retries, 1);

    script(
        &fake,
        "POST /api/v1/webhooks",
        500,
        &[],
        body("Internal error"),
    );
    let call = webhook_call().scopes([Scope::DealsFull]);
    let failed = client.call(call).await.expect_err("500");
    assert!(
        matches!(failed, ApiError::Status { status: 500, .. }),
        "{failed:?}"
    );
    assert_eq!(
        fake.requests_to("/api/v1/webhooks").len(),
        1,
        "a POST is never sent twice"
    );
}

/// Error texts name the call by method and path: never the host, the query string or a token.
#[tokio::test]
async fn error_texts_hold_no_host_query_or_token() {
    let fake = started("base,deals:full").await;
    let client = client_of(&fake).await;
    script(
        &fake,
        "GET /api/v2/deals",
        400,
        &[],
        json!({"success": false, "error": "bad filter"}),
    );
    let error = client
        .call(
            ApiCall::<Value>::raw(Method::GET, "/api/v2/deals")
                .query("term", "secret-term")
                .scopes([Scope::DealsRead]),
        )
        .await
        .expect_err("400");
    let text = error.to_string();
    assert_eq!(
        text,
        "GET /api/v2/deals: Pipedrive refused the input (HTTP 400): bad filter"
    );
    let api_domain = fake.company(42).api_domain();
    let access_token = fake.installation(42, 7).expect("installed").access_token;
    for leak in [
        api_domain.as_str(),
        "secret-term",
        access_token.as_str(),
        "127.0.0.1",
    ] {
        assert!(
            !text.contains(leak) && !format!("{error:?}").contains(leak),
            "{leak}"
        );
    }
}

/// Spec row 21: an `api_domain` with a trailing slash makes no `//` in request paths.
#[tokio::test]
async fn trailing_slash_of_the_api_domain() {
    let fake = started("base,deals:full").await;
    fake.set_api_domain_trailing_slash(42, true);
    let client = client_of(&fake).await;
    assert!(client.api_domain().ends_with('/'));
    assert_eq!(client.deal(3).await.expect("deal").id, 3);
    assert_eq!(fake.requests_to("/api/v2/deals/3").len(), 1);
    assert!(fake.requests().iter().all(|s| !s.path.starts_with("//")));
}

/// The extension statuses of the errors that are not Pipedrive's answers.
#[test]
fn statuses_of_the_apps_own_mistakes() {
    let invalid = ApiError::InvalidCall {
        call: "GET /api/v2/deals/{id}".into(),
        reason: "the path parameter `id` was not given".into(),
    };
    assert_eq!(invalid.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let budget = ApiError::DailyBudgetExhausted {
        call: "GET /api/v2/deals/1".into(),
        retry_after: Some(Duration::from_secs(60)),
    };
    assert_eq!(budget.status(), StatusCode::SERVICE_UNAVAILABLE);
    let panel = serde_json::to_value(PanelError::from(budget)).expect("json");
    assert_eq!(panel["error"]["title"], "API limit reached for today");
}
