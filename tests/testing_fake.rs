//! `pdx::testing::FakePipedrive`, the fake of Pipedrive's OAuth server and API, against Pipedrive's documented
//! wire format: OAuth codes, tokens and errors; pagination; `ids` limits; per-company custom field keys;
//! scopes; rate limits and their headers; scripted answers and latency; webhooks and deliveries; the one-call
//! installs.

use pdx::install::{InstallOrigin, Installations, Installed};
use pdx::scope::Scope;
use pdx::testing::FakePipedrive;
use pdx::testing::fake::{
    Answer, CLIENT_ID, CLIENT_SECRET, Entity, FakeApp, FakeEvent, FieldType, Plan, REDACTED, Server,
};
use reqwest::Method;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// An answer read whole.
struct Reply {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Value,
    text: String,
}

impl Reply {
    async fn read(response: reqwest::Response) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Self {
            status,
            headers,
            body,
            text,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    #[track_caller]
    fn ok(&self) -> &Value {
        assert!(
            (200..300).contains(&self.status),
            "status {}: {}",
            self.status,
            self.text
        );
        assert_eq!(self.body["success"], true, "{}", self.text);
        &self.body
    }
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Raw calls to one company's API with one credential.
struct Raw {
    base: String,
    header: (&'static str, String),
}

impl Raw {
    fn bearer(base: String, token: &str) -> Self {
        Self {
            base,
            header: ("authorization", format!("Bearer {token}")),
        }
    }

    fn api_token(base: String, token: String) -> Self {
        Self {
            base,
            header: ("x-api-token", token),
        }
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut request = http()
            .request(method, format!("{}{path}", self.base))
            .header(self.header.0, &self.header.1);
        if let Some(body) = body {
            request = request.json(&body);
        }
        Reply::read(request.send().await.expect("the fake answers")).await
    }

    async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }
}

/// A POST to the fake's `/oauth/token` with the app's Basic credentials (or `basic`).
async fn token_call(fake: &FakePipedrive, form: &[(&str, &str)], basic: (&str, &str)) -> Reply {
    let response = http()
        .post(format!("{}/oauth/token", fake.oauth_url()))
        .basic_auth(basic.0, Some(basic.1))
        .form(form)
        .send()
        .await
        .expect("the fake answers");
    Reply::read(response).await
}

/// Pipedrive's consent for the logged-in user: the code (and state) sent back to the callback.
async fn consent(fake: &FakePipedrive, state: Option<&str>) -> (u16, Vec<(String, String)>) {
    let mut url = format!(
        "{}/oauth/authorize?client_id={CLIENT_ID}&redirect_uri={}",
        fake.oauth_url(),
        pdx::testing::fake::CALLBACK_URL
    );
    if let Some(state) = state {
        url.push_str(&format!("&state={state}"));
    }
    let response = http().get(url).send().await.expect("the fake answers");
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let query = location.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let params = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    (status, params)
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Tokens for the logged-in user, through consent and a code exchange.
async fn tokens(fake: &FakePipedrive) -> Value {
    let (_, params) = consent(fake, None).await;
    let code = param(&params, "code").expect("a code").to_owned();
    let reply = token_call(
        fake,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", pdx::testing::fake::CALLBACK_URL),
        ],
        (CLIENT_ID, CLIENT_SECRET),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    reply.body
}

/// A raw OAuth caller of company 42, user 7.
async fn oauth_caller(fake: &FakePipedrive) -> (Raw, Value) {
    fake.log_in(42, 7);
    let answer = tokens(fake).await;
    let base = answer["api_domain"]
        .as_str()
        .expect("api_domain")
        .to_owned();
    let raw = Raw::bearer(base, answer["access_token"].as_str().expect("token"));
    (raw, answer)
}

#[tokio::test]
async fn authorization_codes_are_single_use_and_the_token_answer_is_pipedrives() {
    let fake = FakePipedrive::start_with(FakeApp::default().scopes([Scope::DealsFull])).await;
    fake.log_in(42, 7);
    let (status, params) = consent(&fake, Some("st-1")).await;
    assert_eq!(status, 302);
    assert_eq!(param(&params, "state"), Some("st-1"));
    let code = param(&params, "code").expect("code").to_owned();
    let exchange = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", pdx::testing::fake::CALLBACK_URL),
    ];
    let wrong_secret = token_call(&fake, &exchange, (CLIENT_ID, "nope")).await;
    assert_eq!(wrong_secret.status, 400);
    assert_eq!(wrong_secret.body["error"], "invalid_client");
    let first = token_call(&fake, &exchange, (CLIENT_ID, CLIENT_SECRET)).await;
    assert_eq!(first.status, 200, "{}", first.text);
    assert_eq!(first.body["token_type"], "bearer");
    assert_eq!(first.body["scope"], "deals:full,base");
    assert_eq!(first.body["expires_in"], 3600);
    assert_eq!(first.body["api_domain"], fake.company(42).api_domain());
    assert!(
        first.body["access_token"]
            .as_str()
            .is_some_and(|t| t.starts_with("v1u:"))
    );
    let again = token_call(&fake, &exchange, (CLIENT_ID, CLIENT_SECRET)).await;
    assert_eq!(again.status, 400);
    assert_eq!(
        again.body,
        json!({"success": false, "message": "Invalid grant: authorization code is invalid", "error": "invalid_grant"})
    );

    let (_, params) = consent(&fake, None).await;
    let code = param(&params, "code").expect("code").to_owned();
    let mut other_uri = exchange;
    other_uri[1].1 = &code;
    other_uri[2].1 = "https://evil.example/cb";
    let refused = token_call(&fake, &other_uri, (CLIENT_ID, CLIENT_SECRET)).await;
    assert_eq!(refused.body["error"], "invalid_request", "{}", refused.text);

    let (_, params) = consent(&fake, None).await;
    fake.expire_codes();
    let code = param(&params, "code").expect("code").to_owned();
    let mut expired = exchange;
    expired[1].1 = &code;
    let refused = token_call(&fake, &expired, (CLIENT_ID, CLIENT_SECRET)).await;
    assert_eq!(
        refused.body["message"],
        "Invalid grant: authorization code has expired"
    );

    let unsupported = token_call(
        &fake,
        &[("grant_type", "password")],
        (CLIENT_ID, CLIENT_SECRET),
    )
    .await;
    assert_eq!(unsupported.body["error"], "unsupported_grant_type");
    assert_eq!(fake.token_requests("authorization_code"), 5);
}

#[tokio::test]
async fn consent_declined_and_foreign_redirect_uris() {
    let fake = FakePipedrive::start().await;
    fake.decline_next_consent(1);
    let (status, params) = consent(&fake, Some("s")).await;
    assert_eq!(status, 302);
    assert_eq!(param(&params, "error"), Some("user_denied"));
    assert_eq!(param(&params, "code"), None);
    assert_eq!(param(&params, "state"), Some("s"));
    let foreign = http()
        .get(format!(
            "{}/oauth/authorize?client_id={CLIENT_ID}&redirect_uri=https://evil.example/cb",
            fake.oauth_url()
        ))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        foreign.status(),
        400,
        "never redirects to an unregistered URI"
    );
    assert!(foreign.headers().get("location").is_none());
}

#[tokio::test]
async fn refresh_keeps_the_refresh_token_and_api_tokens_exchange_once() {
    let fake = FakePipedrive::start().await;
    let (raw, answer) = oauth_caller(&fake).await;
    let refresh_token = answer["refresh_token"].as_str().expect("refresh token");
    fake.expire_access_tokens();
    let expired = raw.get("/api/v1/users/me").await;
    assert_eq!(expired.status, 401);
    assert_eq!(expired.body["error"], "unauthorized access");
    assert_eq!(expired.body["success"], false);
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
    ];
    let refreshed = token_call(&fake, &form, (CLIENT_ID, CLIENT_SECRET)).await;
    assert_eq!(refreshed.status, 200, "{}", refreshed.text);
    assert_eq!(
        refreshed.body["refresh_token"], refresh_token,
        "the same refresh token"
    );
    assert_ne!(refreshed.body["access_token"], answer["access_token"]);
    let raw = Raw::bearer(
        raw.base,
        refreshed.body["access_token"].as_str().expect("token"),
    );
    assert_eq!(raw.get("/api/v1/users/me").await.ok()["data"]["id"], 7);

    fake.refuse_refreshes(true);
    let refused = token_call(&fake, &form, (CLIENT_ID, CLIENT_SECRET)).await;
    assert_eq!(
        refused.body["message"],
        "Invalid grant: refresh token is invalid"
    );
    assert_eq!(fake.token_requests("refresh_token"), 2);

    let api_token = fake.company(42).api_token(7);
    let exchange = [
        ("grant_type", "exchange_api_token"),
        ("api_token", api_token.as_str()),
    ];
    let exchanged = token_call(&fake, &exchange, (CLIENT_ID, CLIENT_SECRET)).await;
    assert_eq!(exchanged.status, 200, "{}", exchanged.text);
    let again = token_call(&fake, &exchange, (CLIENT_ID, CLIENT_SECRET)).await;
    assert_eq!(again.body["message"], "Invalid grant: api_token is invalid");
}

#[tokio::test]
async fn revoking_the_refresh_token_uninstalls() {
    let fake = FakePipedrive::start().await;
    let (raw, answer) = oauth_caller(&fake).await;
    assert!(fake.is_installed(42, 7));
    let created = raw
        .call(
            Method::POST,
            "/api/v1/webhooks",
            Some(webhook("https://app.example.test/h")),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let revoke = http()
        .post(format!("{}/oauth/revoke", fake.oauth_url()))
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[("token", answer["refresh_token"].as_str().expect("rt"))])
        .send()
        .await
        .expect("answers");
    assert_eq!(revoke.status(), 200);
    assert!(!fake.is_installed(42, 7));
    assert_eq!(raw.get("/api/v1/users/me").await.status, 401);
    assert!(
        fake.company(42).webhooks().is_empty(),
        "the app's webhooks go with it"
    );
    let unknown = http()
        .post(format!("{}/oauth/revoke", fake.oauth_url()))
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[("token", "never-issued")])
        .send()
        .await
        .expect("answers");
    assert_eq!(unknown.status(), 200, "RFC 7009");
}

#[tokio::test]
async fn tokens_work_only_at_their_companys_api_domain() {
    let fake = FakePipedrive::start().await;
    let (raw, _) = oauth_caller(&fake).await;
    let other = fake.company(43).api_domain();
    assert_ne!(other, raw.base);
    let elsewhere = Raw {
        base: other,
        header: raw.header.clone(),
    };
    assert_eq!(elsewhere.get("/api/v1/users/me").await.status, 401);
    let malformed = Raw {
        base: raw.base.clone(),
        header: ("authorization", "Token abc".to_owned()),
    };
    let reply = malformed.get("/api/v1/users/me").await;
    assert_eq!(reply.status, 400);
    assert!(
        reply.body["error"]
            .as_str()
            .is_some_and(|e| e.contains("malformed authorization header"))
    );
    let query_token = http()
        .get(format!(
            "{}/api/v1/users/me?api_token={}",
            raw.base,
            fake.company(42).api_token(7)
        ))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        query_token.status(),
        401,
        "the token goes in a header, never the URL"
    );
}

#[tokio::test]
async fn v2_lists_page_by_cursor_and_refuse_more_than_100_ids() {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    for n in 1..=250 {
        acme.add(Entity::Deal, json!({"title": format!("Deal {n}")}));
    }
    let (raw, _) = oauth_caller(&fake).await;
    let mut cursor: Option<String> = None;
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v2/deals?limit=100&cursor={c}"),
            None => "/api/v2/deals?limit=100".to_owned(),
        };
        let page = raw.get(&path).await;
        let body = page.ok();
        pages += 1;
        seen.extend(
            body["data"]
                .as_array()
                .expect("data")
                .iter()
                .map(|d| d["id"].as_u64().expect("id")),
        );
        match body["additional_data"]["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => {
                assert_eq!(body["additional_data"]["next_cursor"], Value::Null);
                break;
            }
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, (1..=250).collect::<Vec<u64>>());

    let ids: Vec<String> = (1..=101).map(|n| n.to_string()).collect();
    let too_many = raw
        .get(&format!("/api/v2/deals?ids={}", ids.join(",")))
        .await;
    assert_eq!(too_many.status, 400);
    assert_eq!(too_many.body["success"], false);
    assert!(
        too_many.body["errors"]["ids"][0]
            .as_str()
            .is_some_and(|m| m.contains("at most 100")),
        "{}",
        too_many.text
    );
    let hundred = raw
        .get(&format!(
            "/api/v2/deals?limit=500&ids={}",
            ids[..100].join(",")
        ))
        .await;
    assert_eq!(hundred.ok()["data"].as_array().map(Vec::len), Some(100));
    let picked = raw.get("/api/v2/deals?ids=3,1,999").await;
    let picked: Vec<&Value> = picked.body["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|d| &d["id"])
        .collect();
    assert_eq!(picked, [&json!(1), &json!(3)], "unknown ids are left out");

    assert!(raw.get("/api/v2/deals?limit=501").await.body["errors"]["limit"].is_array());
    assert_eq!(raw.get("/api/v2/deals?cursor=forged").await.status, 400);
    let desc = raw
        .get("/api/v2/deals?limit=1&sort_by=id&sort_direction=desc")
        .await;
    assert_eq!(desc.ok()["data"][0]["id"], 250);
}

#[tokio::test]
async fn filters_updated_since_archived_deals_and_v2_write_rules() {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    let (raw, _) = oauth_caller(&fake).await;
    let open = acme.add(Entity::Deal, json!({"title": "Open", "owner_id": 7}));
    let archived = acme.add(
        Entity::Deal,
        json!({"title": "Old", "update_time": "2020-01-01T00:00:00Z"}),
    );
    acme.archive(Entity::Deal, archived);
    let list = raw.get("/api/v2/deals").await;
    assert_eq!(
        list.ok()["data"].as_array().map(Vec::len),
        Some(1),
        "archived deals are left out"
    );
    let apart = raw.get("/api/v2/deals/archived").await;
    assert_eq!(apart.ok()["data"][0]["id"], archived);
    assert_eq!(
        raw.get(&format!("/api/v2/deals/{archived}")).await.ok()["data"]["is_archived"],
        true
    );
    let patch = raw
        .call(
            Method::PATCH,
            &format!("/api/v2/deals/{archived}"),
            Some(json!({"title": "x"})),
        )
        .await;
    assert_eq!(
        patch.status, 400,
        "archived deals cannot be edited: {}",
        patch.text
    );
    let since = raw
        .get("/api/v2/deals/archived?updated_since=2021-01-01T00:00:00Z")
        .await;
    assert_eq!(since.ok()["data"], json!([]));
    assert_eq!(
        raw.get("/api/v2/deals?updated_since=yesterday")
            .await
            .status,
        400
    );
    assert_eq!(
        raw.get("/api/v2/deals?owner_id=7").await.ok()["data"][0]["id"],
        open
    );
    assert_eq!(
        raw.get("/api/v2/deals?owner_id=8").await.ok()["data"],
        json!([])
    );

    let created = raw
        .call(
            Method::POST,
            "/api/v2/deals",
            Some(json!({"title": "New", "value": 10})),
        )
        .await;
    let created = created.ok()["data"].clone();
    assert_eq!(
        (created["status"].as_str(), created["owner_id"].as_u64()),
        (Some("open"), Some(7))
    );
    let missing = raw
        .call(Method::POST, "/api/v2/deals", Some(json!({"value": 10})))
        .await;
    assert_eq!(missing.body["errors"]["title"][0], "is required");
    let deleted = raw
        .call(Method::DELETE, &format!("/api/v2/deals/{open}"), None)
        .await;
    assert_eq!(deleted.ok()["data"], json!({"id": open}));
    assert_eq!(
        raw.get("/api/v2/deals?status=deleted").await.ok()["data"][0]["id"],
        open
    );
    assert_eq!(
        raw.get("/api/v2/deals/12345").await.body["error"],
        "Deal not found"
    );
}

#[tokio::test]
async fn custom_field_keys_differ_per_company() {
    let fake = FakePipedrive::start().await;
    let (acme, globex) = (fake.company(42), fake.company(43));
    acme.add_user(7, "Ann");
    globex.add_user(9, "Bob");
    let acme_key = acme.add_custom_field(Entity::Deal, "Invoice terms", FieldType::Varchar);
    let globex_key = globex.add_custom_field(Entity::Deal, "Invoice terms", FieldType::Varchar);
    for key in [&acme_key, &globex_key] {
        assert!(
            key.len() == 40 && key.bytes().all(|b| b.is_ascii_hexdigit()),
            "{key}"
        );
    }
    assert_ne!(acme_key, globex_key);
    let a = acme.add(
        Entity::Deal,
        json!({"title": "A", "custom_fields": {"Invoice terms": "Net 30"}}),
    );
    let g = globex.add(
        Entity::Deal,
        json!({"title": "G", "custom_fields": {"Invoice terms": "Net 60"}}),
    );
    let acme_api = Raw::api_token(acme.api_domain(), acme.api_token(7));
    let globex_api = Raw::api_token(globex.api_domain(), globex.api_token(9));
    for (api, id, key, terms) in [
        (&acme_api, a, &acme_key, "Net 30"),
        (&globex_api, g, &globex_key, "Net 60"),
    ] {
        let fields = api.get("/api/v2/dealFields").await;
        let custom: Vec<&Value> = fields.ok()["data"]
            .as_array()
            .expect("fields")
            .iter()
            .filter(|f| f["is_custom_field"] == true)
            .collect();
        assert_eq!(custom.len(), 1);
        assert_eq!(
            (
                custom[0]["field_name"].as_str(),
                custom[0]["field_code"].as_str()
            ),
            (Some("Invoice terms"), Some(key.as_str()))
        );
        assert_eq!(
            api.get(&format!("/api/v2/deals/{id}")).await.ok()["data"]["custom_fields"][key],
            terms
        );
        let one = api.get(&format!("/api/v2/dealFields/{key}")).await;
        assert_eq!(one.ok()["data"]["field_type"], "varchar");
    }
    let foreign = globex_api
        .call(
            Method::PATCH,
            &format!("/api/v2/deals/{g}"),
            Some(json!({"custom_fields": {acme_key.clone(): "Net 90"}})),
        )
        .await;
    assert_eq!(
        foreign.status, 400,
        "another company's key: {}",
        foreign.text
    );
    let at_root = acme_api
        .call(
            Method::PATCH,
            &format!("/api/v2/deals/{a}"),
            Some(json!({acme_key.clone(): "Net 90"})),
        )
        .await;
    assert!(
        at_root.body["errors"][&acme_key][0]
            .as_str()
            .is_some_and(|m| m.contains("under `custom_fields`"))
    );
    let written = acme_api
        .call(
            Method::PATCH,
            &format!("/api/v2/deals/{a}"),
            Some(json!({"custom_fields": {acme_key.clone(): "Net 90"}})),
        )
        .await;
    assert_eq!(written.ok()["data"]["custom_fields"][&acme_key], "Net 90");
    let selected = acme_api
        .get(&format!(
            "/api/v2/deals?custom_fields={}",
            vec![acme_key.as_str(); 16].join(",")
        ))
        .await;
    assert_eq!(selected.status, 400, "at most 15 custom field keys");
}

#[tokio::test]
async fn calls_outside_the_granted_scopes_answer_scope_and_url_mismatch() {
    let fake = FakePipedrive::start_with(FakeApp::default().scopes([Scope::DealsRead])).await;
    fake.company(42)
        .add(Entity::Deal, json!({"title": "Visible"}));
    let (raw, answer) = oauth_caller(&fake).await;
    assert_eq!(answer["scope"], "deals:read,base");
    assert_eq!(raw.get("/api/v2/deals").await.status, 200);
    assert_eq!(raw.get("/api/v2/dealFields").await.status, 200);
    assert_eq!(raw.get("/api/v1/users/me").await.status, 200, "base");
    for (method, path) in [
        (Method::POST, "/api/v2/deals"),
        (Method::GET, "/api/v2/persons"),
        (Method::GET, "/api/v2/itemSearch?term=vis"),
        (Method::GET, "/api/v1/webhooks"),
    ] {
        let reply = raw
            .call(method.clone(), path, Some(json!({"title": "x"})))
            .await;
        assert_eq!(reply.status, 403, "{method} {path}");
        assert_eq!(reply.body["error"], "Scope and URL mismatch");
        assert!(reply.header("x-ratelimit-limit").is_some());
    }
    let spent = fake.company(42).tokens_spent();
    assert_eq!(spent, 10 + 10 + 2, "refused calls spend nothing");
    let api_token = Raw::api_token(raw.base.clone(), fake.company(42).api_token(7));
    assert_eq!(
        api_token.get("/api/v2/persons").await.status,
        200,
        "no scopes apply to API tokens"
    );
}

#[tokio::test]
async fn burst_window_and_daily_budget_answer_429_with_headers() {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    acme.set_burst_limit(3);
    let (raw, _) = oauth_caller(&fake).await;
    let mut remaining = Vec::new();
    for _ in 0..3 {
        let reply = raw.get("/api/v2/deals/1").await;
        assert_eq!(reply.header("x-ratelimit-limit"), Some("3"));
        remaining.push(reply.header("x-ratelimit-remaining").map(str::to_owned));
        assert!(reply.header("x-daily-ratelimit-token-limit").is_some());
    }
    assert_eq!(
        remaining,
        [Some("2".into()), Some("1".into()), Some("0".into())]
    );
    let over = raw.get("/api/v2/deals/1").await;
    assert_eq!(over.status, 429);
    assert_eq!(over.body["error"], "Request over limit");
    assert_eq!(over.header("x-ratelimit-remaining"), Some("0"));
    assert!(
        over.header("x-ratelimit-reset")
            .is_some_and(|r| r == "1" || r == "2")
    );
    assert_eq!(
        over.header("retry-after"),
        None,
        "no Retry-After unless scripted"
    );
    fake.set_retry_after(Some(2));
    assert_eq!(
        raw.get("/api/v2/deals/1").await.header("retry-after"),
        Some("2")
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(
        raw.get("/api/v1/users/me").await.status,
        200,
        "the window rolled on"
    );

    let fresh = FakePipedrive::start().await;
    let budget = fresh.company(42);
    budget.set_daily_budget(12);
    let (raw, _) = oauth_caller(&fresh).await;
    let list = raw.get("/api/v2/deals").await;
    assert_eq!(list.header("x-daily-ratelimit-token-limit"), Some("12"));
    assert_eq!(list.header("x-daily-ratelimit-token-remaining"), Some("2"));
    let spent = raw.get("/api/v2/deals").await;
    assert_eq!(spent.status, 429);
    assert_eq!(spent.header("x-daily-ratelimit-token-remaining"), Some("0"));
    assert_eq!(
        raw.get("/api/v2/deals/1").await.status,
        404,
        "a 1-token call still fits"
    );
    assert_eq!(budget.tokens_spent(), 11);
    budget.reset_daily_budget();
    assert_eq!(raw.get("/api/v2/deals").await.status, 200);
}

#[tokio::test]
async fn search_has_its_own_burst_of_10_and_finds_by_term() {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    acme.add(
        Entity::Person,
        json!({"name": "Maria Tamm", "emails": [{"value": "maria@acme.test", "primary": true}]}),
    );
    acme.add(Entity::Deal, json!({"title": "Tamm renewal"}));
    let (raw, _) = oauth_caller(&fake).await;
    let found = raw.get("/api/v2/itemSearch?term=tamm").await;
    let items = found.ok()["data"]["items"]
        .as_array()
        .expect("items")
        .clone();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["item"]["type"], "deal");
    let person = raw
        .get("/api/v2/persons/search?term=maria@acme.test&exact_match=true")
        .await;
    assert_eq!(
        person.ok()["data"]["items"][0]["item"]["name"],
        "Maria Tamm"
    );
    assert_eq!(raw.get("/api/v2/itemSearch?term=t").await.status, 400);
    assert_eq!(
        raw.get("/api/v2/itemSearch?term=tamm&limit=101")
            .await
            .status,
        400
    );
    let mut statuses = Vec::new();
    // Four search calls so far, refused ones included: six more fill the window of 10.
    for _ in 0..6 {
        statuses.push(raw.get("/api/v2/itemSearch?term=tamm").await.status);
    }
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 0);
    let eleventh = raw.get("/api/v2/itemSearch?term=tamm").await;
    assert_eq!(
        (eleventh.status, eleventh.header("x-ratelimit-limit")),
        (429, Some("10"))
    );
    assert_eq!(
        raw.get("/api/v2/deals").await.status,
        200,
        "other calls have their own window"
    );
}

#[tokio::test]
async fn scripted_answers_and_latency() {
    let fake = FakePipedrive::start().await;
    let (raw, _) = oauth_caller(&fake).await;
    fake.answer_next("GET /api/v2/deals/{id}", 2, Answer::status(503));
    assert_eq!(raw.get("/api/v2/deals/1").await.status, 503);
    assert_eq!(raw.get("/api/v2/deals/2").await.status, 503);
    assert_eq!(
        raw.get("/api/v2/deals/1").await.status,
        404,
        "the fake's own answer again"
    );
    fake.answer_next("/api/v2/deals", 1, Answer::cloudflare_block());
    let blocked = raw.get("/api/v2/deals").await;
    assert_eq!(blocked.status, 403);
    assert!(
        blocked
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
    );
    assert!(blocked.text.contains("Cloudflare"));
    fake.answer_next("/api/v2/deals", 1, Answer::over_limit(Some(7)));
    let limited = raw.get("/api/v2/deals").await;
    assert_eq!(
        (limited.status, limited.header("retry-after")),
        (429, Some("7"))
    );
    fake.answer_next(
        "/api/v2/deals",
        1,
        Answer::forbidden("Open deals limit reached.", "feature_capping_deals_limit"),
    );
    assert_eq!(
        raw.get("/api/v2/deals").await.body["code"],
        "feature_capping_deals_limit"
    );
    fake.answer_next(
        "/api/v2/deals",
        1,
        Answer::json(201, json!({"custom": true})).header("x-test", "yes"),
    );
    let custom = raw.get("/api/v2/deals").await;
    assert_eq!(
        (custom.status, custom.header("x-test"), custom.body.clone()),
        (201, Some("yes"), json!({"custom": true}))
    );

    fake.set_latency(Duration::from_millis(150));
    let started = Instant::now();
    assert_eq!(raw.get("/api/v2/deals").await.status, 200);
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "at least the scripted latency"
    );
    fake.set_latency_of("/api/v2/deals", Duration::ZERO);
    fake.set_latency_of("/api/v2/deals/{id}", Duration::from_millis(300));
    let started = Instant::now();
    raw.get("/api/v2/deals/1").await;
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn requests_are_recorded_without_secrets() {
    let fake = FakePipedrive::start().await;
    let (raw, _) = oauth_caller(&fake).await;
    raw.call(
        Method::POST,
        "/api/v1/webhooks",
        Some(webhook("https://app.example.test/h")),
    )
    .await;
    let token = fake.requests_to("POST /oauth/token");
    assert_eq!(token.len(), 1);
    assert_eq!((token[0].server, token[0].status), (Server::OAuth, 200));
    assert_eq!(token[0].header("authorization"), Some(REDACTED));
    assert_eq!(token[0].body_field("code"), Some(REDACTED));
    assert_eq!(
        token[0].body_field("grant_type"),
        Some("authorization_code")
    );
    let created = fake.requests_to("/api/v1/webhooks");
    assert_eq!(created[0].server, Server::Api { company: 42 });
    assert_eq!(created[0].caller, Some((42, 7)));
    assert_eq!(created[0].route.as_deref(), Some("/api/v1/webhooks"));
    assert_eq!(
        created[0].body.as_ref().expect("body")["http_auth_password"],
        REDACTED
    );
    assert_eq!(
        created[0].body.as_ref().expect("body")["http_auth_user"],
        "pipedrive"
    );
    let everything = format!("{:?}", fake.requests());
    assert!(
        !everything.contains("s3cret") && !everything.contains("v1u:"),
        "{everything}"
    );
}

fn webhook(url: &str) -> Value {
    json!({
        "subscription_url": url, "event_action": "change", "event_object": "deal", "name": "Deal changes",
        "version": "2.0", "http_auth_user": "pipedrive", "http_auth_password": "s3cret",
    })
}

#[tokio::test]
async fn webhooks_are_created_listed_limited_and_deleted() {
    let fake = FakePipedrive::start().await;
    let (raw, _) = oauth_caller(&fake).await;
    let created = raw
        .call(
            Method::POST,
            "/api/v1/webhooks",
            Some(webhook("https://app.example.test/h")),
        )
        .await;
    assert_eq!(created.status, 201);
    let hook = created.ok()["data"].clone();
    assert_eq!(
        (hook["type"].as_str(), hook["version"].as_str()),
        (Some("application"), Some("2.0"))
    );
    assert_eq!(
        (hook["http_auth_user"].as_str(), hook["is_active"].as_i64()),
        (Some("pipedrive"), Some(1))
    );
    assert_eq!(
        hook["http_auth_password"],
        Value::Null,
        "never answered back"
    );
    assert_eq!(
        fake.company(42).webhooks()[0].http_auth_password.as_deref(),
        Some("s3cret")
    );
    let bad = raw
        .call(
            Method::POST,
            "/api/v1/webhooks",
            Some(json!({"subscription_url": "not a url"})),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        bad.body["errors"]["subscription_url"][0],
        "invalid or non-reachable URL"
    );
    for n in 2..=40 {
        let reply = raw
            .call(
                Method::POST,
                "/api/v1/webhooks",
                Some(webhook(&format!("https://app.example.test/{n}"))),
            )
            .await;
        assert_eq!(reply.status, 201, "webhook {n}");
    }
    let limit = raw
        .call(
            Method::POST,
            "/api/v1/webhooks",
            Some(webhook("https://app.example.test/41")),
        )
        .await;
    assert_eq!(limit.status, 422);
    assert_eq!(
        raw.get("/api/v1/webhooks").await.ok()["data"]
            .as_array()
            .map(Vec::len),
        Some(40)
    );

    let id = hook["id"].as_u64().expect("id");
    assert_eq!(
        raw.call(Method::DELETE, &format!("/api/v1/webhooks/{id}"), None)
            .await
            .body,
        json!({"status": "ok", "success": true})
    );
    let gone = raw
        .call(Method::DELETE, &format!("/api/v1/webhooks/{id}"), None)
        .await;
    assert_eq!(
        (gone.status, gone.body["errors"]["id"][0].as_str()),
        (404, Some("not found"))
    );

    let general = Raw::api_token(raw.base.clone(), fake.company(42).api_token(7));
    let own = general
        .call(
            Method::POST,
            "/api/v1/webhooks",
            Some(webhook("https://other.example.test/h")),
        )
        .await;
    assert_eq!(own.ok()["data"]["type"], "general");
    assert_eq!(
        raw.get("/api/v1/webhooks").await.ok()["data"]
            .as_array()
            .map(Vec::len),
        Some(39),
        "apps see their own"
    );
    assert_eq!(
        general.get("/api/v1/webhooks").await.ok()["data"]
            .as_array()
            .map(Vec::len),
        Some(40)
    );
    let second = fake.company(42).webhooks()[0].id;
    let forbidden = general
        .call(Method::DELETE, &format!("/api/v1/webhooks/{second}"), None)
        .await;
    assert_eq!(
        (forbidden.status, forbidden.body["message"].as_str()),
        (403, Some("Forbidden"))
    );

    let removed = fake
        .company(42)
        .remove_webhook(second, "banned")
        .expect("removed");
    assert_eq!(removed.remove_reason.as_deref(), Some("banned"));
    assert_eq!(
        raw.get("/api/v1/webhooks").await.ok()["data"]
            .as_array()
            .map(Vec::len),
        Some(38)
    );
    assert_eq!(fake.company(42).removed_webhooks().len(), 1);
}

/// A loopback receiver recording each delivery's `Authorization` header and body.
/// What a test receiver recorded: each delivery's `Authorization` header and body.
type Received = Arc<Mutex<Vec<(Option<String>, Value)>>>;

async fn receiver(status: u16) -> (String, Received) {
    use pdx::axum::{Json, Router, http::HeaderMap, routing::post};
    let seen: Received = Arc::default();
    let recorder = seen.clone();
    let app = Router::new().route(
        "/pipedrive/webhooks",
        post(move |headers: HeaderMap, Json(body): Json<Value>| {
            let recorder = recorder.clone();
            async move {
                let auth = headers
                    .get("authorization")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                recorder.lock().expect("lock").push((auth, body));
                pdx::axum::http::StatusCode::from_u16(status).expect("status")
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!(
        "http://{}/pipedrive/webhooks",
        listener.local_addr().expect("addr")
    );
    tokio::spawn(async move { pdx::axum::serve(listener, app).await });
    (url, seen)
}

#[tokio::test]
async fn deliveries_carry_basic_credentials_and_the_webhook_shape() {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    acme.set_name("Acme Oy", "acme");
    let amount = acme.add_custom_field(Entity::Deal, "Amount due", FieldType::Monetary);
    let terms = acme.add_custom_field_with_options(
        Entity::Deal,
        "Terms",
        FieldType::Enum,
        &["Net 30", "Net 60"],
    );
    let deal = acme.add(
        Entity::Deal,
        json!({"title": "Acme renewal", "update_time": "2026-05-02T11:40:10Z", "custom_fields": {"Terms": "Net 30"}}),
    );
    let (raw, _) = oauth_caller(&fake).await;
    let (url, seen) = receiver(200).await;
    let created = raw
        .call(Method::POST, "/api/v1/webhooks", Some(webhook(&url)))
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    raw.call(Method::POST, "/api/v1/webhooks", Some(json!({
        "subscription_url": url, "event_action": "delete", "event_object": "person", "name": "People gone"
    }))).await;

    let event = acme.update(
        Entity::Deal,
        deal,
        json!({"stage_id": 3, "custom_fields": {"Amount due": {"value": 2300, "currency": "EUR"}}}),
    );
    let deliveries = fake.deliver(42, &event).await;
    assert_eq!(deliveries.len(), 1, "only the matching webhook");
    assert_eq!(
        (deliveries[0].status, deliveries[0].attempt()),
        (Some(200), 1)
    );
    let (auth, body) = seen.lock().expect("lock")[0].clone();
    let expected = format!("Basic {}", base64_of("pipedrive:s3cret"));
    assert_eq!(auth.as_deref(), Some(expected.as_str()));
    let meta = &body["meta"];
    assert_eq!(
        (
            meta["action"].as_str(),
            meta["entity"].as_str(),
            meta["entity_id"].as_str()
        ),
        (
            Some("change"),
            Some("deal"),
            Some(deal.to_string().as_str())
        )
    );
    assert_eq!(
        (
            meta["company_id"].as_str(),
            meta["type"].as_str(),
            meta["version"].as_str()
        ),
        (Some("42"), Some("application"), Some("2.0"))
    );
    assert_eq!(
        (meta["host"].as_str(), meta["attempt"].as_u64()),
        (Some("acme.pipedrive.com"), Some(1))
    );
    assert!(
        meta["timestamp"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z') && t.contains('.'))
    );
    assert_eq!(body["data"]["stage_id"], 3);
    assert_eq!(
        body["data"]["custom_fields"][&amount],
        json!({"type": "monetary", "value": 2300, "currency": "EUR"})
    );
    let option = acme
        .option_id(Entity::Deal, "Terms", "Net 30")
        .expect("option");
    assert_eq!(
        body["data"]["custom_fields"][&terms],
        json!({"type": "enum", "id": option})
    );
    assert_eq!(
        body["previous"],
        json!({"stage_id": 1, "update_time": "2026-05-02T11:40:10Z", "custom_fields": {amount.clone(): null}}),
        "only the changed fields, a custom field that was empty as null"
    );

    let retry = fake.redeliver(&deliveries[0]).await;
    assert_eq!(retry.attempt(), 2);
    let (_, again) = seen.lock().expect("lock")[1].clone();
    assert_eq!(again["meta"]["id"], meta["id"], "the same event");
    assert_eq!(again["meta"]["attempt"], 2);
    let stored = &acme.webhooks()[0];
    assert_eq!(stored.last_http_status, Some(200));

    let (failing, _) = receiver(500).await;
    let person = acme.add(Entity::Person, json!({"name": "Maria"}));
    acme.remove_webhook(stored.id, "banned");
    raw.call(Method::POST, "/api/v1/webhooks", Some(webhook(&failing)))
        .await;
    let deleted = acme.delete(Entity::Person, person);
    let sent = fake.deliver(42, &deleted).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].body["data"], Value::Null);
    assert_eq!(sent[0].body["previous"]["name"], "Maria");
    let none = fake
        .deliver(42, &acme.update(Entity::Deal, deal, json!({"title": "x"})))
        .await;
    assert_eq!(
        none.iter()
            .map(|d| (d.status, d.succeeded()))
            .collect::<Vec<_>>(),
        [(Some(500), false)]
    );
}

fn base64_of(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[tokio::test]
async fn v1_leads_notes_and_users_page_by_offset() {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    let person = acme.add(Entity::Person, json!({"name": "Maria"}));
    for n in 0..5 {
        acme.add(
            Entity::Note,
            json!({"content": format!("Note {n}"), "person_id": person}),
        );
    }
    let lead = acme.add_lead(json!({"title": "Lead", "person_id": person}));
    assert_eq!(lead.len(), 36, "a UUID: {lead}");
    let (raw, _) = oauth_caller(&fake).await;
    let first = raw.get("/api/v1/notes?limit=2").await;
    assert_eq!(
        first.ok()["additional_data"]["pagination"],
        json!({"start": 0, "limit": 2, "more_items_in_collection": true, "next_start": 2})
    );
    let last = raw.get("/api/v1/notes?start=4&limit=2").await;
    assert_eq!(
        last.ok()["additional_data"]["pagination"]["more_items_in_collection"],
        false
    );
    assert_eq!(last.body["data"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        raw.get(&format!("/api/v1/leads/{lead}")).await.ok()["data"]["title"],
        "Lead"
    );
    let orphan = raw
        .call(
            Method::POST,
            "/api/v1/leads",
            Some(json!({"title": "No one"})),
        )
        .await;
    assert_eq!(orphan.status, 400);
    let created = raw
        .call(
            Method::POST,
            "/api/v1/leads",
            Some(json!({"title": "New", "person_id": person})),
        )
        .await;
    assert_eq!(created.status, 201);
    let me = raw.get("/api/v1/users/me").await;
    assert_eq!(
        (
            me.ok()["data"]["id"].as_u64(),
            me.body["data"]["company_id"].as_u64()
        ),
        (Some(7), Some(42))
    );
    assert!(raw.get("/api/v1/users").await.ok()["additional_data"]["pagination"].is_object());
    let unknown = raw.get("/api/v3/nothing").await;
    assert_eq!(unknown.status, 404);
    assert_eq!(
        raw.call(Method::PUT, "/api/v2/deals", None).await.status,
        405
    );
}

#[tokio::test]
async fn a_list_views_filter_resolves_to_its_ids() {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    for n in 0..1_200u64 {
        acme.add(Entity::Deal, json!({"title": format!("D{n}"), "value": n}));
    }
    let big = acme.add_filter(Entity::Deal, "Big deals", |deal| {
        deal["value"].as_u64().is_some_and(|v| v >= 200)
    });
    let (raw, _) = oauth_caller(&fake).await;
    let filters = raw.get("/api/v1/filters?type=deals").await;
    assert_eq!(filters.ok()["data"][0]["id"], big);
    let mut ids = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = raw
            .get(&format!("/api/v2/deals?filter_id={big}&limit=500{cursor}"))
            .await;
        let body = page.ok();
        ids.extend(
            body["data"]
                .as_array()
                .expect("data")
                .iter()
                .filter_map(|d| d["value"].as_u64()),
        );
        match body["additional_data"]["next_cursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(ids, (200..1_200).collect::<Vec<u64>>());
    assert_eq!(raw.get("/api/v2/deals?filter_id=999").await.status, 400);
    assert_eq!(
        raw.get(&format!("/api/v2/persons?filter_id={big}"))
            .await
            .status,
        400,
        "a deals filter"
    );
}

/// The app's installations configured for the fake, with a hook that records what it is told.
async fn app(
    fake: &FakePipedrive,
) -> (Installations, pdx::axum::Router, Arc<Mutex<Vec<Installed>>>) {
    let installations = Installations::connect(fake.install_config())
        .await
        .expect("installations");
    let seen: Arc<Mutex<Vec<Installed>>> = Arc::default();
    let recorder = seen.clone();
    let router = installations
        .clone()
        .with_hook(move |installed: Installed| {
            let recorder = recorder.clone();
            async move {
                let answer = pdx::install::default_installed(&installed);
                recorder.lock().expect("lock").push(installed);
                answer
            }
        })
        .routes::<()>();
    (installations, router, seen)
}

#[tokio::test]
async fn one_call_installs_started_at_the_app_and_from_the_marketplace() {
    let fake = FakePipedrive::start_with(FakeApp::default().scopes([Scope::DealsRead])).await;
    let (installations, router, seen) = app(&fake).await;
    let installed = fake.install(&router, 42, 7).await;
    assert_eq!(
        installed.callback.status(),
        200,
        "{}",
        installed.callback.text()
    );
    let stored = installations
        .installation("42", "7")
        .await
        .expect("store")
        .expect("installed");
    assert_eq!(stored.access_token, installed.installation.access_token);
    assert_eq!(stored.refresh_token, installed.installation.refresh_token);
    assert_eq!(
        (stored.api_domain.as_str(), stored.scope.as_str()),
        (fake.company(42).api_domain().as_str(), "deals:read,base")
    );
    assert!(
        stored
            .expires_at
            .abs_diff(installed.installation.expires_at)
            <= 1
    );
    let origins: Vec<InstallOrigin> = seen
        .lock()
        .expect("lock")
        .iter()
        .map(|i| i.origin)
        .collect();
    assert_eq!(
        origins,
        [InstallOrigin::StartedByApp],
        "the state and cookie came back"
    );
    let authorize = fake.requests_to("/oauth/authorize");
    assert!(
        authorize[0]
            .query_param("state")
            .is_some_and(|s| s.len() >= 40)
    );

    let marketplace = fake.install_marketplace(&router, 43, 9).await;
    assert_eq!(marketplace.callback.status(), 200);
    assert_eq!(marketplace.installation.company_id, "43");
    assert_eq!(
        seen.lock().expect("lock")[1].origin,
        InstallOrigin::Marketplace
    );
    let client = installations.client("43", "9").await.expect("client");
    fake.company(43)
        .add(Entity::Deal, json!({"title": "Globex"}));
    assert_eq!(client.deal(1).await.expect("deal").title, "Globex");

    let uninstalled = fake.uninstall(&router, 43, 9).await;
    assert_eq!(uninstalled.status(), 200);
    assert_eq!(
        installations.installation("43", "9").await.expect("store"),
        None
    );
    assert!(!fake.is_installed(43, 9));
}

#[tokio::test]
async fn a_failed_install_panics_naming_the_step() {
    let fake = FakePipedrive::start().await;
    let mut config = fake.install_config();
    config.oauth_url = "https://oauth.pipedrive.com".into();
    let installations = Installations::connect(config).await.expect("installations");
    let router = installations.routes::<()>();
    let run = tokio::spawn({
        let fake = fake.clone();
        async move { fake.install(&router, 42, 7).await }
    });
    let panic = run
        .await
        .expect_err("the app redirects elsewhere")
        .into_panic();
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        message.contains("not to this fake's `/oauth/authorize`"),
        "{message}"
    );
    assert!(message.contains("fake.install_config()"), "{message}");
}

#[tokio::test]
async fn plans_and_seats_set_the_budget_and_the_burst_limits() {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    let (raw, _) = oauth_caller(&fake).await;
    let growth = raw.get("/api/v1/users/me").await;
    assert_eq!(
        growth.header("x-ratelimit-limit"),
        Some("160"),
        "Growth, OAuth"
    );
    assert_eq!(
        growth.header("x-daily-ratelimit-token-limit"),
        Some("60000")
    );
    acme.set_plan(Plan::Premium).set_seats(3);
    let premium = raw.get("/api/v1/users/me").await;
    assert_eq!(premium.header("x-ratelimit-limit"), Some("400"));
    assert_eq!(
        premium.header("x-daily-ratelimit-token-limit"),
        Some("450000")
    );
    assert_eq!(
        premium.header("x-daily-ratelimit-token-remaining"),
        Some("449996")
    );
    assert_eq!(acme.tokens_left(), 449_996);
    acme.set_plan(Plan::Lite);
    let api_token = Raw::api_token(raw.base.clone(), acme.api_token(7));
    assert_eq!(
        api_token
            .get("/api/v1/users/me")
            .await
            .header("x-ratelimit-limit"),
        Some("20"),
        "Lite, API token"
    );
}

#[tokio::test]
async fn one_installations_tokens_expire_or_stop_refreshing_alone() {
    let fake = FakePipedrive::start().await;
    let (seven, seven_tokens) = oauth_caller(&fake).await;
    fake.log_in(42, 8);
    let eight_tokens = tokens(&fake).await;
    let eight = Raw::bearer(
        seven.base.clone(),
        eight_tokens["access_token"].as_str().expect("token"),
    );
    fake.expire_access_tokens_of(42, 8);
    assert_eq!(seven.get("/api/v1/users/me").await.status, 200);
    assert_eq!(eight.get("/api/v1/users/me").await.status, 401);
    fake.refuse_refreshes_of(42, 7);
    let refresh = |answer: &Value| {
        let token = answer["refresh_token"]
            .as_str()
            .expect("refresh token")
            .to_owned();
        let fake = fake.clone();
        async move {
            let form = [
                ("grant_type", "refresh_token"),
                ("refresh_token", token.as_str()),
            ];
            token_call(&fake, &form, (CLIENT_ID, CLIENT_SECRET))
                .await
                .status
        }
    };
    assert_eq!(refresh(&seven_tokens).await, 400);
    assert_eq!(refresh(&eight_tokens).await, 200);
    assert_eq!(
        fake.installation(42, 8).map(|i| i.company_id),
        Some("42".to_owned())
    );
}

#[tokio::test]
async fn scripted_answer_helpers_have_pipedrives_shapes() {
    let fake = FakePipedrive::start().await;
    let (raw, _) = oauth_caller(&fake).await;
    let cases = [
        (Answer::unauthorized(), 401, json!("unauthorized access")),
        (
            Answer::scope_mismatch(),
            403,
            json!("Scope and URL mismatch"),
        ),
        (
            Answer::daily_budget_spent(),
            429,
            json!("Request over limit"),
        ),
        (
            Answer::invalid("ids", "too many"),
            400,
            json!("Validation failed: ids: too many"),
        ),
        (Answer::status(502), 502, json!("Bad Gateway")),
    ];
    for (answer, status, error) in cases {
        assert_eq!(answer.status_code(), status);
        fake.answer_next("/api/v2/deals", 1, answer);
        let reply = raw.get("/api/v2/deals").await;
        assert_eq!(
            (reply.status, &reply.body["error"], &reply.body["success"]),
            (status, &error, &json!(false))
        );
        assert_eq!(
            reply.body["error_info"],
            "Please check developers.pipedrive.com"
        );
    }
    fake.answer_next("POST /api/v2/deals", 1, Answer::empty(204));
    assert_eq!(raw.get("/api/v2/deals").await.status, 200, "another method");
    let empty = raw
        .call(Method::POST, "/api/v2/deals", Some(json!({"title": "x"})))
        .await;
    assert_eq!((empty.status, empty.text.as_str()), (204, ""));
    fake.answer_next("/api/v2/deals", 1, Answer::daily_budget_spent());
    assert_eq!(
        raw.get("/api/v2/deals")
            .await
            .header("x-daily-ratelimit-token-remaining"),
        Some("0")
    );
}

#[tokio::test]
async fn deliveries_in_process_and_events_of_seeded_objects() {
    use pdx::axum::{Router, http::HeaderMap, routing::post};
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    let person = acme.add(Entity::Person, json!({"name": "Maria"}));
    let (raw, _) = oauth_caller(&fake).await;
    let hook = json!({
        "subscription_url": "https://app.example.test/pipedrive/webhooks?tenant=acme", "event_action": "*",
        "event_object": "person", "name": "People", "http_auth_user": "u", "http_auth_password": "p",
    });
    assert_eq!(
        raw.call(Method::POST, "/api/v1/webhooks", Some(hook))
            .await
            .status,
        201
    );
    // The path and query, `Authorization` header and `meta.attempt` of each delivery.
    type Seen = Arc<Mutex<Vec<(String, Option<String>, u64)>>>;
    let seen: Seen = Arc::default();
    let recorder = seen.clone();
    let app = Router::new().route(
        "/pipedrive/webhooks",
        post(
            move |uri: pdx::axum::http::Uri, headers: HeaderMap, body: String| {
                let recorder = recorder.clone();
                async move {
                    let body: Value = serde_json::from_str(&body).expect("json");
                    let auth = headers
                        .get("authorization")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned);
                    let attempt = body["meta"]["attempt"].as_u64().unwrap_or_default();
                    recorder
                        .lock()
                        .expect("lock")
                        .push((uri.to_string(), auth, attempt));
                    "ok"
                }
            },
        ),
    );
    let created = acme.created_event(Entity::Person, person);
    assert_eq!(
        (created.action.as_str(), created.previous.clone()),
        ("create", None)
    );
    let sent = fake.deliver_to(&app, 42, &created).await;
    assert_eq!(sent.len(), 1);
    assert!(sent[0].succeeded());
    assert_eq!(sent[0].body["meta"]["change_source"], "app");
    assert_eq!(sent[0].body["data"]["name"], "Maria");
    let retried = fake.redeliver_to(&app, &sent[0]).await;
    assert_eq!(retried.status, Some(200));
    let by_api = FakeEvent::new(
        "change",
        "person",
        person,
        Some(json!({"id": person})),
        Some(json!({"name": "M"})),
    )
    .by_user(7);
    let sent = fake.deliver_to(&app, 42, &by_api).await;
    assert_eq!(
        (
            sent[0].body["meta"]["change_source"].as_str(),
            sent[0].body["meta"]["user_id"].as_str()
        ),
        (Some("api"), Some("7"))
    );
    assert!(
        fake.deliver_to(&app, 42, &FakeEvent::new("change", "deal", 1, None, None))
            .await
            .is_empty(),
        "no deal webhook"
    );
    let expected = format!("Basic {}", base64_of("u:p"));
    let seen = seen.lock().expect("lock").clone();
    assert_eq!(
        seen,
        [
            (
                "/pipedrive/webhooks?tenant=acme".to_owned(),
                Some(expected.clone()),
                1
            ),
            (
                "/pipedrive/webhooks?tenant=acme".to_owned(),
                Some(expected.clone()),
                2
            ),
            (
                "/pipedrive/webhooks?tenant=acme".to_owned(),
                Some(expected),
                1
            ),
        ]
    );
}

#[tokio::test]
async fn every_kind_has_its_v2_or_v1_endpoints_and_fields() {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    let key = acme.add_custom_field_with_options(
        Entity::Person,
        "Tags",
        FieldType::Set,
        &["VIP", "Partner"],
    );
    let person = acme.add(
        Entity::Person,
        json!({"name": "Maria", "custom_fields": {"Tags": ["VIP", "Partner"]}}),
    );
    let (vip, partner) = (
        acme.option_id(Entity::Person, "Tags", "VIP").expect("VIP"),
        acme.option_id(Entity::Person, "Tags", "Partner")
            .expect("Partner"),
    );
    assert_eq!(
        acme.object(Entity::Person, person).expect("person")["custom_fields"][&key],
        json!([vip, partner])
    );
    assert_eq!(
        acme.custom_field_key(Entity::Person, "Tags"),
        Some(key.clone())
    );
    let (raw, _) = oauth_caller(&fake).await;
    for (path, expected) in [
        ("/api/v2/persons", 1),
        ("/api/v2/organizations", 0),
        ("/api/v2/activities", 0),
        ("/api/v2/products", 0),
        ("/api/v2/pipelines", 1),
        ("/api/v2/stages?pipeline_id=1", 5),
        ("/api/v1/leads", 0),
        ("/api/v1/notes", 0),
        ("/api/v1/users", 1),
    ] {
        assert_eq!(
            raw.get(path).await.ok()["data"].as_array().map(Vec::len),
            Some(expected),
            "{path}"
        );
    }
    for fields in [
        "dealFields",
        "personFields",
        "organizationFields",
        "productFields",
        "activityFields",
    ] {
        assert!(
            raw.get(&format!("/api/v2/{fields}")).await.ok()["data"][0]["field_code"].is_string(),
            "{fields}"
        );
    }
    let tags = raw.get(&format!("/api/v2/personFields/{key}")).await;
    assert_eq!(
        tags.ok()["data"]["options"],
        json!([{"id": vip, "label": "VIP", "color": null}, {"id": partner, "label": "Partner", "color": null}])
    );
    let activity = raw
        .call(
            Method::POST,
            "/api/v2/activities",
            Some(json!({"subject": "Call", "done": true})),
        )
        .await;
    let activity = activity.ok()["data"]["id"].clone();
    assert_eq!(
        raw.get("/api/v2/activities?done=true").await.ok()["data"][0]["id"],
        activity
    );
    assert_eq!(
        raw.get("/api/v2/activities?done=1").await.status,
        400,
        "booleans are true or false"
    );
    let note = raw
        .call(
            Method::POST,
            "/api/v1/notes",
            Some(json!({"content": "Hi", "person_id": person})),
        )
        .await;
    let note = note.ok()["data"]["id"].as_u64().expect("id");
    let put = raw
        .call(
            Method::PUT,
            &format!("/api/v1/notes/{note}"),
            Some(json!({"content": "Hello"})),
        )
        .await;
    assert_eq!(put.ok()["data"]["content"], "Hello");
    assert_eq!(
        raw.call(Method::DELETE, &format!("/api/v1/notes/{note}"), None)
            .await
            .ok()["data"],
        note
    );
    assert_eq!(raw.get(&format!("/api/v1/notes/{note}")).await.status, 404);
    assert_eq!(
        raw.get("/api/v1/users/find?term=user%207").await.ok()["data"][0]["id"],
        7
    );
}
