//! Each panel check, with a document that must pass and one that must fail at an exact pointer, severity and
//! message.

use pdx::panel::{self, DataStructure, PanelError};
use pdx::{Problems, Severity};
use serde_json::{Value, json};

/// Asserts a problem at `pointer` with this severity and a message containing `text`.
#[track_caller]
fn assert_problem(problems: &Problems, pointer: &str, severity: Severity, text: &str) {
    let found = problems
        .iter()
        .find(|p| p.pointer == pointer && p.severity == severity && p.message.contains(text));
    assert!(
        found.is_some(),
        "expected {severity:?} at `{pointer}` containing {text:?}, got:\n{problems}"
    );
}

/// Asserts exactly one problem, as `assert_problem` describes it.
#[track_caller]
fn assert_only(problems: &Problems, pointer: &str, severity: Severity, text: &str) {
    assert_eq!(problems.len(), 1, "expected one problem, got:\n{problems}");
    assert_problem(problems, pointer, severity, text);
}

// ----------------------------------------------------------------------------------------------------------------
// Data structure
// ----------------------------------------------------------------------------------------------------------------

fn single(properties: Value) -> Value {
    json!({ "type": "object", "properties": properties })
}

#[test]
fn structure_root_must_be_an_object_of_a_known_type() {
    assert_only(
        &panel::check_data_structure(&json!([])),
        "",
        Severity::Error,
        "a data structure is a JSON object",
    );
    let ps = panel::check_data_structure(&json!({ "type": "list", "properties": {} }));
    assert_problem(
        &ps,
        "/type",
        Severity::Error,
        "expected `object` (a single-object panel) or `array`",
    );
    let ps = panel::check_data_structure(
        &json!({ "properties": { "a": { "$ref": "#/definitions/text" } } }),
    );
    assert_only(&ps, "", Severity::Error, "missing `type`");
    assert!(
        panel::check_data_structure(&single(json!({ "a": { "$ref": "#/definitions/text" } })))
            .is_empty()
    );
}

#[test]
fn multiple_object_structure_needs_items() {
    let ps = panel::check_data_structure(&json!({ "type": "array" }));
    assert_only(&ps, "", Severity::Error, "missing `items`");
    let ps = panel::check_data_structure(
        &json!({ "type": "array", "items": { "type": "array", "properties": {} } }),
    );
    assert_problem(
        &ps,
        "/items/type",
        Severity::Error,
        "the objects in `items` have `\"type\": \"object\"`",
    );
}

#[test]
fn field_types_must_be_known() {
    for t in pdx::panel::FieldType::ALL {
        let doc = single(
            json!({ "h": { "$ref": "#/definitions/header" }, "f": { "$ref": t.reference() } }),
        );
        let ps = panel::check_data_structure(&doc);
        let expect_clean = t != pdx::panel::FieldType::Header;
        assert_eq!(ps.is_empty(), expect_clean, "{t}: {ps}");
    }
    let ps = panel::check_data_structure(&single(
        json!({ "note": { "$ref": "#/definitions/string" } }),
    ));
    assert_only(
        &ps,
        "/properties/note/$ref",
        Severity::Error,
        "unknown field type a string `\"#/definitions/string\"`",
    );
    let ps = panel::check_data_structure(&single(json!({ "note": { "$ref": 3 } })));
    assert_only(
        &ps,
        "/properties/note/$ref",
        Severity::Error,
        "unknown field type a number `3` for field `note`",
    );
    let ps = panel::check_data_structure(&single(json!({ "note": { "label": "Note" } })));
    assert_only(&ps, "/properties/note", Severity::Error, "missing `$ref`");
}

#[test]
fn label_must_be_a_string() {
    let ps = panel::check_data_structure(&single(
        json!({ "note": { "$ref": "#/definitions/text", "label": 5 } }),
    ));
    assert_only(
        &ps,
        "/properties/note/label",
        Severity::Error,
        "the label of field `note` is a string, found a number",
    );
    let ok = single(json!({ "note": { "$ref": "#/definitions/text", "label": "Note" } }));
    assert!(panel::check_data_structure(&ok).is_empty());
}

#[test]
fn required_keys_must_be_properties() {
    let doc = json!({ "type": "object", "required": ["id", "missing"], "properties": {
        "id": { "$ref": "#/definitions/numerical" } } });
    let ps = panel::check_data_structure(&doc);
    assert_only(
        &ps,
        "/required/1",
        Severity::Error,
        "`missing` is in `required` but is not a key of `properties`",
    );
    let doc = json!({ "type": "object", "required": "id", "properties": { "id": { "$ref": "#/definitions/numerical" } } });
    assert_only(
        &panel::check_data_structure(&doc),
        "/required",
        Severity::Error,
        "`required` is an array",
    );
}

#[test]
fn multiple_object_structure_needs_a_header() {
    let doc = json!({ "type": "array", "items": { "type": "object", "properties": {
        "id": { "$ref": "#/definitions/numerical" } } } });
    let ps = panel::check_data_structure(&doc);
    assert_only(
        &ps,
        "/items/properties",
        Severity::Error,
        "a multiple-object panel needs a `header` field",
    );
    // A single-object panel may go without.
    assert!(
        panel::check_data_structure(&single(
            json!({ "id": { "$ref": "#/definitions/numerical" } })
        ))
        .is_empty()
    );
}

#[test]
fn at_most_one_header() {
    let doc = single(json!({
        "a": { "$ref": "#/definitions/header" },
        "b": { "$ref": "#/definitions/header" }
    }));
    let ps = panel::check_data_structure(&doc);
    assert_only(
        &ps,
        "/properties/b/$ref",
        Severity::Error,
        "a second `header` field (`a` is the header already)",
    );
}

#[test]
fn at_most_twenty_fields_besides_the_header() {
    let fields = |n: usize| {
        let mut m = serde_json::Map::new();
        m.insert("title".into(), json!({ "$ref": "#/definitions/header" }));
        for i in 0..n {
            m.insert(format!("f{i}"), json!({ "$ref": "#/definitions/text" }));
        }
        json!({ "type": "array", "items": { "type": "object", "properties": m } })
    };
    assert!(panel::check_data_structure(&fields(20)).is_empty());
    let ps = panel::check_data_structure(&fields(21));
    assert_only(
        &ps,
        "/items/properties",
        Severity::Error,
        "21 fields besides the header: a panel object shows at most 20",
    );
}

#[test]
fn unknown_keys_are_warnings() {
    let doc = single(json!({ "note": { "$ref": "#/definitions/text", "description": "x" } }));
    let ps = panel::check_data_structure(&doc);
    assert_only(
        &ps,
        "/properties/note/description",
        Severity::Warning,
        "unknown key `description` in the definition of field `note`",
    );
    assert!(ps.is_valid());
    let doc = json!({ "type": "object", "title": "Orders", "properties": { "n": { "$ref": "#/definitions/text" } } });
    assert_only(
        &panel::check_data_structure(&doc),
        "/title",
        Severity::Warning,
        "unknown key `title`",
    );
    // Read anyway; the unknown key is kept in the model, not written out.
    let read = DataStructure::from_value(json!({ "type": "object", "properties": {
        "note": { "label": "Note", "$ref": "#/definitions/text", "hint": 1 } } }));
    let read = read.unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(
        read.object().properties["note"].unknown_keys.get("hint"),
        Some(&json!(1))
    );
    assert_eq!(
        read.to_value(),
        &json!({ "type": "object", "properties": {
        "note": { "$ref": "#/definitions/text", "label": "Note" } } })
    );
}

#[test]
fn from_value_fails_on_errors_only() {
    let err = DataStructure::from_value(single(json!({ "a": { "$ref": "#/definitions/nope" } })));
    let problems = err.err().unwrap_or_default();
    assert!(problems.has_at("/properties/a/$ref"), "{problems}");
    assert!(
        DataStructure::from_value(single(
            json!({ "a": { "$ref": "#/definitions/text", "x": 1 } })
        ))
        .is_ok()
    );
}

// ----------------------------------------------------------------------------------------------------------------
// Response
// ----------------------------------------------------------------------------------------------------------------

/// A single-object structure with every field type; `id` and `title` required.
fn every_type() -> DataStructure {
    let doc = json!({
        "type": "object",
        "required": ["id", "title"],
        "properties": {
            "title": { "$ref": "#/definitions/header" },
            "id": { "$ref": "#/definitions/numerical" },
            "note": { "$ref": "#/definitions/text" },
            "due": { "$ref": "#/definitions/date" },
            "at": { "$ref": "#/definitions/time" },
            "created": { "$ref": "#/definitions/date-time" },
            "email": { "$ref": "#/definitions/email" },
            "website": { "$ref": "#/definitions/link" },
            "phone": { "$ref": "#/definitions/phone" },
            "address": { "$ref": "#/definitions/address" },
            "cost": { "$ref": "#/definitions/currency" },
            "status": { "$ref": "#/definitions/label" },
            "extras": { "$ref": "#/definitions/tags" }
        }
    });
    DataStructure::from_value(doc).unwrap_or_else(|p| panic!("{p}"))
}

fn list_of_every_type() -> DataStructure {
    let single = every_type();
    let doc = json!({ "type": "array", "items": single.to_value() });
    DataStructure::from_value(doc).unwrap_or_else(|p| panic!("{p}"))
}

fn full() -> Value {
    json!({
        "title": "Order 1",
        "id": 1,
        "note": "Fragile",
        "due": "2024-02-29",
        "at": "20:20:39+02:00",
        "created": "2021-08-31T07:00:00.000Z",
        "email": "jane@example.com",
        "website": { "value": "https://example.com", "external": true, "label": "Shop" },
        "phone": "+372 555 0101",
        "address": "Narva mnt 5, Tallinn",
        "cost": { "code": "EUR", "value": 10 },
        "status": { "color": "purple", "label": "In progress" },
        "extras": ["a", "b"]
    })
}

/// `full()` with `key` set to `value`.
fn with(key: &str, value: Value) -> Value {
    let mut o = full();
    o[key] = value;
    json!({ "data": o })
}

#[test]
fn every_type_accepts_its_documented_shapes() {
    let s = every_type();
    assert!(s.check_response(&json!({ "data": full() })).is_empty());
    for (key, value) in [
        ("note", json!({ "markdown": true, "value": "**Fragile**" })),
        ("website", json!("https://example.com")),
        (
            "website",
            json!({ "value": "https://example.com", "external": false }),
        ),
        ("at", json!("07:00:00Z")),
        ("created", json!("2021-08-31T09:00:00+02:00")),
        ("cost", json!({ "code": "XBT", "value": 0.5 })),
        ("extras", json!([])),
        ("note", Value::Null),
    ] {
        let ps = s.check_response(&with(key, value.clone()));
        assert!(ps.is_empty(), "{key} = {value}: {ps}");
    }
    let mut sparse = json!({ "data": { "id": 2, "title": "Only the required ones" } });
    assert!(s.check_response(&sparse).is_empty());
    sparse["data"]["extras"] = Value::Null;
    assert!(s.check_response(&sparse).is_empty());
}

#[test]
fn envelope_keys() {
    let s = every_type();
    let ps = s.check_response(&json!({ "data": full(), "meta": {} }));
    assert_only(
        &ps,
        "/meta",
        Severity::Error,
        "unknown top-level key `meta`",
    );
    let ps = s.check_response(&json!({ "items": [] }));
    assert_eq!(ps.len(), 2, "{ps}");
    assert_problem(&ps, "", Severity::Error, "missing `data`");
    assert_problem(
        &ps,
        "/items",
        Severity::Error,
        "unknown top-level key `items`",
    );
    assert_only(
        &s.check_response(&json!("x")),
        "",
        Severity::Error,
        "a panel response is a JSON object",
    );
}

#[test]
fn data_shape_matches_the_root() {
    let ps = every_type().check_response(&json!({ "data": [full()] }));
    assert_only(
        &ps,
        "/data",
        Severity::Error,
        "`data` of a single-object panel is one JSON object, found an array",
    );
    let ps = list_of_every_type().check_response(&json!({ "data": full() }));
    assert_only(
        &ps,
        "/data",
        Severity::Error,
        "`data` of a multiple-object panel is an array of objects",
    );
    let ps = list_of_every_type().check_response(&json!({ "data": [full(), 3] }));
    assert_only(
        &ps,
        "/data/1",
        Severity::Error,
        "each object in `data` is a JSON object, found a number `3`",
    );
    assert!(
        list_of_every_type()
            .check_response(&json!({ "data": [full(), full()] }))
            .is_empty()
    );
}

#[test]
fn at_most_ten_objects() {
    let s = list_of_every_type();
    assert!(
        s.check_response(&json!({ "data": vec![full(); 10] }))
            .is_empty()
    );
    let ps = s.check_response(&json!({ "data": vec![full(); 11] }));
    assert_only(
        &ps,
        "/data",
        Severity::Error,
        "11 objects: a panel shows at most 10",
    );
}

#[test]
fn undeclared_keys_are_errors() {
    let ps = every_type().check_response(&with("colour", json!("red")));
    assert_only(
        &ps,
        "/data/colour",
        Severity::Error,
        "undeclared field `colour`",
    );
    let ps = list_of_every_type()
        .check_response(&json!({ "data": [full(), { "id": 1, "title": "x", "y": 1 }] }));
    assert_only(&ps, "/data/1/y", Severity::Error, "undeclared field `y`");
}

#[test]
fn required_keys_present_and_not_null() {
    let s = every_type();
    let mut o = full();
    o.as_object_mut().map(|m| m.shift_remove("id"));
    assert_only(
        &s.check_response(&json!({ "data": o })),
        "/data",
        Severity::Error,
        "missing required field `id`",
    );
    let ps = s.check_response(&with("id", Value::Null));
    assert_only(
        &ps,
        "/data/id",
        Severity::Error,
        "`id` is required, so it cannot be null",
    );
    let ps = list_of_every_type().check_response(&json!({ "data": [{ "title": "x" }] }));
    assert_only(
        &ps,
        "/data/0",
        Severity::Error,
        "missing required field `id`",
    );
    // "Nothing to show" needs no required key.
    assert!(s.check_response(&json!({ "data": {} })).is_empty());
}

#[test]
fn value_shapes_per_type() {
    let s = every_type();
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "id",
            json!("12"),
            "/data/id",
            "`id` is a `numerical` field: expected a JSON number (not a numeric string), found a string `\"12\"`",
        ),
        (
            "title",
            json!(1),
            "/data/title",
            "`title` is a `header` field: expected a string (the object's title), found a number `1`",
        ),
        (
            "note",
            json!(["x"]),
            "/data/note",
            "`note` is a `text` field: expected a string or `{\"markdown\": true, \"value\": string}`, found an array",
        ),
        (
            "note",
            json!({ "markdown": false, "value": "x" }),
            "/data/note/markdown",
            "`markdown` must be `true`",
        ),
        (
            "note",
            json!({ "markdown": true }),
            "/data/note",
            "missing `value` in `note`: a `text` field holds",
        ),
        (
            "website",
            json!({ "value": "https://x.io" }),
            "/data/website",
            "missing `external` in `website`: a `link` field holds a URL string or",
        ),
        (
            "website",
            json!({ "value": "https://x.io", "external": "yes" }),
            "/data/website/external",
            "expected a boolean, found a string `\"yes\"` (`website` is a `link` field: ",
        ),
        (
            "website",
            json!({ "value": "https://x.io", "external": true, "target": "_blank" }),
            "/data/website/target",
            "unknown key `target` in `website`: a `link` field holds",
        ),
        (
            "cost",
            json!({ "code": "EUR", "value": "10" }),
            "/data/cost/value",
            "expected a number, found a string",
        ),
        (
            "cost",
            json!({ "value": 10 }),
            "/data/cost",
            "missing `code`",
        ),
        (
            "cost",
            json!(10),
            "/data/cost",
            "`cost` is a `currency` field: expected `{\"code\": string, \"value\": number}`, found a number `10`",
        ),
        (
            "status",
            json!({ "color": "pink", "label": "Late" }),
            "/data/status/color",
            "unknown label colour a string `\"pink\"`: expected one of green, red, blue, yellow, purple, grey",
        ),
        (
            "status",
            json!({ "color": "red" }),
            "/data/status",
            "missing `label`",
        ),
        (
            "extras",
            json!([1, "b"]),
            "/data/extras/0",
            "expected a string, found a number",
        ),
        (
            "extras",
            json!("a,b"),
            "/data/extras",
            "`extras` is a `tags` field: expected an array of strings",
        ),
        (
            "email",
            json!(true),
            "/data/email",
            "`email` is an `email` field: expected a string (an email address), found a boolean `true`",
        ),
        (
            "phone",
            json!(372),
            "/data/phone",
            "`phone` is a `phone` field",
        ),
        (
            "address",
            json!({}),
            "/data/address",
            "`address` is an `address` field: expected a string (an address), found an object",
        ),
    ];
    for (key, value, pointer, text) in cases {
        let ps = s.check_response(&with(key, value.clone()));
        assert_eq!(ps.len(), 1, "{key} = {value}: {ps}");
        assert_problem(&ps, pointer, Severity::Error, text);
    }
}

#[test]
fn dates_and_times_must_be_real() {
    let s = every_type();
    let cases = [
        (
            "due",
            json!("2023-02-29"),
            "`2023-02-29` is not a real date written `YYYY-MM-DD`",
        ),
        ("due", json!("31.08.2021"), "not a real date"),
        (
            "due",
            json!(20210831),
            "`due` is a `date` field: expected a string `YYYY-MM-DD`, found a number",
        ),
        (
            "at",
            json!("20:20:39"),
            "`20:20:39` is not a time `hh:mm:ss` with an offset",
        ),
        ("at", json!("25:00:00+00:00"), "is not a time"),
        (
            "created",
            json!("2021-08-31T07:00:00"),
            "is not an RFC 3339 date-time with an offset",
        ),
        (
            "created",
            json!("2021-08-31"),
            "is not an RFC 3339 date-time",
        ),
    ];
    for (key, value, text) in cases {
        let ps = s.check_response(&with(key, value.clone()));
        assert_only(&ps, &format!("/data/{key}"), Severity::Error, text);
    }
}

#[test]
fn truncation_and_style_are_warnings() {
    let s = every_type();
    let ps = s.check_response(&with("note", json!("x".repeat(256))));
    assert_only(
        &ps,
        "/data/note",
        Severity::Warning,
        "256 characters: Pipedrive truncates text after 255",
    );
    assert!(ps.is_valid());
    assert!(
        s.check_response(&with("note", json!("x".repeat(255))))
            .is_empty()
    );
    let ps = s.check_response(&with(
        "note",
        json!({ "markdown": true, "value": "é".repeat(300) }),
    ));
    assert_only(&ps, "/data/note/value", Severity::Warning, "300 characters");
    let ps = s.check_response(&with(
        "status",
        json!({ "color": "red", "label": "Waiting for the customs office to clear it" }),
    ));
    assert_only(
        &ps,
        "/data/status/label",
        Severity::Warning,
        "Pipedrive truncates a label after 40",
    );
    let ps = s.check_response(&with(
        "status",
        json!({ "color": "red", "label": "In Progress" }),
    ));
    assert_only(
        &ps,
        "/data/status/label",
        Severity::Warning,
        "not in sentence case",
    );
    let long = json!({ "data": full(), "external_link": { "url": "https://x.io", "label": "L".repeat(41) } });
    assert_only(
        &s.check_response(&long),
        "/external_link/label",
        Severity::Warning,
        "up to 40",
    );
}

#[test]
fn external_link_and_settings_shapes() {
    let s = every_type();
    let ok = json!({ "data": full(), "external_link": { "url": "https://x.io", "label": "All" }, "settings": { "url": "https://x.io/s" } });
    assert!(s.check_response(&ok).is_empty());
    let ps = s.check_response(&json!({ "data": {}, "external_link": { "url": "https://x.io" } }));
    assert_only(
        &ps,
        "/external_link",
        Severity::Error,
        "missing `label` in `external_link`",
    );
    let ps = s.check_response(&json!({ "data": {}, "external_link": "https://x.io" }));
    assert_only(
        &ps,
        "/external_link",
        Severity::Error,
        "`external_link` is `{\"url\": string, \"label\": string}`",
    );
    let ps = s.check_response(
        &json!({ "data": {}, "settings": { "url": "https://x.io", "label": "S" } }),
    );
    assert_only(
        &ps,
        "/settings/label",
        Severity::Error,
        "unknown key `label` in `settings`",
    );
    let ps = s.check_response(&json!({ "data": {}, "settings": { "url": 3 } }));
    assert_only(
        &ps,
        "/settings/url",
        Severity::Error,
        "expected a string, found a number `3`",
    );
}

#[test]
fn pointers_escape_keys() {
    let doc =
        json!({ "type": "object", "properties": { "a/b": { "$ref": "#/definitions/numerical" } } });
    let s = DataStructure::from_value(doc).unwrap_or_else(|p| panic!("{p}"));
    let ps = s.check_response(&json!({ "data": { "a/b": "1" } }));
    assert_only(
        &ps,
        "/data/a~1b",
        Severity::Error,
        "`a/b` is a `numerical` field",
    );
}

#[test]
fn the_response_schema_is_built_from_the_structure() {
    let s = every_type();
    let schema = s.response_schema();
    assert_eq!(
        schema["properties"]["data"]["properties"]["id"],
        json!({ "type": "number" })
    );
    assert_eq!(
        schema["properties"]["data"]["then"]["required"],
        json!(["id", "title"])
    );
    insta::assert_json_snapshot!("every_type_response_schema", schema);
}

// ----------------------------------------------------------------------------------------------------------------
// Error state
// ----------------------------------------------------------------------------------------------------------------

#[test]
fn error_body_check() {
    let ok = json!({ "error": { "title": "Subscription expired", "subtitle": "Please [renew](https://x.io).",
        "action": { "url": "https://x.io/billing", "label": "Renew subscription" } } });
    assert!(panel::check_error_body(&ok).is_empty());
    assert!(panel::check_error_body(&json!({ "error": { "title": "Down" } })).is_empty());
    assert_only(
        &panel::check_error_body(&json!({ "error": {} })),
        "/error",
        Severity::Error,
        "missing `title`",
    );
    let ps = panel::check_error_body(&json!({ "title": "x" }));
    assert_eq!(ps.len(), 2, "{ps}");
    assert_problem(&ps, "", Severity::Error, "missing `error`");
    assert_problem(
        &ps,
        "/title",
        Severity::Error,
        "unknown key `title`: an error body has only `error`",
    );
    let ps = panel::check_error_body(&json!([]));
    assert_only(&ps, "", Severity::Error, "an error body is a JSON object");
    let ps = panel::check_error_body(&json!({ "error": { "title": "x", "code": 3 } }));
    assert_only(&ps, "/error/code", Severity::Error, "unknown key `code`");
    let ps = panel::check_error_body(
        &json!({ "error": { "title": "x", "action": { "url": "https://x.io" } } }),
    );
    assert_only(&ps, "/error/action", Severity::Error, "missing `label`");
    let ps = panel::check_error_body(&json!({ "error": { "title": "  " } }));
    assert_only(&ps, "/error/title", Severity::Error, "the title is empty");
    let ps = panel::check_error_body(
        &json!({ "error": { "title": "Your subscription has expired today" } }),
    );
    assert_only(
        &ps,
        "/error/title",
        Severity::Warning,
        "35 characters: an error title has at most 30",
    );
}

#[test]
fn panel_error_serializes_and_checks() {
    let e = PanelError::new("Subscription expired")
        .subtitle("Please [renew](https://app.example.com/billing).")
        .action("https://app.example.com/billing", "Renew subscription");
    assert_eq!(
        serde_json::to_string(&e).unwrap_or_default(),
        r#"{"error":{"title":"Subscription expired","subtitle":"Please [renew](https://app.example.com/billing).","action":{"url":"https://app.example.com/billing","label":"Renew subscription"}}}"#
    );
    assert!(e.check().is_empty());
    insta::assert_json_snapshot!("panel_error", e);
    assert_eq!(
        serde_json::to_value(PanelError::new("Down")).unwrap_or_default(),
        json!({ "error": { "title": "Down" } })
    );
    let long = PanelError::new("This title is longer than thirty characters");
    assert_only(
        &long.check(),
        "/error/title",
        Severity::Warning,
        "at most 30",
    );
}

#[test]
fn the_structure_and_error_schemas_are_generated_from_the_wire_model() {
    let schema = panel::data_structure_schema();
    let field = &schema["else"]["properties"]["properties"]["additionalProperties"];
    assert_eq!(field["required"], json!(["$ref"]));
    assert_eq!(field["additionalProperties"], json!(false));
    insta::assert_json_snapshot!("data_structure_schema", schema);
    let error = panel::error_body_schema();
    assert_eq!(error["properties"]["error"]["required"], json!(["title"]));
    insta::assert_json_snapshot!("error_body_schema", error);
}

// ----------------------------------------------------------------------------------------------------------------
// Rules added with the typed model: labels, links, the structure's own check
// ----------------------------------------------------------------------------------------------------------------

#[test]
fn field_labels_are_in_sentence_case() {
    let doc = single(json!({
        "due": { "$ref": "#/definitions/date", "label": "Due Date" },
        "id": { "$ref": "#/definitions/numerical", "label": "ID" },
        "note": { "$ref": "#/definitions/text", "label": "Delivery note" }
    }));
    let problems = panel::check_data_structure(&doc);
    assert_only(
        &problems,
        "/properties/due/label",
        Severity::Warning,
        "`Due Date` is not in sentence case, which Pipedrive recommends for labels",
    );
    assert!(problems.is_valid());
    let list = json!({ "type": "array", "items": doc });
    assert_problem(
        &panel::check_data_structure(&list),
        "/items/properties/due/label",
        Severity::Warning,
        "not in sentence case",
    );
    // The structure's own check sees the same.
    let structure = DataStructure::from_value(doc).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(structure.check(), problems);
}

#[test]
fn the_structure_check_of_the_typed_model_is_the_file_check_without_its_schema() {
    for doc in [
        single(json!({ "a": { "$ref": "#/definitions/text", "label": "In Progress" } })),
        json!({ "type": "array", "items": { "type": "object", "required": ["id", "id"], "properties": {
            "id": { "$ref": "#/definitions/numerical" }
        } } }),
        single(json!({})),
    ] {
        let file = panel::check_data_structure(&doc);
        let structure = DataStructure::from_value(doc.clone());
        match structure {
            Ok(structure) => assert_eq!(structure.check(), file, "{doc}"),
            Err(problems) => assert_eq!(problems, file, "{doc}"),
        }
    }
    // A typed model can be built wrong in what its types allow: no header in a list, twice the same key.
    let properties = [
        (
            "id",
            panel::FieldDefinition::new(panel::FieldType::Numerical),
        ),
        (
            "note",
            panel::FieldDefinition::new(panel::FieldType::Text).with_label("Big Note"),
        ),
    ];
    let object = panel::ObjectStructure::new(
        properties
            .into_iter()
            .map(|(k, d)| (k.to_owned(), d))
            .collect(),
        vec!["id".into(), "missing".into()],
    );
    let structure = DataStructure::new(panel::PanelKind::Multiple, object);
    let problems = structure.check();
    assert_problem(
        &problems,
        "/items/required/1",
        Severity::Error,
        "`missing` is in `required`",
    );
    assert_problem(
        &problems,
        "/items/properties",
        Severity::Error,
        "needs a `header` field",
    );
    assert_problem(
        &problems,
        "/items/properties/note/label",
        Severity::Warning,
        "sentence case",
    );
    assert_eq!(problems, panel::check_data_structure(structure.to_value()));
}

#[test]
fn links_that_run_code_are_errors_in_responses() {
    let s = every_type();
    let hostile = [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "  javascript:alert(1)",
        "\u{0}\u{1f}javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
    ];
    for url in hostile {
        // In markdown, `<...>` holds a destination with spaces and control characters, not line endings.
        let markdown = if url.contains('\n') {
            "[Open](javascript:alert(1))".to_owned()
        } else {
            format!("[Open](<{url}>)")
        };
        for (response, pointer) in [
            (with("website", json!(url)), "/data/website"),
            (
                with("website", json!({ "value": url, "external": true })),
                "/data/website/value",
            ),
            (
                with("note", json!({ "markdown": true, "value": markdown })),
                "/data/note/value",
            ),
            (
                json!({ "data": full(), "external_link": { "url": url, "label": "All" } }),
                "/external_link/url",
            ),
            (
                json!({ "data": full(), "settings": { "url": url } }),
                "/settings/url",
            ),
        ] {
            let problems = s.check_response(&response);
            assert_only(&problems, pointer, Severity::Error, "URL: Pipedrive opens ");
        }
    }
    // Not a link: a text that mentions the scheme, a plain (not markdown) text, an email.
    for response in [
        with("note", json!("javascript:alert(1) is what we refuse")),
        with("email", json!("javascript:x@example.com")),
        with(
            "website",
            json!("https://example.com/?next=javascript:alert(1)"),
        ),
    ] {
        assert!(s.check_response(&response).is_empty(), "{response}");
    }
}

#[test]
fn links_that_run_code_are_errors_in_the_error_state() {
    let body = json!({ "error": {
        "title": "Expired",
        "subtitle": "Please [renew](javascript:alert(1)).",
        "action": { "url": "data:text/html,<script>alert(1)</script>", "label": "Renew" }
    } });
    let problems = panel::check_error_body(&body);
    assert_problem(
        &problems,
        "/error/subtitle",
        Severity::Error,
        "markdown link to a `javascript:` URL",
    );
    assert_problem(
        &problems,
        "/error/action/url",
        Severity::Error,
        "a `data:` URL",
    );
    assert_eq!(problems.len(), 2, "{problems}");
    let typed = PanelError::new("Expired")
        .subtitle("Please [renew](javascript:alert(1)).")
        .action("data:text/html,<script>alert(1)</script>", "Renew");
    assert_eq!(typed.check(), problems);
    assert_eq!(typed.to_checked_json().problems, problems);
}

#[test]
fn an_answer_is_read_by_its_shape_and_its_status() {
    let s = every_type();
    let error = json!({ "error": { "title": "Expired" } });
    let data = json!({ "data": full() });
    assert!(s.check_answer(None, &error).is_empty());
    assert!(s.check_answer(Some(401), &error).is_empty());
    assert!(s.check_answer(None, &data).is_empty());
    assert!(s.check_answer(Some(200), &data).is_empty());
    assert_only(
        &s.check_answer(Some(200), &error),
        "",
        Severity::Error,
        "an error body sent with status 200",
    );
    assert_only(
        &s.check_answer(Some(404), &data),
        "",
        Severity::Error,
        "status 404 shows the panel's error state",
    );
    assert_only(
        &s.check_answer(Some(301), &data),
        "",
        Severity::Error,
        "status 301: a panel endpoint answers",
    );
    // A body with both is a response: `error` is an unknown top-level key there.
    let both = json!({ "data": full(), "error": { "title": "x" } });
    assert_only(
        &s.check_answer(None, &both),
        "/error",
        Severity::Error,
        "unknown top-level key `error`",
    );
}
