//! Pipedrive's official panel samples: each passes the structure check, derived types emit each exactly, and
//! responses written for them (and typed responses of the derived types) validate.

use chrono::{DateTime, TimeZone, Utc};
use pdx::panel::{
    self, Currency, DataStructure, JsonPanel, Label, LabelColor, PanelResponse, Tags,
};
use pdx::{JsonPanel, Problems};
use serde::Serialize;
use serde_json::{Value, json};

fn sample(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/pipedrive-samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

fn no_errors(problems: &Problems) {
    assert!(problems.is_valid(), "unexpected errors:\n{problems}");
}

/// `app-panel-single-object.json`: labels given one by one.
#[derive(Serialize, JsonPanel)]
struct Delivery {
    #[panel(no_label)]
    id: u64,
    #[panel(header, no_label)]
    header: String,
    #[panel(no_label)]
    project: Option<String>,
    #[panel(no_label)]
    manufacturer: Option<String>,
    delivery_date: Option<DateTime<Utc>>,
    #[panel(no_label)]
    status: Option<Label>,
    #[panel(label = "Delivery company")]
    delivery_company: Option<String>,
    #[panel(no_label)]
    tracking: Option<String>,
    #[panel(no_label)]
    note: Option<String>,
    #[panel(no_label)]
    extras: Option<Tags>,
    delivery_cost: Option<Currency>,
}

/// `app-panel-multiple-object.json`: no labels unless written.
#[derive(Serialize, JsonPanel)]
#[panel(list, no_label)]
struct DeliveryItem {
    id: u64,
    #[panel(header)]
    header: String,
    project: Option<String>,
    manufacturer: Option<String>,
    #[panel(label = "Delivery date")]
    delivery_date: Option<DateTime<Utc>>,
    status: Option<Label>,
    #[panel(label = "Delivery company")]
    delivery_company: Option<String>,
    tracking: Option<String>,
    note: Option<String>,
    extras: Option<Vec<String>>,
    #[panel(label = "Delivery cost")]
    delivery_cost: Option<Currency>,
}

/// `app-panel-developer-hub.json`: camelCase keys, default labels from the Rust names.
#[derive(Serialize, JsonPanel)]
#[serde(rename_all = "camelCase")]
#[panel(list)]
struct Visit {
    visit_time: Option<DateTime<Utc>>,
    #[panel(no_label)]
    company: Option<String>,
    #[panel(no_label)]
    source: Option<String>,
    landing_page: Option<String>,
    page_views: Option<u32>,
    #[panel(no_label)]
    duration: Option<String>,
    #[panel(header, no_label)]
    header: Option<String>,
}

#[test]
fn official_structures_pass_the_structure_check() {
    for name in [
        "app-panel-single-object.json",
        "app-panel-multiple-object.json",
        "app-panel-developer-hub.json",
    ] {
        let problems = panel::check_data_structure(&sample(name));
        assert!(problems.is_empty(), "{name}:\n{problems}");
        assert!(DataStructure::from_value(sample(name)).is_ok(), "{name}");
    }
}

#[test]
fn derives_emit_the_official_structures_exactly() {
    assert_eq!(
        Delivery::data_structure().to_value(),
        &sample("app-panel-single-object.json")
    );
    assert_eq!(
        DeliveryItem::data_structure().to_value(),
        &sample("app-panel-multiple-object.json")
    );
    assert_eq!(
        Visit::data_structure().to_value(),
        &sample("app-panel-developer-hub.json")
    );
    assert!(!Delivery::data_structure().is_multiple());
    assert!(DeliveryItem::data_structure().is_multiple());
}

#[test]
fn derived_structures_keep_declaration_order() {
    let keys: Vec<&String> = Visit::data_structure().to_value()["items"]["properties"]
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "visitTime",
            "company",
            "source",
            "landingPage",
            "pageViews",
            "duration",
            "header"
        ]
    );
    insta::assert_snapshot!(
        "developer_hub_structure_text",
        Visit::data_structure().to_string_pretty()
    );
}

/// A single-object response with every field filled.
fn full_object() -> Value {
    json!({
        "id": 1,
        "header": "GTA 22 Blue Auto",
        "project": "Fleet renewal",
        "manufacturer": "Auto Ltd",
        "delivery_date": "2021-08-31T07:00:00.000Z",
        "status": { "color": "yellow", "label": "Assembling" },
        "delivery_company": "Cargo OÜ",
        "tracking": { "markdown": true, "value": "[Track](https://example.com/t/1)" },
        "note": "Leave at the back door",
        "extras": ["Tinted windows", "Roof rack"],
        "delivery_cost": { "code": "EUR", "value": 120.5 }
    })
}

#[test]
fn hand_written_responses_validate_against_the_official_structures() {
    let single = DataStructure::from_value(sample("app-panel-single-object.json"))
        .unwrap_or_else(|p| panic!("{p}"));
    let multiple = DataStructure::from_value(sample("app-panel-multiple-object.json"))
        .unwrap_or_else(|p| panic!("{p}"));
    let hub = DataStructure::from_value(sample("app-panel-developer-hub.json"))
        .unwrap_or_else(|p| panic!("{p}"));

    let full = json!({
        "data": full_object(),
        "external_link": { "url": "https://app.example.com/orders", "label": "All orders" },
        "settings": { "url": "https://app.example.com/settings" }
    });
    let problems = single.check_response(&full);
    assert!(problems.is_empty(), "{problems}");

    let some_null = json!({ "data": [
        full_object(),
        { "id": 2, "header": "Van", "project": null, "status": null, "extras": null, "delivery_cost": null }
    ]});
    let problems = multiple.check_response(&some_null);
    assert!(problems.is_empty(), "{problems}");

    assert!(single.check_response(&json!({ "data": {} })).is_empty());
    assert!(multiple.check_response(&json!({ "data": [] })).is_empty());
    assert!(hub.check_response(&json!({ "data": [] })).is_empty());

    let visits = json!({ "data": [{
        "visitTime": "2024-05-02T10:15:00+03:00", "company": "Acme", "source": "Google", "landingPage": "/pricing",
        "pageViews": 7, "duration": "3 min", "header": "Visit from Acme"
    }, { "header": null }]});
    let problems = hub.check_response(&visits);
    assert!(problems.is_empty(), "{problems}");

    // The same documents, wrong for the other shape: `data` must match the root.
    assert!(single.check_response(&some_null).has_at("/data"));
    assert!(multiple.check_response(&full).has_at("/data"));
}

fn cost(value: f64) -> Option<Currency> {
    Some(Currency::new("EUR", value))
}

fn when(h: u32) -> Option<DateTime<Utc>> {
    Utc.with_ymd_and_hms(2021, 8, 31, h, 0, 0).single()
}

#[test]
fn typed_responses_of_the_derived_types_validate() {
    let single = PanelResponse::object(Delivery {
        id: 1,
        header: "GTA 22 Blue Auto".into(),
        project: Some("Fleet renewal".into()),
        manufacturer: Some("Auto Ltd".into()),
        delivery_date: when(7),
        status: Some(Label::new(LabelColor::Yellow, "Assembling")),
        delivery_company: Some("Cargo OÜ".into()),
        tracking: Some("DHL 00340434".into()),
        note: None,
        extras: Some(["Tinted windows", "Roof rack"].into_iter().collect()),
        delivery_cost: cost(120.5),
    })
    .external_link("https://app.example.com/orders", "All orders")
    .settings("https://app.example.com/settings");
    no_errors(&single.check());
    let value = serde_json::to_value(&single).unwrap_or(Value::Null);
    assert!(Delivery::data_structure().check_response(&value).is_empty());
    insta::assert_json_snapshot!("single_object_response", single);

    let items = vec![
        DeliveryItem {
            id: 1,
            header: "GTA 22 Blue Auto".into(),
            project: None,
            manufacturer: Some("Auto Ltd".into()),
            delivery_date: when(7),
            status: Some(Label::new(LabelColor::Green, "Delivered")),
            delivery_company: None,
            tracking: None,
            note: Some("Signed by J. Doe".into()),
            extras: Some(vec!["Roof rack".into()]),
            delivery_cost: cost(99.0),
        },
        DeliveryItem {
            id: 2,
            header: "Van".into(),
            project: None,
            manufacturer: None,
            delivery_date: None,
            status: None,
            delivery_company: None,
            tracking: None,
            note: None,
            extras: None,
            delivery_cost: None,
        },
    ];
    let multiple = PanelResponse::objects(items);
    assert!(multiple.check().is_empty(), "{}", multiple.check());
    insta::assert_json_snapshot!("multiple_object_response", multiple);

    let visits = PanelResponse::objects(vec![Visit {
        visit_time: when(10),
        company: Some("Acme".into()),
        source: Some("Google".into()),
        landing_page: Some("/pricing".into()),
        page_views: Some(7),
        duration: Some("3 min".into()),
        header: Some("Visit from Acme".into()),
    }]);
    assert!(visits.check().is_empty(), "{}", visits.check());
    insta::assert_json_snapshot!("developer_hub_response", visits);
}

#[test]
fn nothing_follows_the_root_shape() {
    let single = serde_json::to_value(PanelResponse::<Delivery>::nothing()).unwrap_or(Value::Null);
    assert_eq!(single, json!({ "data": {} }));
    let multiple =
        serde_json::to_value(PanelResponse::<DeliveryItem>::nothing()).unwrap_or(Value::Null);
    assert_eq!(multiple, json!({ "data": [] }));
    assert!(PanelResponse::<Delivery>::nothing().check().is_empty());
    assert!(PanelResponse::<Visit>::nothing().check().is_empty());
}

#[test]
fn typed_response_check_reports_what_the_type_cannot_prevent() {
    let too_many: Vec<DeliveryItem> = (0..11)
        .map(|i| DeliveryItem {
            id: i,
            header: format!("Car {i}"),
            project: None,
            manufacturer: None,
            delivery_date: None,
            status: Some(Label::new(
                LabelColor::Red,
                "Delayed by the manufacturer, new date to come",
            )),
            delivery_company: None,
            tracking: None,
            note: None,
            extras: None,
            delivery_cost: None,
        })
        .collect();
    let response = PanelResponse::objects(too_many).external_link(
        "https://x.io",
        "See every order of this deal in the order app",
    );
    // Past the 10 objects a panel shows, the response keeps the first 10 and tells the handler.
    assert_eq!(response.left_out(), 1);
    let problems = response.check();
    let at = |p: &str| {
        problems
            .iter()
            .find(|x| x.pointer == p)
            .map(|x| (x.severity, x.message.clone()))
    };
    assert!(at("/data").is_none(), "{problems}");
    assert!(problems.is_valid(), "{problems}");
    let (severity, message) = at("/data/0/status/label").unwrap_or_else(|| panic!("{problems}"));
    assert_eq!(severity, pdx::Severity::Warning);
    assert!(message.contains("truncates a label after 40"), "{message}");
    let (severity, _) = at("/external_link/label").unwrap_or_else(|| panic!("{problems}"));
    assert_eq!(severity, pdx::Severity::Warning);
}
