//! Typed entity writes against `pdx::testing::FakePipedrive`: each sends exactly the documented body (fields
//! left unset are not sent, custom fields under `custom_fields`), through the scopes that allow it.

use crate::setup;

use chrono::NaiveDate;
use pdx::api::{
    ActivityUpdate, ApiError, ContactDetail, DealStatus, DealUpdate, NewActivity, NewDeal, NewNote,
    NewPerson, PersonUpdate, VisibleTo,
};
use pdx::scope::Scope;
use pdx::testing::fake::{Entity, FieldType};
use serde_json::{Value, json};
use setup::{api_calls, client_of, fake_with};

/// The body of the one request the fake got to `pattern`.
fn body_sent(fake: &pdx::testing::FakePipedrive, pattern: &str) -> Value {
    let requests = fake.requests_to(pattern);
    assert_eq!(requests.len(), 1, "{pattern}: {requests:#?}");
    requests[0].body.clone().unwrap_or(Value::Null)
}

#[tokio::test]
async fn deals_are_created_updated_and_deleted_with_the_documented_bodies() {
    let fake = fake_with(None).await;
    let seats = fake
        .company(42)
        .add_custom_field(Entity::Deal, "Seats", FieldType::Double);
    let client = client_of(&fake).await;

    let new = NewDeal::new("Acme renewal")
        .value(1200.5, "EUR")
        .person_id(3)
        .stage_id(2)
        .visible_to(VisibleTo::Owner)
        .expected_close_date(NaiveDate::from_ymd_opt(2025, 6, 30).expect("date"))
        .custom_field(&seats, json!(12));
    let deal = client.create_deal(&new).await.expect("create");
    assert_eq!(
        body_sent(&fake, "POST /api/v2/deals"),
        json!({
            "title": "Acme renewal", "person_id": 3, "stage_id": 2, "value": 1200.5, "currency": "EUR",
            "visible_to": 1, "expected_close_date": "2025-06-30", "custom_fields": {&seats: 12}
        })
    );
    assert_eq!(
        (
            deal.title.as_str(),
            deal.value,
            deal.visible_to,
            deal.custom_fields.get(&seats)
        ),
        (
            "Acme renewal",
            Some(1200.5),
            Some(VisibleTo::Owner),
            Some(&json!(12))
        )
    );

    let update = DealUpdate::new()
        .status(DealStatus::Won)
        .custom_field(&seats, json!(15));
    let updated = client.update_deal(deal.id, &update).await.expect("update");
    assert_eq!(
        body_sent(&fake, "PATCH /api/v2/deals/{id}"),
        json!({"status": "won", "custom_fields": {&seats: 15}}),
        "only what was set"
    );
    assert_eq!(
        (updated.status, updated.title.as_str(), updated.value),
        (Some(DealStatus::Won), "Acme renewal", Some(1200.5))
    );
    assert_eq!(
        serde_json::to_value(DealUpdate::new()).expect("json"),
        json!({})
    );

    assert_eq!(client.delete_deal(deal.id).await.expect("delete"), deal.id);
    assert_eq!(fake.requests_to("DELETE /api/v2/deals/{id}").len(), 1);
    assert_eq!(client.stats().tokens_spent, 5 + 5 + 3);
}

#[tokio::test]
async fn persons_are_created_and_updated_with_typed_emails_and_phones() {
    let fake = fake_with(None).await;
    let client = client_of(&fake).await;
    let new = NewPerson::new("Ann")
        .org_id(4)
        .emails([ContactDetail::primary("ann@acme.example", "work")])
        .phones([ContactDetail::primary("+372 555 0100", "mobile")]);
    let person = client.create_person(&new).await.expect("create");
    assert_eq!(
        body_sent(&fake, "POST /api/v2/persons"),
        json!({
            "name": "Ann", "org_id": 4,
            "emails": [{"value": "ann@acme.example", "primary": true, "label": "work"}],
            "phones": [{"value": "+372 555 0100", "primary": true, "label": "mobile"}]
        })
    );
    assert_eq!(person.primary_email(), Some("ann@acme.example"));
    assert_eq!(person.phones[0].label.as_deref(), Some("mobile"));

    let updated = client
        .update_person(person.id, &PersonUpdate::new().name("Ann Smith"))
        .await
        .expect("update");
    assert_eq!(
        body_sent(&fake, "PATCH /api/v2/persons/{id}"),
        json!({"name": "Ann Smith"})
    );
    assert_eq!(
        (updated.name.as_deref(), updated.primary_email()),
        (Some("Ann Smith"), Some("ann@acme.example"))
    );
}

#[tokio::test]
async fn activities_are_created_updated_and_marked_done() {
    let fake = fake_with(None).await;
    let client = client_of(&fake).await;
    let new = NewActivity::new()
        .subject("Call Ann")
        .activity_type("call")
        .deal_id(5)
        .due_date(NaiveDate::from_ymd_opt(2025, 3, 1).expect("date"))
        .due_time("09:30", "00:15");
    let activity = client.create_activity(&new).await.expect("create");
    assert_eq!(
        body_sent(&fake, "POST /api/v2/activities"),
        json!({"subject": "Call Ann", "type": "call", "deal_id": 5, "due_date": "2025-03-01",
               "due_time": "09:30", "duration": "00:15"})
    );
    assert!(!activity.done);

    client
        .update_activity(activity.id, &ActivityUpdate::new().note("Left a message"))
        .await
        .expect("update");
    let done = client.mark_activity_done(activity.id).await.expect("done");
    let bodies: Vec<Value> = fake
        .requests_to("PATCH /api/v2/activities/{id}")
        .into_iter()
        .filter_map(|r| r.body)
        .collect();
    assert_eq!(
        bodies,
        [json!({"note": "Left a message"}), json!({"done": true})]
    );
    assert!(done.done);
    assert_eq!(done.note.as_deref(), Some("Left a message"));
}

#[tokio::test]
async fn notes_are_created_through_v1_and_must_be_attached() {
    let fake = fake_with(None).await;
    let deal = fake.company(42).add(Entity::Deal, json!({"title": "Acme"}));
    let client = client_of(&fake).await;
    let note = client
        .create_note(&NewNote::new("<p>Called <b>Ann</b></p>").deal_id(deal))
        .await
        .expect("note");
    assert_eq!(
        body_sent(&fake, "POST /api/v1/notes"),
        json!({"content": "<p>Called <b>Ann</b></p>", "deal_id": deal})
    );
    assert_eq!(
        (note.deal_id, note.content.as_str()),
        (Some(deal), "<p>Called <b>Ann</b></p>")
    );

    fake.clear_requests();
    let error = client
        .create_note(&NewNote::new("alone"))
        .await
        .expect_err("unattached");
    assert!(
        matches!(&error, ApiError::InvalidCall { call, reason } if call == "POST /api/v1/notes" && reason.contains("attached")),
        "{error}"
    );
    assert!(api_calls(&fake).is_empty());
}

#[tokio::test]
async fn a_call_outside_the_granted_scopes_fails_naming_the_scope() {
    let fake = fake_with(Some(&[Scope::DealsRead, Scope::ActivitiesRead])).await;
    let deal = fake.company(42).add(Entity::Deal, json!({"title": "Acme"}));
    let client = client_of(&fake).await;
    assert_eq!(
        client.deal(deal).await.expect("read is granted").title,
        "Acme"
    );

    let error = client
        .create_deal(&NewDeal::new("x"))
        .await
        .expect_err("write");
    let ApiError::MissingScope { call, needed, .. } = &error else {
        panic!("expected MissingScope, got {error:?}");
    };
    assert_eq!(
        (call.as_str(), needed.as_slice()),
        ("POST /api/v2/deals", &[Scope::DealsFull][..])
    );
    assert!(error.to_string().contains("deals:full"), "{error}");

    let error = client
        .mark_activity_done(1)
        .await
        .expect_err("activities:full");
    assert!(error.to_string().contains("activities:full"), "{error}");
    let error = client
        .create_note(&NewNote::new("x").deal_id(deal))
        .await
        .expect_err("notes");
    assert!(matches!(error, ApiError::MissingScope { .. }), "{error}");
    let error = client
        .person_by_email("a@b.example")
        .await
        .expect_err("search");
    assert!(error.to_string().contains("search:read"), "{error}");
    assert_eq!(
        api_calls(&fake),
        [format!("GET /api/v2/deals/{deal}")],
        "nothing else was sent"
    );
}
