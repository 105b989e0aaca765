//! The entities read Pipedrive's documented bodies (the examples of its API reference), typed, keeping the
//! fields pdx does not name; and tolerate what Pipedrive may add (unknown fields, new enum values, `null`s).

use chrono::{Datelike, Timelike};
use pdx::api::{
    Activity, Deal, DealStatus, FoundItem, Lead, Note, Organization, Person, Pipeline, Product,
    SearchHit, Stage, User, VisibleTo,
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn read<T: DeserializeOwned>(body: Value) -> T {
    serde_json::from_value(body).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_deal_of_the_api_reference() {
    let deal: Deal = read(json!({
        "id": 1, "title": "Deal Title", "creator_user_id": 1, "owner_id": 1, "value": 200, "person_id": 1,
        "org_id": 1, "stage_id": 1, "pipeline_id": 1, "currency": "USD",
        "add_time": "2021-02-11T06:09:22Z", "update_time": "2021-02-11T06:09:22Z",
        "stage_change_time": "2021-02-11T06:09:22Z", "is_deleted": false, "is_archived": false,
        "status": "open", "probability": 90, "lost_reason": null, "visible_to": 7, "close_time": null,
        "won_time": null, "lost_time": null, "local_won_date": null, "expected_close_date": "2022-02-11",
        "label_ids": [1, 2, 3], "origin": "ManuallyCreated", "origin_id": null, "channel": 52,
        "channel_id": "Jun23 Billboards", "arr": 12, "mrr": 1, "acv": 12, "source_lead_id": null,
        "custom_fields": {"d4de1c1518b4531717c676029a45911c340390a6": {"value": 500, "currency": "EUR"}},
        "next_activity_id": 4, "something_new": {"a": 1}
    }));
    assert_eq!(
        (deal.id, deal.title.as_str(), deal.value),
        (1, "Deal Title", Some(200.0))
    );
    assert_eq!(deal.status, Some(DealStatus::Open));
    assert_eq!(deal.visible_to, Some(VisibleTo::Everyone));
    assert_eq!(
        deal.expected_close_date
            .map(|d| (d.year(), d.month(), d.day())),
        Some((2022, 2, 11))
    );
    assert_eq!(deal.add_time.map(|t| t.hour()), Some(6));
    assert_eq!(
        (deal.label_ids.len(), deal.channel, deal.probability),
        (3, Some(52), Some(90.0))
    );
    assert_eq!(
        deal.custom_fields
            .get("d4de1c1518b4531717c676029a45911c340390a6"),
        Some(&json!({"value": 500, "currency": "EUR"}))
    );
    assert_eq!(
        deal.extra["next_activity_id"], 4,
        "include_fields land in `extra`"
    );
    assert_eq!(
        deal.extra["something_new"],
        json!({"a": 1}),
        "unknown fields are kept"
    );
    assert!(
        !deal.extra.contains_key("title"),
        "named fields are not repeated"
    );
    let again: Deal = read(serde_json::to_value(&deal).expect("json"));
    assert_eq!(again, deal, "what pdx reads it writes back");

    let other: Deal = read(
        json!({"id": 2, "title": "x", "status": "frozen", "visible_to": 9, "label_ids": null,
                                   "custom_fields": null}),
    );
    assert_eq!(other.status, Some(DealStatus::Other("frozen".into())));
    assert_eq!(other.visible_to, Some(VisibleTo::Other(9)));
    assert!(other.label_ids.is_empty() && other.custom_fields.is_empty());
}

#[test]
fn a_person_and_an_organization() {
    let person: Person = read(json!({
        "id": 1, "name": "Person Name", "first_name": "Person", "last_name": "Name", "owner_id": 1,
        "org_id": 1, "add_time": "2017-10-18T13:23:07Z", "update_time": "2020-05-08T05:30:20Z",
        "emails": [{"value": "email1@email.com", "primary": true, "label": "work"},
                   {"value": "email2@email.com", "primary": false, "label": "home"}],
        "phones": [{"value": "12345", "primary": true, "label": "work"}],
        "is_deleted": false, "visible_to": 3, "label_ids": [1, 2, 3], "picture_id": 1,
        "custom_fields": {}, "notes": "Notes", "im": [{"value": "skype", "primary": true, "label": "skype"}],
        "birthday": "2000-12-31", "job_title": "Manager", "postal_address": {"value": "Mustamäe tee 3a"}
    }));
    assert_eq!(person.primary_email(), Some("email1@email.com"));
    assert_eq!(person.emails[1].label.as_deref(), Some("home"));
    assert_eq!(
        (person.picture_id, person.visible_to),
        (Some(1), Some(VisibleTo::Company))
    );
    assert_eq!(
        person.extra["job_title"], "Manager",
        "Contact Sync fields are kept"
    );

    let org: Organization = read(json!({
        "id": 1, "name": "Organization Name", "owner_id": 1, "add_time": "2021-02-11T06:09:22Z",
        "update_time": "2021-02-11T06:09:22Z", "is_deleted": false, "visible_to": 7,
        "address": {"value": "Mustamäe tee 3, Tallinn, Estonia", "country": "Estonia", "locality": "Tallinn",
                    "sublocality": "Mustamäe", "route": "Mustamäe tee", "street_number": "3",
                    "subpremise": "", "postal_code": "10616", "admin_area_level_1": "Harju maakond"},
        "label_ids": [1], "custom_fields": {}
    }));
    let address = org.address.expect("address");
    assert_eq!(
        (
            address.postal_code.as_deref(),
            address.extra["admin_area_level_1"].as_str()
        ),
        (Some("10616"), Some("Harju maakond"))
    );
}

#[test]
fn an_activity_a_product_a_pipeline_and_a_stage() {
    let activity: Activity = read(json!({
        "id": 1, "subject": "Activity Subject", "type": "call", "owner_id": 1, "creator_user_id": 1,
        "is_deleted": false, "add_time": "2021-01-01T00:00:00Z", "update_time": "2021-01-01T00:00:00Z",
        "deal_id": 5, "lead_id": "abc-def", "person_id": 1, "org_id": 1, "project_id": null,
        "due_date": "2021-01-01", "due_time": "15:00", "duration": "01:00", "busy": true, "done": true,
        "marked_as_done_time": "2021-01-01T00:00:00Z", "location": {"value": "Mustamäe tee 3, Tallinn"},
        "participants": [{"person_id": 1, "primary": true}],
        "attendees": [{"email": "mail@example.org", "name": "Ann", "status": "accepted", "is_organizer": false,
                       "person_id": 1, "user_id": null}],
        "conference_meeting_client": "zoom", "conference_meeting_url": "https://zoom.us/j/1",
        "conference_meeting_id": "1", "public_description": "Description", "priority": 263, "note": "Note"
    }));
    assert_eq!(
        (
            activity.activity_type.as_deref(),
            activity.done,
            activity.priority
        ),
        (Some("call"), true, Some(263))
    );
    assert_eq!(
        (
            activity.participants[0].person_id,
            activity.attendees[0].status.as_deref()
        ),
        (1, Some("accepted"))
    );
    assert_eq!(activity.due_time.as_deref(), Some("15:00"));

    let product: Product = read(json!({
        "id": 1, "name": "Product Name", "code": "CODE", "description": "Description", "unit": "pcs",
        "tax": 0, "category": 1, "owner_id": 1, "is_linkable": true, "is_deleted": false, "visible_to": 3,
        "add_time": "2021-01-01T00:00:00Z", "update_time": "2021-01-01T00:00:00Z",
        "billing_frequency": "one-time", "billing_frequency_cycles": null,
        "prices": [{"product_id": 1, "price": 5, "currency": "EUR", "cost": 2, "direct_cost": 1, "notes": "n"}],
        "custom_fields": {}
    }));
    assert_eq!(
        (
            product.prices[0].direct_cost,
            product.extra["billing_frequency"].as_str()
        ),
        (Some(1.0), Some("one-time"))
    );

    let pipeline: Pipeline = read(
        json!({"id": 1, "name": "Pipeline", "order_nr": 1, "is_deleted": false,
        "is_deal_probability_enabled": true, "add_time": "2015-12-08T13:49:10Z", "update_time": null,
        "is_selected": true}),
    );
    assert!(pipeline.is_deal_probability_enabled && pipeline.extra["is_selected"] == true);
    let stage: Stage = read(
        json!({"id": 1, "order_nr": 1, "name": "Stage Name", "is_deleted": false,
        "deal_probability": 100, "pipeline_id": 1, "is_deal_rot_enabled": false, "days_to_rotten": null,
        "add_time": "2015-12-08T13:49:10Z", "update_time": "2015-12-08T13:49:10Z"}),
    );
    assert_eq!(
        (stage.deal_probability, stage.days_to_rotten),
        (Some(100.0), None)
    );
}

#[test]
fn v1_leads_notes_and_users() {
    let lead: Lead = read(json!({
        "id": "adf21080-0e10-11eb-879b-05d71fb426ec", "title": "Jane Doe Lead", "owner_id": 1, "creator_id": 1,
        "label_ids": ["f08b42a0-4e75-11ea-9643-03698ef1cfd6"], "person_id": 1092, "organization_id": null,
        "source_name": "API", "origin": "API", "origin_id": null, "channel": null, "channel_id": null,
        "source_deal_id": null, "is_archived": false, "was_seen": false,
        "value": {"amount": 999, "currency": "USD"}, "expected_close_date": null, "next_activity_id": 1,
        "add_time": "2020-10-14T11:30:36.551Z", "update_time": "2020-10-14T11:30:36.551Z", "visible_to": "3",
        "cc_email": "company+1+leadntPaYKA5QRxXkh6WMNHiGh@dev.pipedrivemail.com",
        "d4de1c1518b4531717c676029a45911c340390a6": "lead custom"
    }));
    assert_eq!(
        (lead.visible_to, lead.value.map(|v| v.amount)),
        (Some(VisibleTo::Company), Some(999.0))
    );
    assert_eq!(lead.add_time.map(|t| t.minute()), Some(30));
    assert_eq!(
        lead.extra["d4de1c1518b4531717c676029a45911c340390a6"],
        "lead custom"
    );

    let note: Note = read(json!({
        "id": 1, "active_flag": true, "add_time": "2020-09-08 12:05:00", "content": "abc", "deal_id": 1,
        "lead_id": null, "org_id": 2, "person_id": 3, "project_id": null, "last_update_user_id": 1,
        "pinned_to_deal_flag": true, "pinned_to_organization_flag": false, "pinned_to_person_flag": false,
        "update_time": "2020-09-08 12:05:00", "user_id": 1,
        "deal": {"title": "Deal"}, "user": {"email": "a@b.c", "name": "Ann", "is_you": true}
    }));
    assert_eq!(note.add_time.map(|t| (t.hour(), t.minute())), Some((12, 5)));
    assert!(note.pinned_to_deal_flag && note.extra["user"]["name"] == "Ann");
    let bad = serde_json::from_value::<Note>(json!({"id": 1, "add_time": "yesterday"}))
        .expect_err("time");
    assert!(
        bad.to_string().contains("`yesterday` is not a time"),
        "{bad}"
    );

    let user: User = read(json!({
        "id": 1, "name": "John Doe", "default_currency": "EUR", "locale": "et_EE", "lang": 1,
        "email": "john@pipedrive.com", "phone": "0000-0001", "activated": true,
        "last_login": "2019-11-21 08:45:56", "created": "2018-11-13 09:16:26", "modified": "2019-11-21 08:45:56",
        "has_created_company": true, "access": [{"app": "sales", "admin": true, "permission_set_id": "62cc4d7f"}],
        "active_flag": true, "timezone_name": "Europe/Berlin", "timezone_offset": "+03:00", "role_id": 1,
        "icon_url": null, "is_you": true, "is_deleted": false, "is_admin": 1
    }));
    assert_eq!(
        (user.access[0].admin, user.created.map(|t| t.year())),
        (true, Some(2018))
    );
    assert_eq!(user.extra["is_admin"], 1);
}

#[test]
fn search_results_by_type() {
    let hits: Vec<SearchHit<FoundItem>> = read(json!([
        {"result_score": 1.22, "item": {"id": 1, "type": "person", "name": "Jane Doe", "phones": ["+372 555555555"],
         "emails": ["jane@pipedrive.com"], "visible_to": 3, "owner": {"id": 1}, "organization": {"id": 1,
         "name": "Organization name", "address": null}, "custom_fields": [], "notes": []}},
        {"result_score": 0.5, "item": {"id": 2, "type": "deal", "title": "Jane Doe deal", "value": 100,
         "currency": "USD", "status": "open", "visible_to": 3, "owner": {"id": 1}, "stage": {"id": 1,
         "name": "Lead In"}, "person": {"id": 1, "name": "Jane Doe"}, "organization": null,
         "custom_fields": [], "notes": [], "is_archived": true}},
        {"result_score": 0.1, "item": {"id": 3, "type": "file", "name": "contract.pdf"}}
    ]));
    let FoundItem::Person(person) = &hits[0].item else {
        panic!("{:?}", hits[0])
    };
    assert_eq!(
        (
            person.emails.as_slice(),
            person.organization.as_ref().map(|o| o.id)
        ),
        (&["jane@pipedrive.com".to_owned()][..], Some(1))
    );
    let FoundItem::Deal(deal) = &hits[1].item else {
        panic!("{:?}", hits[1])
    };
    assert!(
        deal.is_archived && deal.stage.as_ref().and_then(|s| s.name.as_deref()) == Some("Lead In")
    );
    assert!(matches!(&hits[2].item, FoundItem::Other(v) if v["name"] == "contract.pdf"));
}
