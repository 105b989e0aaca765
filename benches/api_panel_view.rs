//! What the API reads of a panel view cost, against a fake Pipedrive on loopback answering after 100 ms: API
//! tokens spent (counted by the fake, by Pipedrive's table) and the latency of each view (p50, p99), at 1, 10
//! and 100 views at once. A view reads the 10 deals it shows:
//!
//! - `pdx`: the installation's client from `Installations::client` (as the `PipedriveApi` extractor gives it),
//!   `client.deals(&ids)`: one `GET /api/v2/deals?ids=…` (10 tokens), joined by the identical reads in flight;
//! - `direct`: a handler calling the API itself with reqwest, the same `GET /api/v2/deals?ids=…` per view.
//!
//! The fake (`pdx::testing::FakePipedrive`) enforces no burst limit or daily budget here (Pipedrive's lowest
//! plan, 80 requests per 2 s, would refuse 20 of 100 direct views at once); every view is the same user's. Only the API part of a view is measured: the panel
//! endpoint's own cost is `benches/panel_endpoint.rs`'s.
//!
//! Run: `cargo bench --bench api_panel_view` (latency is the fake's 100 ms plus loopback; `--profile dev` gives
//! the same figures without a release build).

use pdx::api::Deal;
use pdx::install::Installations;
use pdx::scope::Scope;
use pdx::testing::FakePipedrive;
use pdx::testing::fake::{Entity, FakeApp, FakeCompany};
use serde_json::json;
use std::time::{Duration, Instant};

/// The company the app is installed in, and the user whose views these are.
const COMPANY_ID: &str = "42";
const USER_ID: &str = "7";

/// Views at once, as the issue asks.
const CONCURRENCY: [usize; 3] = [1, 10, 100];
/// Rounds per concurrency: every view of a round starts together.
const ROUNDS: usize = 10;
/// The deals a view shows.
const IDS: [u64; 10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/// The fake's answer time.
const LATENCY: Duration = Duration::from_millis(100);

struct Figures {
    tokens: u64,
    views: usize,
    p50: Duration,
    p99: Duration,
}

async fn pdx_view(installations: Installations) -> Duration {
    let started = Instant::now();
    let client = installations
        .client(COMPANY_ID, USER_ID)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let deals = client.deals(&IDS).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(deals.len(), IDS.len());
    started.elapsed()
}

async fn direct_view(http: reqwest::Client, url: String, token: String) -> Duration {
    let started = Instant::now();
    let ids = IDS.map(|id| id.to_string()).join(",");
    let answer: serde_json::Value = http
        .get(format!("{url}/api/v2/deals"))
        .query(&[("ids", ids)])
        .bearer_auth(token)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let deals: Vec<Deal> =
        serde_json::from_value(answer["data"].clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(deals.len(), IDS.len());
    started.elapsed()
}

async fn measure<F, Fut>(company: &FakeCompany, views: usize, view: F) -> Figures
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Duration> + Send + 'static,
{
    let before = company.tokens_spent();
    let mut latencies = Vec::with_capacity(views * ROUNDS);
    for _ in 0..ROUNDS {
        let round: Vec<_> = (0..views).map(|_| tokio::spawn(view())).collect();
        for task in round {
            latencies.push(task.await.unwrap_or_else(|e| panic!("{e}")));
        }
    }
    latencies.sort();
    let at = |q: f64| {
        latencies[((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len()) - 1]
    };
    Figures {
        tokens: company.tokens_spent() - before,
        views: views * ROUNDS,
        p50: at(0.50),
        p99: at(0.99),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` lists; this is a measurement, not a test.
    }
    let fake = FakePipedrive::start_with(FakeApp::default().scopes([Scope::DealsRead])).await;
    let acme = fake.company(42);
    acme.add_user(7, "Ann Admin")
        .set_burst_limit(u32::MAX)
        .set_daily_budget(u64::MAX / 2);
    for id in IDS {
        let added = acme.add(Entity::Deal, json!({"title": format!("Deal {id}")}));
        assert_eq!(added, id);
    }
    let installations = Installations::connect(fake.install_config())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    fake.install(&installations.routes::<()>(), 42, 7).await;
    let token = installations
        .installation(COMPANY_ID, USER_ID)
        .await
        .ok()
        .flatten()
        .map(|i| i.access_token)
        .unwrap_or_else(|| panic!("installed"));
    fake.set_latency(LATENCY);
    let api_domain = acme.api_domain();
    let http = reqwest::Client::new();
    println!(
        "| views at once | tokens per view, direct | tokens per view, pdx | direct p50 / p99 | pdx p50 / p99 |"
    );
    println!("| --- | --- | --- | --- | --- |");
    for views in CONCURRENCY {
        let direct = measure(&acme, views, || {
            direct_view(http.clone(), api_domain.clone(), token.clone())
        })
        .await;
        let ours = measure(&acme, views, || pdx_view(installations.clone())).await;
        println!(
            "| {views} | {:.2} | {:.2} | {} / {} | {} / {} |",
            direct.tokens as f64 / direct.views as f64,
            ours.tokens as f64 / ours.views as f64,
            ms(direct.p50),
            ms(direct.p99),
            ms(ours.p50),
            ms(ours.p99),
        );
    }
    let stats = installations.api_stats();
    println!(
        "\npdx: {} calls, {} requests, {} joined in flight, {} tokens, {} throttled, {} 429s",
        stats.calls,
        stats.requests,
        stats.coalesced,
        stats.tokens_spent,
        stats.throttled,
        stats.rate_limited
    );
}
