//! Webhook events parse as Pipedrive sends them: the guide's examples, the formats `meta.timestamp` has had,
//! unknown objects and meta fields, custom fields in their webhook shape with `null` as "was empty", and the
//! two events of a merge.

use pdx::webhooks::{
    DealEvent, EventAction, EventObject, Merge, PersonEvent, ProductEvent, UserEvent,
    WebhookCustomField, WebhookEvent, WebhookKind,
};
use serde_json::{Value, json};

const MONETARY_KEY: &str = "d4de1c1518b4531717c676029a45911c340390a6";

/// The guide's `change.deal` example: stage moved and a monetary custom field filled.
fn change_deal() -> Value {
    json!({
      "meta": {
        "action": "change", "entity": "deal", "entity_id": "412",
        "id": "9c1e7a40-3f2b-4d8e-9a61-2b5f0d7e1c33", "company_id": "7654321", "user_id": "1234567",
        "webhook_id": "998877", "webhook_owner_id": "1234567",
        "correlation_id": "0b6f8d2e-51a4-4c7e-8f1d-6e2a9b3c4d5f",
        "timestamp": "2026-05-04T09:15:02.318Z", "type": "application", "version": "2.0",
        "change_source": "app", "is_bulk_edit": false, "attempt": 1, "host": "acme.pipedrive.com",
        "permitted_user_ids": ["1234567", "2345678"]
      },
      "data": {
        "id": 412, "title": "Acme Oy renewal", "status": "open", "value": 12000, "currency": "EUR",
        "pipeline_id": 1, "stage_id": 3, "person_id": 88, "org_id": 21, "owner_id": 1234567,
        "creator_user_id": 1234567, "label_ids": [], "origin": "ManuallyCreated", "origin_id": null,
        "channel": null, "channel_id": null, "probability": null, "visible_to": "3",
        "add_time": "2026-04-30T08:00:00Z", "update_time": "2026-05-04T09:15:02Z",
        "stage_change_time": "2026-05-04T09:15:02Z", "expected_close_date": "2026-06-30",
        "close_time": null, "won_time": null, "lost_time": null, "first_won_time": null, "lost_reason": null,
        "custom_fields": {
          MONETARY_KEY: { "type": "monetary", "value": 2300, "currency": "EUR" }
        }
      },
      "previous": {
        "stage_id": 2, "stage_change_time": null, "update_time": "2026-05-02T11:40:10Z",
        "custom_fields": { MONETARY_KEY: null }
      }
    })
}

#[test]
fn the_guides_change_deal_example_reads_every_meta_field_and_the_typed_deal() {
    let event: WebhookEvent<DealEvent> =
        serde_json::from_value(change_deal()).expect("change.deal");
    let meta = &event.meta;
    assert_eq!(meta.action, EventAction::Change);
    assert_eq!(meta.entity, EventObject::Deal);
    assert_eq!(meta.entity_id, "412");
    assert_eq!(meta.id, "9c1e7a40-3f2b-4d8e-9a61-2b5f0d7e1c33");
    assert_eq!(
        (meta.company_id.as_str(), meta.user_id.as_str()),
        ("7654321", "1234567")
    );
    assert_eq!(meta.webhook_id, "998877");
    assert_eq!(meta.webhook_owner_id.as_deref(), Some("1234567"));
    assert_eq!(
        meta.correlation_id.as_deref(),
        Some("0b6f8d2e-51a4-4c7e-8f1d-6e2a9b3c4d5f")
    );
    assert_eq!(meta.timestamp.as_received(), "2026-05-04T09:15:02.318Z");
    assert_eq!(meta.timestamp.utc().timestamp_millis(), 1_777_886_102_318);
    assert_eq!(meta.kind, Some(WebhookKind::Application));
    assert_eq!(meta.version.as_deref(), Some("2.0"));
    assert_eq!(meta.change_source.as_deref(), Some("app"));
    assert!(!meta.is_bulk_edit);
    assert_eq!(meta.attempt, 1);
    assert_eq!(meta.host.as_deref(), Some("acme.pipedrive.com"));
    assert_eq!(
        meta.permitted_user_ids.as_deref(),
        Some(&["1234567".to_owned(), "2345678".to_owned()][..])
    );
    assert!(meta.other.is_empty(), "{:?}", meta.other);
    assert_eq!(event.merge(), None);

    let deal = event.data.as_ref().expect("data");
    assert_eq!(deal.id, Some(412));
    assert_eq!(deal.title.as_deref(), Some("Acme Oy renewal"));
    assert_eq!(
        (deal.stage_id, deal.pipeline_id, deal.person_id),
        (Some(3), Some(1), Some(88))
    );
    assert_eq!(deal.value, Some(12000.0));
    assert_eq!(deal.visible_to.as_deref(), Some("3"));
    assert_eq!(deal.probability, None);
    // Fields pdx does not type are kept.
    assert_eq!(deal.other.get("channel"), Some(&Value::Null));
    assert!(deal.other.contains_key("first_won_time"));

    // Row 17: the custom field now, and `null` in `previous` read as "was empty".
    assert_eq!(
        deal.custom_fields.get(MONETARY_KEY),
        Some(&Some(WebhookCustomField::Monetary {
            value: 2300.0,
            currency: Some("EUR".into())
        }))
    );
    assert_eq!(event.previous_custom_field(MONETARY_KEY), Some(None));
    assert_eq!(
        event.previous_custom_field("0000000000000000000000000000000000000000"),
        None
    );
    assert!(event.changed("stage_id"));
    assert!(!event.changed("title"));
    assert_eq!(event.previous_value("stage_id"), Some(&json!(2)));
}

#[test]
fn the_guides_delete_person_example_has_no_data_and_the_last_state() {
    let body = json!({
      "meta": {
        "action": "delete", "entity": "person", "entity_id": "88",
        "id": "3e0d5b21-8c4f-4a9b-b7e2-1f6c9d0a2e47", "company_id": "7654321", "user_id": "2345678",
        "webhook_id": "998878", "webhook_owner_id": "1234567",
        "correlation_id": "a7c3e9f1-2d4b-4e6a-9c8d-5b1f3e7a0c92",
        "timestamp": "2026-05-04T10:02:44.051Z", "type": "application", "version": "2.0",
        "change_source": "api", "is_bulk_edit": false, "attempt": 2, "host": "acme.pipedrive.com"
      },
      "data": null,
      "previous": {
        "id": 88, "name": "Maria Tamm", "first_name": "Maria", "last_name": "Tamm", "org_id": 21,
        "owner_id": 1234567, "label": null, "visible_to": "3", "emails": [], "phones": [],
        "add_time": "2026-01-12T08:30:00Z", "update_time": "2026-04-28T14:10:09Z", "custom_fields": {}
      }
    });
    let event: WebhookEvent<PersonEvent> = serde_json::from_value(body).expect("delete.person");
    assert_eq!(event.meta.action, EventAction::Delete);
    assert_eq!(event.meta.attempt, 2);
    assert_eq!(event.meta.permitted_user_ids, None);
    assert_eq!(event.data, None);
    let last: PersonEvent =
        serde_json::from_value(event.previous.clone().expect("previous")).expect("person");
    assert_eq!(last.name.as_deref(), Some("Maria Tamm"));
    assert_eq!(last.org_id, Some(21));
}

fn meta(entity: &str, timestamp: Value) -> Value {
    json!({"action": "change", "entity": entity, "entity_id": "5", "id": "5", "company_id": "1",
           "user_id": "5", "webhook_id": "9", "timestamp": timestamp, "type": "general", "version": "2.0"})
}

#[test]
fn row_15_integer_and_space_separated_timestamps_parse() {
    let user: WebhookEvent<UserEvent> = serde_json::from_value(json!({
        "meta": meta("user", json!(1_777_886_102)),
        "data": {"id": "5", "name": "Ann", "active_flag": false},
        "previous": {"active_flag": true}
    }))
    .expect("user event with Unix seconds");
    assert_eq!(user.meta.timestamp.utc().timestamp(), 1_777_886_102);
    assert_eq!(user.meta.timestamp.as_received(), "1777886102");
    assert_eq!(user.data.as_ref().and_then(|u| u.id), Some(5));
    assert_eq!(user.data.as_ref().and_then(|u| u.active_flag), Some(false));

    let product: WebhookEvent<ProductEvent> = serde_json::from_value(json!({
        "meta": meta("product", json!("2026-05-04 09:15:02")),
        "data": {"id": 7, "name": "Widget", "add_time": "2026-05-04 09:15:02"},
        "previous": null
    }))
    .expect("product event with the space format");
    assert_eq!(product.meta.timestamp.utc().timestamp(), 1_777_886_102);
    assert_eq!(
        product.data.and_then(|p| p.add_time).as_deref(),
        Some("2026-05-04 09:15:02")
    );

    let bad = serde_json::from_value::<WebhookEvent>(json!({"meta": meta("deal", json!("soon"))}));
    let message = bad.expect_err("not a timestamp").to_string();
    assert!(message.contains("`soon` is not a timestamp"), "{message}");
}

#[test]
fn row_16_a_new_object_and_an_unknown_meta_field_are_kept() {
    let mut m = meta("deal_product", json!("2026-05-04T09:15:02Z"));
    m["sampling_rate"] = json!(0.5);
    let known: WebhookEvent =
        serde_json::from_value(json!({"meta": m, "data": {"id": 1}})).expect("deal_product");
    assert_eq!(known.meta.entity, EventObject::DealProduct);
    assert_eq!(known.meta.other.get("sampling_rate"), Some(&json!(0.5)));

    let future: WebhookEvent = serde_json::from_value(json!({
        "meta": meta("deal_field", json!("2026-05-04T09:15:02Z")), "data": {"id": 1}
    }))
    .expect("an object pdx does not know");
    assert_eq!(future.meta.entity, EventObject::Other("deal_field".into()));
    assert_eq!(future.data, Some(json!({"id": 1})));
}

#[test]
fn row_18_both_events_of_a_merge_carry_the_link() {
    let mut deleted = meta("person", json!("2026-05-04T09:15:02Z"));
    deleted["action"] = json!("delete");
    deleted["merged_to_id"] = json!("90");
    let mut changed = meta("person", json!("2026-05-04T09:15:02Z"));
    changed["merged_from_id"] = json!("88");
    let deleted: WebhookEvent = serde_json::from_value(json!({"meta": deleted, "data": null}))
        .expect("delete of the merge");
    let changed: WebhookEvent =
        serde_json::from_value(json!({"meta": changed, "data": {}})).expect("change of the merge");
    assert_eq!(deleted.merge(), Some(Merge::MergedInto("90".into())));
    assert_eq!(changed.merge(), Some(Merge::Absorbed("88".into())));
}

#[test]
fn every_custom_field_type_of_the_guide_reads_into_its_variant() {
    let cases = [
        (
            json!({"type": "text", "value": "long"}),
            WebhookCustomField::Text("long".into()),
        ),
        (
            json!({"type": "phone", "value": "+372"}),
            WebhookCustomField::Phone("+372".into()),
        ),
        (
            json!({"type": "date", "value": "2026-01-02"}),
            WebhookCustomField::Date("2026-01-02".into()),
        ),
        (
            json!({"type": "double", "value": 1.5}),
            WebhookCustomField::Double(1.5),
        ),
        (
            json!({"type": "org", "id": 21}),
            WebhookCustomField::Org(21),
        ),
        (
            json!({"type": "user", "id": 7}),
            WebhookCustomField::User(7),
        ),
        (
            json!({"type": "enum", "id": 3}),
            WebhookCustomField::Enum(3),
        ),
        (
            json!({"type": "time", "value": "00:45:00", "timezone_id": 1}),
            WebhookCustomField::Time {
                value: "00:45:00".into(),
                timezone_id: Some(1),
            },
        ),
        (
            json!({"type": "timerange", "from": "09:00:00", "until": "10:00:00", "timezone_id": 2}),
            WebhookCustomField::TimeRange {
                from: "09:00:00".into(),
                until: "10:00:00".into(),
                timezone_id: Some(2),
            },
        ),
    ];
    for (value, expected) in cases {
        assert_eq!(
            WebhookCustomField::from_value(&value),
            Some(expected),
            "{value}"
        );
    }
    let address =
        WebhookCustomField::from_value(&json!({"type": "address", "value": "Tartu mnt 1",
        "locality": "Tallinn", "postal_code": "10115"}));
    let Some(WebhookCustomField::Address(address)) = address else {
        panic!("address: {address:?}");
    };
    assert_eq!(address.locality.as_deref(), Some("Tallinn"));
    assert_eq!(address.postal_code.as_deref(), Some("10115"));
}
