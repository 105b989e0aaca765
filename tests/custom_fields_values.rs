//! Custom-field values without the API: definitions as the Fields API sends them, names matched, every
//! malformed value an error naming the field and what is wrong, and limits checked before anything is sent.

use pdx::custom_fields::{
    Address, CustomFieldError, CustomFields, DateRange, FieldDefinition, FieldType, Monetary,
    MultipleOptions, Resolved, SingleOption, UserId,
};
use serde_json::{Map, Value, json};

const TERMS: &str = "5b1e4c8d9f0a1b2c3d4e5f60718293a4b5c6d7e8";
const DUE: &str = "0f9e8d7c6b5a49382716a5b4c3d2e1f0a9b8c7d6";

fn definitions(extra: Value) -> Vec<FieldDefinition> {
    let mut all = vec![
        json!({"field_code": "title", "field_name": "Title", "field_type": "varchar", "is_custom_field": false,
               "options": null, "subfields": null}),
        json!({"field_code": "stage_id", "field_name": "Stage", "field_type": "stage", "is_custom_field": false}),
        json!({"field_code": TERMS, "field_name": "Invoice terms", "field_type": "varchar", "is_custom_field": true,
               "is_optional_response_field": false, "options": null, "subfields": null}),
        json!({"field_code": DUE, "field_name": "Amount due", "field_type": "monetary", "is_custom_field": true,
               "subfields": [{"field_code": format!("{DUE}_currency"), "field_name": "Currency", "field_type": "varchar"}]}),
    ];
    if let Value::Array(more) = extra {
        all.extend(more);
    }
    serde_json::from_value(Value::Array(all)).expect("definitions")
}

fn object(value: Value) -> Map<String, Value> {
    value.as_object().cloned().expect("an object")
}

#[derive(CustomFields, Debug, PartialEq)]
#[custom_fields(entity = "deal")]
struct Invoice {
    #[custom_field(name = "invoice TERMS ")]
    terms: String,
    #[custom_field(code = "0f9e8d7c6b5a49382716a5b4c3d2e1f0a9b8c7d6")]
    due: Option<Monetary>,
}

#[test]
fn definitions_keep_unknown_types_and_attributes() {
    let defs = definitions(
        json!([{"field_code": "x", "field_name": "X", "field_type": "hologram",
                                    "is_custom_field": true, "ui_visibility": {"add_visible_flag": true}}]),
    );
    assert_eq!(defs[1].field_type, FieldType::Other("stage".into()));
    assert_eq!(defs[3].field_type, FieldType::Monetary);
    assert_eq!(defs[3].subfields[0].field_name, "Currency");
    assert_eq!(defs[4].field_type.name(), "hologram");
    assert_eq!(
        defs[4].extra["ui_visibility"],
        json!({"add_visible_flag": true})
    );
    assert!(defs[2].options.is_empty(), "null options are none");
    let again: Vec<FieldDefinition> =
        serde_json::from_value(serde_json::to_value(&defs).expect("json")).expect("back");
    assert_eq!(again, defs, "round trip");
}

#[test]
fn names_match_ignoring_case_and_spaces_and_codes_exactly() {
    let resolved = Resolved::<Invoice>::new(&definitions(json!([]))).expect("resolved");
    assert_eq!(resolved.keys().collect::<Vec<_>>(), [TERMS, DUE]);
    let invoice = resolved
        .read(&object(
            json!({TERMS: "Net 30", DUE: {"value": "12.5", "currency": "EUR"}}),
        ))
        .expect("read");
    assert_eq!(
        invoice,
        Invoice {
            terms: "Net 30".into(),
            due: Some(Monetary {
                value: 12.5,
                currency: "EUR".into()
            })
        }
    );
}

#[test]
fn two_fields_with_the_name_ask_for_the_code() {
    let defs = definitions(
        json!([{"field_code": "aaaa", "field_name": "Invoice terms", "field_type": "text",
                                    "is_custom_field": true}]),
    );
    let error = Resolved::<Invoice>::new(&defs).expect_err("ambiguous");
    assert_eq!(
        error.to_string(),
        format!(
            "`Invoice.terms`: several fields are named \"Invoice terms\" ({TERMS}, aaaa): name it by `code = \"...\"`"
        )
    );
}

#[test]
fn a_required_field_that_is_empty_is_an_error_an_optional_one_is_none() {
    let resolved = Resolved::<Invoice>::new(&definitions(json!([]))).expect("resolved");
    let error = resolved
        .read(&object(json!({TERMS: null})))
        .expect_err("empty");
    assert_eq!(
        error,
        CustomFieldError::Value {
            member: "Invoice.terms".into(),
            field_name: "Invoice terms".into(),
            message: "the field is empty: use an `Option` to read empty fields".into(),
        }
    );
    let read = resolved
        .read(&object(json!({TERMS: "x"})))
        .expect("absent is empty");
    assert_eq!(read.due, None);
}

#[test]
fn malformed_values_say_what_was_expected() {
    let resolved = Resolved::<Invoice>::new(&definitions(json!([]))).expect("resolved");
    for (value, message) in [
        (
            json!({TERMS: 12}),
            "`Invoice.terms` (field \"Invoice terms\"): expected a string, found 12",
        ),
        (
            json!({TERMS: "x", DUE: 500}),
            "`Invoice.due` (field \"Amount due\"): expected {\"value\": <number>, \"currency\": <code>}, found 500",
        ),
    ] {
        assert_eq!(
            resolved
                .read(&object(value))
                .expect_err("malformed")
                .to_string(),
            message
        );
    }
}

#[test]
fn writes_are_checked_before_sending() {
    let resolved = Resolved::<Invoice>::new(&definitions(json!([]))).expect("resolved");
    let long = Invoice {
        terms: "x".repeat(256),
        due: None,
    };
    assert_eq!(
        resolved.write(&long).expect_err("too long").to_string(),
        "`Invoice.terms` (field \"Invoice terms\"): 256 characters: a `varchar` field takes at most 255"
    );
    let bad_currency = Invoice {
        terms: "ok".into(),
        due: Some(Monetary {
            value: 1.0,
            currency: "euro".into(),
        }),
    };
    assert!(
        resolved
            .write(&bad_currency)
            .expect_err("currency")
            .to_string()
            .contains("`euro` is not a 3-letter")
    );
    let infinite = Invoice {
        terms: "ok".into(),
        due: Some(Monetary {
            value: f64::INFINITY,
            currency: "EUR".into(),
        }),
    };
    assert!(
        resolved
            .write(&infinite)
            .expect_err("not a number")
            .to_string()
            .contains("inf is not a number")
    );
    let fine = Invoice {
        terms: "x".repeat(255),
        due: None,
    };
    assert_eq!(
        Value::Object(resolved.write(&fine).expect("255 is fine"))[DUE],
        Value::Null
    );
}

#[derive(CustomFields, Debug)]
#[custom_fields(entity = "deal")]
struct Options {
    #[custom_field(name = "Tier")]
    tier: Option<SingleOption>,
    #[custom_field(name = "Channels")]
    channels: MultipleOptions,
    #[custom_field(name = "Campaign")]
    campaign: Option<DateRange>,
    #[custom_field(name = "Site")]
    site: Option<Address>,
    #[custom_field(name = "Manager")]
    manager: Option<UserId>,
}

fn option_definitions() -> Vec<FieldDefinition> {
    definitions(json!([
        {"field_code": "t", "field_name": "Tier", "field_type": "enum", "is_custom_field": true,
         "options": [{"id": 31, "label": "Gold", "color": null}, {"id": 32, "label": "Silver"}]},
        {"field_code": "c", "field_name": "Channels", "field_type": "set", "is_custom_field": true,
         "options": [{"id": 41, "label": "Email"}, {"id": 42, "label": "Phone"}]},
        {"field_code": "d", "field_name": "Campaign", "field_type": "daterange", "is_custom_field": true},
        {"field_code": "s", "field_name": "Site", "field_type": "address", "is_custom_field": true},
        {"field_code": "m", "field_name": "Manager", "field_type": "user", "is_custom_field": true},
    ]))
}

#[test]
fn options_by_label_and_forward_compatible_shapes() {
    let resolved = Resolved::<Options>::new(&option_definitions()).expect("resolved");
    // v1's comma-separated set and an id object are read too.
    let read = resolved
        .read(&object(
            json!({"t": 32, "c": "41,42", "m": {"id": 9, "name": "Ann"}}),
        ))
        .expect("read");
    assert_eq!(read.tier, Some(SingleOption("Silver".into())));
    assert_eq!(
        read.channels,
        MultipleOptions(vec!["Email".into(), "Phone".into()])
    );
    assert_eq!(read.manager, Some(UserId(9)));
    assert_eq!(read.campaign, None);
    let unknown = resolved
        .read(&object(json!({"t": 99})))
        .expect_err("unknown id");
    assert_eq!(
        unknown.to_string(),
        "`Options.tier` (field \"Tier\"): option id 99 is not one of the field's options"
    );
}

#[test]
fn ranges_and_addresses_are_checked_when_written() {
    let resolved = Resolved::<Options>::new(&option_definitions()).expect("resolved");
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 6, d).expect("day");
    let backwards = Options {
        tier: None,
        channels: MultipleOptions::default(),
        campaign: Some(DateRange {
            start: day(30),
            until: day(1),
        }),
        site: None,
        manager: None,
    };
    assert!(
        resolved
            .write(&backwards)
            .expect_err("backwards")
            .to_string()
            .contains("ends (2026-06-01) before it starts")
    );
    let empty_address = Options {
        campaign: None,
        site: Some(Address::default()),
        ..backwards
    };
    assert!(
        resolved
            .write(&empty_address)
            .expect_err("no value")
            .to_string()
            .contains("needs its `value`")
    );
    let none = Options {
        site: None,
        ..empty_address
    };
    assert_eq!(
        Value::Object(resolved.write(&none).expect("written")),
        json!({"t": null, "c": [], "d": null, "s": null, "m": null})
    );
}

#[derive(CustomFields, Debug)]
#[custom_fields(entity = "deal")]
struct WrongType {
    #[custom_field(name = "Tier")]
    tier: Option<String>,
}

#[test]
fn a_type_mismatch_names_both_fields_and_types() {
    let error = Resolved::<WrongType>::new(&option_definitions()).expect_err("mismatch");
    assert_eq!(
        error.to_string(),
        "`WrongType.tier`: the field \"Tier\" is of type `enum`, but the Rust type holds text (`varchar`, `text`, \
         `varchar_auto`, `phone`)"
    );
}
