//! Lists page by page against a fake Pipedrive: API v2 cursors, API v1 offsets, a page cap, and `ids` filters
//! split into chunks of 100. The endpoints are declared as an app (or a later typed entity) declares them.

use crate::api_fake;

use api_fake::{COMPANY_ID, USER_ID};
use pdx::api::{ApiCall, ApiError, ApiSettings, Client, Endpoint, Paging, StreamExt, TryStreamExt};
use pdx::scope::Scope;
use pdx::testing::FakePipedrive;
use pdx::testing::fake::{Answer, Entity, RecordedRequest};
use serde::Deserialize;
use serde_json::json;

/// An activity as this test reads it.
#[derive(Debug, Deserialize, PartialEq)]
struct Activity {
    id: u64,
    subject: String,
}

/// `GET /api/v2/activities`: cursor pages.
static ACTIVITIES: Endpoint =
    Endpoint::get("/api/v2/activities", &[Scope::ActivitiesRead]).list(Paging::Cursor);
/// `GET /api/v1/notes`: offset pages; notes ride on deals or contacts scopes.
static NOTES: Endpoint =
    Endpoint::get("/api/v1/notes", &[Scope::DealsRead, Scope::ContactsRead]).list(Paging::Offset);

/// The fake granting `deals:read` and `activities:read`, with 1,200 activities of deal 5, 250 notes and deals
/// 1 to 1,000 but 999.
async fn started() -> FakePipedrive {
    let fake = api_fake::fake_granting("base,deals:read,activities:read").await;
    let acme = fake.company(42);
    for id in 1..=1200 {
        acme.add(
            Entity::Activity,
            json!({"id": id, "subject": format!("Call {id}"), "done": false, "deal_id": 5}),
        );
    }
    for id in 1..=250 {
        acme.add(
            Entity::Note,
            json!({"id": id, "content": format!("Note {id}")}),
        );
    }
    for id in 10..=1000 {
        acme.add(Entity::Deal, json!({"title": format!("Deal {id}")}));
    }
    acme.delete(Entity::Deal, 999);
    fake
}

async fn client_of(fake: &FakePipedrive) -> Client {
    api_fake::installed(fake, ApiSettings::new())
        .await
        .client(COMPANY_ID, USER_ID)
        .await
        .expect("client")
}

/// A recorded call's query string, as sent.
fn query(request: &RecordedRequest) -> String {
    request
        .query
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn query_without_cursor(query: &str) -> Vec<String> {
    query
        .split('&')
        .filter(|p| !p.starts_with("cursor="))
        .map(str::to_owned)
        .collect()
}

/// Spec row 1: three cursor pages, the last `next_cursor: null`: every item, three calls, the same query.
#[tokio::test]
async fn cursor_pages_are_followed_to_the_end() {
    let fake = started().await;
    let client = client_of(&fake).await;
    let call = ApiCall::<Vec<Activity>>::new(&ACTIVITIES).query("deal_id", 5);
    let items: Vec<Activity> = client.items(call).try_collect().await.expect("items");
    assert_eq!(items.len(), 1200);
    assert_eq!(
        items[0],
        Activity {
            id: 1,
            subject: "Call 1".into()
        }
    );
    assert_eq!(items[1199].id, 1200);
    let seen = fake.requests_to("/api/v2/activities");
    assert_eq!(seen.len(), 3, "500 + 500 + 200");
    let first = query_without_cursor(&query(&seen[0]));
    assert_eq!(first, ["deal_id=5", "limit=500"]);
    assert!(
        seen.iter()
            .all(|s| query_without_cursor(&query(s)) == first),
        "{seen:?}"
    );
    // The first page without a cursor, each next one with the cursor the previous answer gave (the fake's
    // cursors are opaque: that all 1,200 items came in order shows each was followed).
    let cursors: Vec<Option<&str>> = seen.iter().map(|s| s.query_param("cursor")).collect();
    assert!(cursors[0].is_none(), "{cursors:?}");
    assert!(
        cursors[1].is_some() && cursors[2].is_some() && cursors[1] != cursors[2],
        "{cursors:?}"
    );
    assert_eq!(client.stats().tokens_spent, 30, "10 tokens a page");
}

/// Spec row 2: a last page without `additional_data` ends the list without an error.
#[tokio::test]
async fn last_page_without_additional_data_ends_the_list() {
    let fake = started().await;
    let client = client_of(&fake).await;
    let mut pages =
        std::pin::pin!(client.pages(ApiCall::<Vec<Activity>>::new(&ACTIVITIES).limit(400)));
    let mut lengths = Vec::new();
    for _ in 0..2 {
        let page = pages.next().await.expect("a page").expect("read");
        assert!(page.next.is_some());
        lengths.push(page.items.len());
    }
    // The third page comes without `additional_data` at all.
    let last: Vec<_> = (801..=1200)
        .map(|id| json!({"id": id, "subject": format!("Call {id}")}))
        .collect();
    fake.answer_next(
        "GET /api/v2/activities",
        1,
        Answer::json(200, json!({"success": true, "data": last})),
    );
    let page = pages.next().await.expect("the last page").expect("read");
    lengths.push(page.items.len());
    assert!(page.next.is_none());
    assert!(pages.next().await.is_none(), "the list ended");
    assert_eq!(lengths, [400, 400, 400]);
    assert_eq!(fake.requests_to("/api/v2/activities").len(), 3);
}

/// One page at a time: the next page from the previous page's cursor.
#[tokio::test]
async fn one_page_then_the_next() {
    let fake = started().await;
    let client = client_of(&fake).await;
    let call = ApiCall::<Vec<Activity>>::new(&ACTIVITIES);
    let first = client.page(&call, None).await.expect("first");
    assert_eq!(first.items.len(), 100, "Pipedrive's default limit");
    let second = client
        .page(&call, first.next.as_ref())
        .await
        .expect("second");
    assert_eq!(second.items[0].id, 101);
    assert!(second.next.is_some());
}

/// A list longer than the call's page cap stops with `TooManyPages` after the cap, not silently.
#[tokio::test]
async fn page_cap_is_an_error_not_a_silent_stop() {
    let fake = started().await;
    let client = client_of(&fake).await;
    let results: Vec<_> = client
        .pages(ApiCall::<Vec<Activity>>::new(&ACTIVITIES).max_pages(2))
        .collect()
        .await;
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[1].is_ok());
    assert_eq!(
        results[2].as_ref().expect_err("cap"),
        &ApiError::TooManyPages {
            call: "GET /api/v2/activities".into(),
            pages: 2
        }
    );
    assert_eq!(fake.requests_to("/api/v2/activities").len(), 2);
}

/// A `limit` Pipedrive does not take is refused before sending.
#[tokio::test]
async fn limit_out_of_range_is_refused() {
    let fake = started().await;
    let client = client_of(&fake).await;
    for limit in [0, 501] {
        let call = ApiCall::<Vec<Activity>>::new(&ACTIVITIES).limit(limit);
        let error = client.page(&call, None).await.expect_err("refused");
        assert!(
            matches!(&error, ApiError::InvalidCall { reason, .. } if reason.contains("1 to 500")),
            "{error:?}"
        );
    }
    assert!(fake.requests_to("/api/v2/activities").is_empty());
}

/// Spec row 22: a v1 list pages by `start`, `more_items_in_collection` and `next_start`.
#[tokio::test]
async fn offset_pages_of_v1_lists() {
    let fake = started().await;
    let client = client_of(&fake).await;
    let call = ApiCall::<Vec<serde_json::Value>>::new(&NOTES).limit(100);
    let notes: Vec<serde_json::Value> = client.items(call).try_collect().await.expect("notes");
    assert_eq!(notes.len(), 250);
    assert_eq!(notes[249]["content"], "Note 250");
    let starts: Vec<String> = fake
        .requests_to("/api/v1/notes")
        .iter()
        .map(query)
        .collect();
    assert_eq!(
        starts,
        ["limit=100", "limit=100&start=100", "limit=100&start=200"]
    );
    assert_eq!(client.stats().tokens_spent, 60, "20 tokens a v1 page");
}

/// Spec row 3: 250 ids go in three calls of at most 100, merged in order; repeats asked once.
#[tokio::test]
async fn ids_in_chunks_of_100() {
    let fake = started().await;
    let client = client_of(&fake).await;
    let mut ids: Vec<u64> = (1..=250).collect();
    ids.push(7);
    let deals = client.deals(&ids).await.expect("deals");
    assert_eq!(
        deals.iter().map(|d| d.id).collect::<Vec<_>>(),
        (1..=250).collect::<Vec<_>>()
    );
    let lists = fake.requests_to("GET /api/v2/deals");
    let chunks: Vec<&str> = lists.iter().filter_map(|r| r.query_param("ids")).collect();
    assert_eq!(chunks.len(), 3);
    let sizes: Vec<usize> = chunks.iter().map(|c| c.split(',').count()).collect();
    assert_eq!(sizes, [100, 100, 50]);
    assert!(chunks[1].starts_with("101,"));
    let queries: Vec<String> = lists.iter().map(query).collect();
    assert!(queries[2].ends_with("&limit=50"), "{}", queries[2]);
}

/// Ids Pipedrive leaves out (missing or not visible) are left out, without an error.
#[tokio::test]
async fn missing_ids_are_left_out() {
    let fake = started().await;
    let client = client_of(&fake).await;
    let deals = client.deals(&[998, 999, 1000]).await.expect("deals");
    assert_eq!(deals.iter().map(|d| d.id).collect::<Vec<_>>(), [998, 1000]);
}
