//! Select-all resolved: a list view's `filter` minus `excludedIds` as a stream of ids, paged 500 a call,
//! against `pdx::testing::FakePipedrive`; picked ids without an API call.

use crate::setup;

use pdx::api::{ApiError, Client, TryStreamExt};
use pdx::context::RequestContext;
use pdx::testing::fake::Entity;
use serde_json::json;
use setup::{api_calls, client_of, fake_with};
use std::collections::BTreeSet;

/// The ids of a request with this query string.
async fn selected(client: &Client, query: &str) -> Result<Vec<u64>, ApiError> {
    let ctx = RequestContext::from_query(query).expect("context");
    client.selected_ids(&ctx).try_collect().await
}

fn url(filter: serde_json::Value) -> String {
    form_urlencoded::byte_serialize(filter.to_string().as_bytes()).collect()
}

#[tokio::test]
async fn select_all_over_1000_matching_deals_minus_exclusions() {
    let fake = fake_with(None).await;
    let acme = fake.company(42);
    for n in 0..1_300 {
        let owner = if n % 13 == 0 { 3 } else { 7 };
        acme.add(
            Entity::Deal,
            json!({"title": format!("Deal {n}"), "owner_id": owner}),
        );
    }
    let owned_by_7: Vec<u64> = acme
        .objects(Entity::Deal)
        .iter()
        .filter(|d| d["owner_id"] == 7)
        .filter_map(|d| d["id"].as_u64())
        .collect();
    assert_eq!(owned_by_7.len(), 1_200);
    let excluded = [owned_by_7[0], owned_by_7[599], owned_by_7[1_199], 1]; // 1 is Bob's (n = 0)
    let client = client_of(&fake).await;

    let query = format!(
        "resource=deal&view=list&filter={}&excludedIds={}",
        url(json!({"user_id": 7})),
        excluded.map(|id| id.to_string()).join(",")
    );
    let ids = selected(&client, &query).await.expect("ids");
    let expected: Vec<u64> = owned_by_7
        .iter()
        .copied()
        .filter(|id| !excluded.contains(id))
        .collect();
    assert_eq!(ids, expected);
    assert_eq!(ids.len(), 1_197);
    let calls = api_calls(&fake);
    assert_eq!(calls.len(), 3, "{calls:#?}");
    assert!(
        calls
            .iter()
            .all(|c| c.starts_with("GET /api/v2/deals?owner_id=7&limit=500")),
        "{calls:#?}"
    );
}

#[tokio::test]
async fn a_saved_filter_and_everyone() {
    let fake = fake_with(None).await;
    let acme = fake.company(42);
    for n in 0..30 {
        acme.add(
            Entity::Person,
            json!({"name": format!("P{n}"), "org_id": n % 3}),
        );
    }
    let filter = acme.add_filter(Entity::Person, "Org 1", |p| p["org_id"] == 1);
    let client = client_of(&fake).await;

    let query = format!(
        "resource=person&view=list&filter={}&excludedIds=2",
        url(json!({"filter_id": filter}))
    );
    let ids = selected(&client, &query).await.expect("filter");
    let expected: Vec<u64> = acme
        .objects(Entity::Person)
        .iter()
        .filter(|p| p["org_id"] == 1 && p["id"] != 2)
        .filter_map(|p| p["id"].as_u64())
        .collect();
    assert_eq!(ids, expected);
    assert_eq!(ids.len(), 9);
    assert_eq!(
        api_calls(&fake),
        [format!("GET /api/v2/persons?filter_id={filter}&limit=500")]
    );

    let query = format!(
        "resource=person&view=list&filter={}",
        url(json!({"everyone": 1}))
    );
    assert_eq!(selected(&client, &query).await.expect("everyone").len(), 30);
}

#[tokio::test]
async fn activities_by_type_and_dates() {
    let fake = fake_with(None).await;
    let acme = fake.company(42);
    let mut expected = BTreeSet::new();
    for day in 1..=20u32 {
        for kind in ["call", "meeting"] {
            let id = acme.add(
                Entity::Activity,
                json!({"subject": kind, "type": kind, "due_date": format!("2025-03-{day:02}")}),
            );
            if kind == "call" && (5..=10).contains(&day) && id != 11 {
                expected.insert(id);
            }
        }
    }
    let client = client_of(&fake).await;
    let filter = json!({"activity_type": "call", "activity_start_date": "2025-03-05", "activity_end_date": "2025-03-10"});
    let query = format!(
        "resource=activity&view=list&filter={}&excludedIds=11",
        url(filter)
    );
    let ids = selected(&client, &query).await.expect("activities");
    assert_eq!(ids.into_iter().collect::<BTreeSet<_>>(), expected);
    assert_eq!(expected.len(), 5);
}

#[tokio::test]
async fn picked_ids_need_no_call_and_unknown_filters_are_refused() {
    let fake = fake_with(None).await;
    let client = client_of(&fake).await;
    let ids = selected(&client, "resource=deal&view=list&selectedIds=3,1,2")
        .await
        .expect("picked");
    assert_eq!(ids, [3, 1, 2]);
    assert_eq!(
        selected(&client, "resource=deal").await.expect("nothing"),
        Vec::<u64>::new()
    );
    assert!(api_calls(&fake).is_empty());

    let query = format!(
        "resource=deal&view=list&filter={}",
        url(json!({"label": 4}))
    );
    let error = selected(&client, &query).await.expect_err("unknown key");
    assert!(
        error.to_string().contains("the list's filter `label`"),
        "{error}"
    );
    let query = format!(
        "resource=lead&view=list&filter={}",
        url(json!({"everyone": 1}))
    );
    let error = selected(&client, &query).await.expect_err("leads");
    assert!(
        error.to_string().contains("`resource` is `lead`"),
        "{error}"
    );
    let query = format!(
        "resource=deal&view=list&filter={}",
        url(json!({"filter_id": "x"}))
    );
    let error = selected(&client, &query).await.expect_err("not an id");
    assert!(
        error.to_string().contains("`filter_id` is not an id"),
        "{error}"
    );
    let query = format!(
        "resource=deal&view=list&filter={}",
        url(json!({"user_id": "7&everyone=1"}))
    );
    let error = selected(&client, &query).await.expect_err("hostile value");
    assert!(
        error.to_string().contains("`user_id` is not an id"),
        "{error}"
    );
    assert!(api_calls(&fake).is_empty(), "refused before sending");
}
