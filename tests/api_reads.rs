//! Reads shared, against a fake Pipedrive answering after a delay: concurrent identical reads make one API
//! call (per user unless the app opts in to company-wide sharing), and the optional read cache (hits, TTL,
//! bounds, invalidation by the client's own writes).

use crate::api_fake;

use api_fake::{COMPANY_ID, USER_ID};
use pdx::api::{ApiSettings, Client, ReadCache, ReadSharing};
use pdx::install::Installations;
use pdx::testing::FakePipedrive;
use serde_json::json;
use std::time::Duration;

/// Installs user 7 and user 8 of company 42.
async fn two_users(settings: ApiSettings) -> (FakePipedrive, Installations, Client, Client) {
    let fake = api_fake::fake().await;
    let installations = api_fake::installed(&fake, settings).await;
    api_fake::install(&fake, &installations, 8).await;
    let ann = installations.client(COMPANY_ID, USER_ID).await.expect("7");
    let bob = installations.client(COMPANY_ID, "8").await.expect("8");
    (fake, installations, ann, bob)
}

async fn concurrently(clients: Vec<Client>, id: u64) {
    let reads: Vec<_> = clients
        .into_iter()
        .map(|c| tokio::spawn(async move { c.deal(id).await }))
        .collect();
    for read in reads {
        assert_eq!(read.await.expect("task").expect("deal").id, id);
    }
}

#[tokio::test]
async fn concurrent_identical_reads_make_one_call() {
    let (fake, installations, ann, bob) = two_users(ApiSettings::new()).await;
    fake.set_latency(Duration::from_millis(300));
    concurrently(vec![ann.clone(); 10], 1).await;
    assert_eq!(
        fake.requests_to("/api/v2/deals/1").len(),
        1,
        "10 reads, 1 call"
    );
    let stats = installations.api_stats();
    assert_eq!((stats.calls, stats.requests, stats.coalesced), (10, 1, 9));

    // Another user of the company may see other things: by default, no sharing between users.
    concurrently(vec![ann.clone(), bob.clone(), ann, bob], 2).await;
    assert_eq!(fake.requests_to("/api/v2/deals/2").len(), 2, "one per user");

    // Different reads are not joined.
    let client = installations
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client");
    let (a, b) = tokio::join!(client.deal(3), client.deal(4));
    assert_eq!((a.expect("3").id, b.expect("4").id), (3, 4));
}

#[tokio::test]
async fn company_wide_sharing_is_an_opt_in() {
    let settings = ApiSettings::new().read_sharing(ReadSharing::Company);
    let (fake, _installations, ann, bob) = two_users(settings).await;
    fake.set_latency(Duration::from_millis(300));
    concurrently(vec![ann.clone(), bob.clone(), ann, bob], 2).await;
    assert_eq!(
        fake.requests_to("/api/v2/deals/2").len(),
        1,
        "shared by the company"
    );
}

#[tokio::test]
async fn a_write_is_never_joined() {
    let (fake, _installations, ann, _bob) = two_users(ApiSettings::new()).await;
    fake.set_latency(Duration::from_millis(200));
    let body = json!({"title": "Same"});
    let (a, b) = tokio::join!(ann.update_deal(1, &body), ann.update_deal(1, &body));
    a.expect("a");
    b.expect("b");
    assert_eq!(fake.requests_to("PATCH /api/v2/deals/1").len(), 2);
}

#[tokio::test]
async fn the_read_cache_is_off_by_default() {
    let (fake, installations, ann, _bob) = two_users(ApiSettings::new()).await;
    ann.deal(1).await.expect("1");
    ann.deal(1).await.expect("again");
    assert_eq!(fake.requests_to("/api/v2/deals/1").len(), 2);
    assert_eq!(installations.api_stats().cache_hits, 0);
}

#[tokio::test]
async fn cached_reads_expire_and_are_per_user() {
    let cache = ReadCache::new(Duration::from_millis(400));
    let (fake, installations, ann, bob) = two_users(ApiSettings::new().read_cache(cache)).await;
    ann.deal(1).await.expect("1");
    ann.deal(1).await.expect("cached");
    assert_eq!(fake.requests_to("/api/v2/deals/1").len(), 1);
    bob.deal(1).await.expect("bob's own read");
    assert_eq!(
        fake.requests_to("/api/v2/deals/1").len(),
        2,
        "not another user's answer"
    );
    tokio::time::sleep(Duration::from_millis(450)).await;
    ann.deal(1).await.expect("expired");
    assert_eq!(fake.requests_to("/api/v2/deals/1").len(), 3);
    assert_eq!(installations.api_stats().cache_hits, 1);
}

#[tokio::test]
async fn the_cache_is_bounded() {
    let cache = ReadCache::new(Duration::from_secs(60)).max_entries(2);
    let (fake, _installations, ann, _bob) = two_users(ApiSettings::new().read_cache(cache)).await;
    for id in [1, 2, 3] {
        ann.deal(id).await.expect("deal");
    }
    ann.deal(3).await.expect("kept");
    ann.deal(1).await.expect("dropped: the oldest");
    assert_eq!(fake.requests_to("/api/v2/deals/3").len(), 1);
    assert_eq!(fake.requests_to("/api/v2/deals/1").len(), 2);
}

#[tokio::test]
async fn the_clients_own_write_drops_the_cached_object() {
    let cache = ReadCache::new(Duration::from_secs(60));
    let settings = ApiSettings::new()
        .read_cache(cache)
        .read_sharing(ReadSharing::Company);
    let (fake, installations, ann, bob) = two_users(settings).await;
    assert_eq!(ann.deal(1).await.expect("1").title, "Deal 1");
    ann.deal(2).await.expect("2");
    assert_eq!(bob.deals(&[1, 2]).await.expect("list").len(), 2);
    bob.update_deal(1, &json!({"title": "Renamed"}))
        .await
        .expect("patch");
    assert_eq!(ann.deal(1).await.expect("read again").title, "Renamed");
    ann.deal(2).await.expect("still cached");
    bob.deals(&[1, 2]).await.expect("the list is read again");
    let gets = |path: &str| fake.requests_to(&format!("GET {path}")).len();
    assert_eq!(
        (
            gets("/api/v2/deals/1"),
            gets("/api/v2/deals/2"),
            gets("/api/v2/deals")
        ),
        (2, 1, 2)
    );
    assert_eq!(installations.api_stats().cache_hits, 1);
}
