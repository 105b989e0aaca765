//! Typed entity reads against `pdx::testing::FakePipedrive`: lists as streams over cursor pages with typed
//! filters, objects by ids in chunks of 100 in the order asked, archived deals said so, and search.

use crate::setup;

use chrono::{TimeZone, Utc};
use pdx::api::{
    ApiError, DealStatus, DealsQuery, EntitySearch, FoundItem, ItemSearch, Person, PersonsQuery,
    SortBy, SortDirection, StagesQuery, TryStreamExt,
};
use pdx::testing::fake::Entity;
use serde_json::json;
use setup::{api_calls, client_of, fake_with};

#[tokio::test]
async fn a_list_pages_with_the_same_query_each_time() {
    let fake = fake_with(None).await;
    let acme = fake.company(42);
    for n in 0..1_200 {
        let owner = if n % 10 == 0 { 3 } else { 7 };
        acme.add(
            Entity::Deal,
            json!({"title": format!("Deal {n}"), "owner_id": owner, "stage_id": 2}),
        );
    }
    let client = client_of(&fake).await;
    let query = DealsQuery::new()
        .stage_id(2)
        .status(DealStatus::Open)
        .sort_by(SortBy::Id, SortDirection::Descending)
        .limit(400);
    let deals: Vec<_> = client.list(query).try_collect().await.expect("deals");
    assert_eq!(deals.len(), 1_200);
    assert!(
        deals.windows(2).all(|w| w[0].id > w[1].id),
        "sorted as asked"
    );
    let calls = api_calls(&fake);
    assert_eq!(calls.len(), 3, "{calls:#?}");
    let without_cursor: Vec<String> = calls
        .iter()
        .map(|c| c.split("&cursor=").next().unwrap_or_default().to_owned())
        .collect();
    assert!(
        without_cursor.iter().all(|c| *c
            == "GET /api/v2/deals?stage_id=2&status=open&sort_by=id&sort_direction=desc&limit=400"),
        "{calls:#?}"
    );
    assert!(calls[1].contains("&cursor=") && calls[2].contains("&cursor="));
    assert_eq!(client.stats().tokens_spent, 30, "10 tokens a v2 page");

    let mine: Vec<_> = client
        .list(DealsQuery::new().owner_id(3))
        .try_collect()
        .await
        .expect("owner 3");
    assert_eq!(mine.len(), 120);
    assert!(mine.iter().all(|d| d.owner_id == Some(3)));
}

#[tokio::test]
async fn typed_filters_are_sent_as_documented() {
    let fake = fake_with(None).await;
    let client = client_of(&fake).await;
    let since = Utc
        .with_ymd_and_hms(2025, 1, 2, 3, 4, 5)
        .single()
        .expect("time");
    let query = DealsQuery::new()
        .owner_id(7)
        .person_id(1)
        .org_id(2)
        .pipeline_id(3)
        .stage_id(4)
        .filter_id(5)
        .updated_since(since)
        .updated_until(since)
        .include_fields(["next_activity_id", "activities_count"])
        .custom_fields(["a", "b"]);
    assert_eq!(
        query.to_query_string(),
        "owner_id=7&person_id=1&org_id=2&pipeline_id=3&stage_id=4&filter_id=5&updated_since=2025-01-02T03%3A04%3A05Z\
         &updated_until=2025-01-02T03%3A04%3A05Z&include_fields=next_activity_id%2Cactivities_count&custom_fields=a%2Cb"
    );
    assert_eq!(
        PersonsQuery::new()
            .org_id(9)
            .deal_id(8)
            .owner_id(7)
            .to_query_string(),
        "org_id=9&deal_id=8&owner_id=7"
    );
    assert_eq!(
        StagesQuery::new().pipeline_id(1).to_query_string(),
        "pipeline_id=1"
    );

    let sixteen: Vec<String> = (0..16).map(|n| format!("{n:040x}")).collect();
    let error = client
        .list(DealsQuery::new().custom_fields(&sixteen))
        .try_collect::<Vec<_>>()
        .await
        .expect_err("16 keys");
    assert!(
        matches!(&error, ApiError::InvalidCall { reason, .. } if reason.contains("`custom_fields` names 16 keys")),
        "{error}"
    );
    assert!(api_calls(&fake).is_empty(), "refused before sending");
}

#[tokio::test]
async fn ids_go_100_a_call_and_come_back_in_the_order_asked() {
    let fake = fake_with(None).await;
    let acme = fake.company(42);
    for n in 1..=260 {
        acme.add(Entity::Person, json!({"name": format!("Person {n}")}));
    }
    let client = client_of(&fake).await;
    let mut ids: Vec<u64> = (1..=250).rev().collect();
    ids.push(250);
    let persons: Vec<Person> = client.objects_by_id(&ids).await.expect("persons");
    assert_eq!(
        persons.iter().map(|p| p.id).collect::<Vec<_>>(),
        (1..=250).rev().collect::<Vec<_>>()
    );
    let calls = api_calls(&fake);
    assert_eq!(calls.len(), 3, "{calls:#?}");
    let sizes: Vec<usize> = fake
        .requests_to("GET /api/v2/persons")
        .iter()
        .map(|r| r.query_param("ids").map_or(0, |ids| ids.split(',').count()))
        .collect();
    assert_eq!(sizes, [100, 100, 50]);
}

#[tokio::test]
async fn an_archived_deal_asked_by_id_is_said_archived() {
    let fake = fake_with(None).await;
    let acme = fake.company(42);
    for n in 1..=3 {
        acme.add(Entity::Deal, json!({"title": format!("Deal {n}")}));
    }
    acme.archive(Entity::Deal, 2);
    let client = client_of(&fake).await;

    let plain = client.deals(&[1, 2, 3]).await.expect("deals");
    assert_eq!(
        plain.iter().map(|d| d.id).collect::<Vec<_>>(),
        [1, 3],
        "the list leaves it out"
    );

    fake.clear_requests();
    let answer = client.deals_by_id(&[3, 2, 999, 1]).await.expect("by id");
    assert_eq!(
        answer.deals.iter().map(|d| d.id).collect::<Vec<_>>(),
        [3, 2, 1]
    );
    assert_eq!(
        answer
            .archived()
            .map(|d| (d.id, d.title.as_str()))
            .collect::<Vec<_>>(),
        [(2, "Deal 2")]
    );
    assert!(answer.deals[1].archive_time.is_some());
    assert_eq!(answer.missing, [999]);
    assert_eq!(
        api_calls(&fake),
        [
            "GET /api/v2/deals?ids=3%2C2%2C999%2C1&limit=4",
            "GET /api/v2/deals/archived?ids=2%2C999&limit=2"
        ]
    );

    fake.clear_requests();
    let none_archived = client.deals_by_id(&[1, 3]).await.expect("live");
    assert!(none_archived.missing.is_empty());
    assert_eq!(
        api_calls(&fake).len(),
        1,
        "no archived lookup when all are live"
    );
}

#[tokio::test]
async fn gets_of_every_v2_kind_and_the_v1_ones() {
    let fake = fake_with(None).await;
    let acme = fake.company(42);
    let activity = acme.add(
        Entity::Activity,
        json!({"subject": "Call Ann", "type": "call", "due_date": "2025-03-01", "done": false}),
    );
    let product = acme.add(
        Entity::Product,
        json!({"name": "Seat", "prices": [{"price": 10, "currency": "EUR", "cost": 2}]}),
    );
    let pipeline = acme.add(Entity::Pipeline, json!({"name": "Sales"}));
    let stage = acme.add(
        Entity::Stage,
        json!({"name": "Won", "pipeline_id": pipeline}),
    );
    let note = acme.add(Entity::Note, json!({"content": "<b>hi</b>", "deal_id": 1}));
    let lead = acme.add_lead(json!({"title": "Lead", "value": {"amount": 5, "currency": "EUR"}}));
    let org = acme.add(
        Entity::Organization,
        json!({"name": "Acme", "address": {"value": "Main St 1, Tallinn", "locality": "Tallinn"}}),
    );
    let client = client_of(&fake).await;

    let a = client.activity(activity).await.expect("activity");
    assert_eq!(
        (
            a.subject.as_deref(),
            a.activity_type.as_deref(),
            a.due_date.map(|d| d.to_string())
        ),
        (
            Some("Call Ann"),
            Some("call"),
            Some("2025-03-01".to_owned())
        )
    );
    let p = client.product(product).await.expect("product");
    assert_eq!(
        (p.prices[0].price, p.prices[0].currency.as_deref()),
        (Some(10.0), Some("EUR"))
    );
    assert_eq!(
        client.pipeline(pipeline).await.expect("pipeline").name,
        "Sales"
    );
    assert_eq!(
        client.stage(stage).await.expect("stage").pipeline_id,
        Some(pipeline)
    );
    let n = client.note(note).await.expect("note");
    assert_eq!(
        (n.content.as_str(), n.deal_id, n.add_time.is_some()),
        ("<b>hi</b>", Some(1), true)
    );
    let l = client.lead(&lead).await.expect("lead");
    assert_eq!(
        l.value.map(|v| (v.amount, v.currency)),
        Some((5.0, "EUR".to_owned()))
    );
    let o = client.organization(org).await.expect("organization");
    assert_eq!(
        o.address.and_then(|a| a.locality),
        Some("Tallinn".to_owned())
    );
    let users: Vec<_> = client.users().try_collect().await.expect("users");
    assert_eq!(users.len(), 2);
    assert_eq!(client.me().await.expect("me").id, 7);
}

#[tokio::test]
async fn search_finds_a_person_by_email() {
    let fake = fake_with(None).await;
    let acme = fake.company(42);
    acme.add(
        Entity::Person,
        json!({"name": "Ann", "emails": [{"value": "ann@acme.example", "primary": true, "label": "work"}]}),
    );
    let bob = acme.add(
        Entity::Person,
        json!({"name": "Bob", "emails": [{"value": "bob@acme.example", "primary": true, "label": "work"}]}),
    );
    acme.add(Entity::Deal, json!({"title": "Bob's deal"}));
    let client = client_of(&fake).await;

    let found = client
        .person_by_email("bob@acme.example")
        .await
        .expect("search");
    let found = found.expect("Bob is found");
    assert_eq!((found.id, found.name.as_deref()), (bob, Some("Bob")));
    assert_eq!(found.emails, ["bob@acme.example"]);
    let call = &fake.requests_to("GET /api/v2/persons/search")[0];
    assert_eq!(
        (
            call.query_param("term"),
            call.query_param("fields"),
            call.query_param("exact_match")
        ),
        (Some("bob@acme.example"), Some("email"), Some("true"))
    );
    assert_eq!(
        client
            .person_by_email("nobody@acme.example")
            .await
            .expect("search"),
        None
    );

    let hits = client
        .search(&ItemSearch::term("bob").item_types(["deal", "person"]))
        .await
        .expect("item search");
    let kinds: Vec<&str> = hits
        .iter()
        .map(|h| match &h.item {
            FoundItem::Deal(_) => "deal",
            FoundItem::Person(_) => "person",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds.len(), 2, "{hits:#?}");
    assert!(kinds.contains(&"deal") && kinds.contains(&"person"));
    let error = client
        .search_persons(&EntitySearch::term("bob").limit(101))
        .await
        .expect_err("limit");
    assert!(error.to_string().contains("`limit` is 101"), "{error}");
}

#[tokio::test]
async fn per_entity_searches_and_v1_lists() {
    let fake = fake_with(None).await;
    let acme = fake.company(42);
    let deal = acme.add(Entity::Deal, json!({"title": "Globex renewal"}));
    let org = acme.add(Entity::Organization, json!({"name": "Globex"}));
    let product = acme.add(
        Entity::Product,
        json!({"name": "Globex seat", "code": "GS"}),
    );
    let lead = acme.add_lead(json!({"title": "Globex lead"}));
    for n in 1..=3 {
        acme.add(
            Entity::Note,
            json!({"content": format!("note {n}"), "deal_id": if n == 2 { 99 } else { deal }}),
        );
    }
    let client = client_of(&fake).await;
    let globex = EntitySearch::term("globex");
    let deals = client.search_deals(&globex).await.expect("deals");
    assert_eq!(deals.iter().map(|h| h.item.id).collect::<Vec<_>>(), [deal]);
    let orgs = client
        .search_organizations(&globex)
        .await
        .expect("organizations");
    assert_eq!(orgs.iter().map(|h| h.item.id).collect::<Vec<_>>(), [org]);
    let products = client.search_products(&globex).await.expect("products");
    assert_eq!(
        products.iter().map(|h| h.item.id).collect::<Vec<_>>(),
        [product]
    );
    let leads = client.search_leads(&globex).await.expect("leads");
    assert_eq!(
        leads.iter().map(|h| &h.item.id).collect::<Vec<_>>(),
        [&lead]
    );
    assert_eq!(
        fake.requests_to("GET /api/v2/deals/search")[0].query_param("term"),
        Some("globex")
    );

    let all_leads: Vec<_> = client.leads().try_collect().await.expect("leads list");
    assert_eq!(
        all_leads.iter().map(|l| l.id.clone()).collect::<Vec<_>>(),
        [lead]
    );
    let notes: Vec<_> = client
        .notes(pdx::api::NotesQuery::new().deal_id(deal))
        .try_collect()
        .await
        .expect("notes");
    assert_eq!(
        notes.iter().map(|n| n.content.as_str()).collect::<Vec<_>>(),
        ["note 1", "note 3"]
    );
    assert_eq!(
        fake.requests_to("GET /api/v1/notes")[0].query_param("deal_id"),
        Some(deal.to_string().as_str())
    );
}
