//! `#[derive(JsonPanel)]`: field types from Rust types, attributes, serde renames, actions, round trips.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use pdx::panel::{
    ActionTarget, Address, Currency, DataStructure, Email, FieldType, JsonPanel, Label, LabelColor,
    Link, Markdown, PanelAction, PanelKind, PanelResponse, Phone, Tags, Time,
};
use pdx::{JsonPanel, Severity};
use serde::Serialize;
use serde_json::{Value, json};
use std::borrow::Cow;

/// One field of every type, from Rust types and from attributes.
#[derive(Serialize, JsonPanel)]
#[panel(
    list,
    global_action = "Create order",
    object_action = "Cancel order",
    object_action = "Refund"
)]
struct Order<'a> {
    #[panel(header)]
    title: String,
    id: u64,
    weight_kg: Option<f32>,
    note: Option<Markdown>,
    summary: &'a str,
    due: NaiveDate,
    pickup: Option<Time>,
    created_at: DateTime<FixedOffset>,
    contact: Option<Email>,
    #[panel(email)]
    billing_email: Option<String>,
    #[panel(link, action = "Open order")]
    shop_url: String,
    tracking: Option<Link>,
    phone: Phone,
    #[panel(type = "phone")]
    fax: Cow<'a, str>,
    address: Address,
    #[panel(type = "date", label = "Shipped on")]
    shipped: Option<String>,
    total: Currency,
    status: Label,
    extras: Tags,
    #[serde(skip)]
    #[allow(dead_code)]
    internal: u32,
    #[serde(skip_serializing)]
    #[allow(dead_code)]
    secret: String,
}

fn order() -> Order<'static> {
    Order {
        title: "Order 1001".into(),
        id: 1001,
        weight_kg: Some(12.5),
        note: Some(Markdown::new("**Fragile**, keep upright")),
        summary: "Two boxes",
        due: NaiveDate::from_ymd_opt(2024, 2, 29).unwrap_or_default(),
        pickup: NaiveTime::from_hms_opt(9, 30, 0)
            .zip(FixedOffset::east_opt(2 * 3600))
            .map(|(t, o)| Time::new(t, o)),
        created_at: DateTime::parse_from_rfc3339("2024-02-20T08:00:00+02:00").unwrap_or_default(),
        contact: Some(Email::new("jane@example.com")),
        billing_email: None,
        shop_url: "https://shop.example.com/o/1001".into(),
        tracking: Some(Link::external("https://track.example.com/1001").label("Track parcel")),
        phone: Phone::new("+372 555 0101"),
        fax: Cow::Borrowed("+372 555 0102"),
        address: Address::new("Narva mnt 5, Tallinn"),
        shipped: Some("2024-02-21".into()),
        total: Currency::new("EUR", 149.9),
        status: Label::new(LabelColor::Blue, "In transit"),
        extras: ["Gift wrap"].into_iter().collect(),
        internal: 7,
        secret: "s".into(),
    }
}

#[test]
fn rust_types_pick_field_types() {
    let s = Order::data_structure();
    assert_eq!(s.kind(), PanelKind::Multiple);
    let types: Vec<(&str, FieldType)> = s
        .object()
        .properties
        .iter()
        .map(|(k, f)| (k.as_str(), f.field_type))
        .collect();
    assert_eq!(
        types,
        vec![
            ("title", FieldType::Header),
            ("id", FieldType::Numerical),
            ("weight_kg", FieldType::Numerical),
            ("note", FieldType::Text),
            ("summary", FieldType::Text),
            ("due", FieldType::Date),
            ("pickup", FieldType::Time),
            ("created_at", FieldType::DateTime),
            ("contact", FieldType::Email),
            ("billing_email", FieldType::Email),
            ("shop_url", FieldType::Link),
            ("tracking", FieldType::Link),
            ("phone", FieldType::Phone),
            ("fax", FieldType::Phone),
            ("address", FieldType::Address),
            ("shipped", FieldType::Date),
            ("total", FieldType::Currency),
            ("status", FieldType::Label),
            ("extras", FieldType::Tags),
        ]
    );
    assert_eq!(
        s.object().required,
        [
            "title",
            "id",
            "summary",
            "due",
            "created_at",
            "shop_url",
            "phone",
            "fax",
            "address",
            "total",
            "status",
            "extras"
        ]
    );
    assert_eq!(
        s.object().properties["created_at"].label.as_deref(),
        Some("Created at")
    );
    assert_eq!(
        s.object().properties["shipped"].label.as_deref(),
        Some("Shipped on")
    );
    assert!(pdx::panel::check_data_structure(s.to_value()).is_empty());
    insta::assert_json_snapshot!("order_structure", s.to_value());
}

#[test]
fn typed_response_of_every_type_validates() {
    let response = PanelResponse::objects(vec![order()])
        .external_link("https://shop.example.com", "All orders");
    let problems = response.check();
    assert!(problems.is_empty(), "{problems}");
    insta::assert_json_snapshot!("order_response", response);
}

#[test]
fn actions_are_named_with_their_targets() {
    assert_eq!(
        Order::actions(),
        &[
            PanelAction {
                name: "Create order",
                target: ActionTarget::Global
            },
            PanelAction {
                name: "Cancel order",
                target: ActionTarget::Object
            },
            PanelAction {
                name: "Refund",
                target: ActionTarget::Object
            },
            PanelAction {
                name: "Open order",
                target: ActionTarget::Field("shop_url")
            },
        ]
    );
}

/// serde renames, a single-object panel, labels off by default.
#[derive(Serialize, JsonPanel)]
#[serde(rename_all = "camelCase")]
#[panel(no_label)]
struct Renamed {
    #[serde(rename = "Title")]
    #[panel(header)]
    title: Option<String>,
    page_views: u32,
    #[panel(label = "Last visit")]
    last_visit_at: Option<DateTime<Utc>>,
    #[serde(rename(serialize = "src", deserialize = "source"))]
    source_name: String,
}

#[test]
fn serde_renames_are_honoured() {
    assert_eq!(
        Renamed::data_structure().to_value(),
        &json!({
            "type": "object",
            "required": ["pageViews", "src"],
            "properties": {
                "Title": { "$ref": "#/definitions/header" },
                "pageViews": { "$ref": "#/definitions/numerical" },
                "lastVisitAt": { "$ref": "#/definitions/date-time", "label": "Last visit" },
                "src": { "$ref": "#/definitions/text" }
            }
        })
    );
    assert!(Renamed::actions().is_empty());
    let response = PanelResponse::object(Renamed {
        title: None,
        page_views: 3,
        last_visit_at: None,
        source_name: "Ads".into(),
    });
    assert!(response.check().is_empty(), "{}", response.check());
    insta::assert_json_snapshot!("renamed_structure", Renamed::data_structure().to_value());
}

/// `crate = "..."` names the facade.
mod renamed_crate {
    use pdx as toolkit;
    use serde::Serialize;

    #[derive(Serialize, toolkit::JsonPanel)]
    #[panel(crate = "toolkit")]
    pub(super) struct Tiny {
        pub(super) count: i32,
    }
}

#[test]
fn crate_attribute_names_the_facade() {
    let s = renamed_crate::Tiny::data_structure();
    assert_eq!(
        s.to_value(),
        &json!({ "type": "object", "required": ["count"], "properties": {
            "count": { "$ref": "#/definitions/numerical", "label": "Count" } } })
    );
}

#[test]
fn derive_json_wire_model_json_round_trip() {
    for structure in [
        Order::data_structure(),
        Renamed::data_structure(),
        renamed_crate::Tiny::data_structure(),
    ] {
        let json = structure.to_string_pretty();
        let value: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
        let read = DataStructure::from_value(value.clone()).unwrap_or_else(|p| panic!("{p}"));
        assert_eq!(read.to_value(), &value);
        assert_eq!(read.to_string_pretty(), json, "same text, same key order");
        assert_eq!(read.object(), structure.object());
        assert_eq!(read.kind(), structure.kind());
    }
}

#[test]
fn the_structure_is_built_once() {
    assert!(std::ptr::eq(
        Order::data_structure(),
        Order::data_structure()
    ));
}

#[test]
fn typed_values_that_break_the_format_are_still_caught() {
    let mut o = order();
    o.shipped = Some("21.02.2024".into());
    o.status = Label::new(LabelColor::Green, "DELIVERED TODAY");
    let problems = PanelResponse::objects(vec![o]).check();
    let shipped = problems.iter().find(|p| p.pointer == "/data/0/shipped");
    assert_eq!(
        shipped.map(|p| p.severity),
        Some(Severity::Error),
        "{problems}"
    );
    let status = problems
        .iter()
        .find(|p| p.pointer == "/data/0/status/label");
    assert_eq!(
        status.map(|p| p.severity),
        Some(Severity::Warning),
        "{problems}"
    );
}
