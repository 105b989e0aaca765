//! The schema checks: for each rule, a document that passes and one that fails at the expected pointer.

use crate::examples;

use examples::{doc, example_a, example_b, example_c, save};
use pdx::modal::{check_schema, limits};
use pdx::{Problems, Severity};
use serde_json::{Value, json};

const B: &str = "/properties/blocks/properties";
const A: &str = "/properties/actions/properties";

fn sample(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/pipedrive-samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).expect("sample exists"))
        .expect("sample is JSON")
}

#[track_caller]
fn assert_problem(problems: &Problems, pointer: &str, severity: Severity, needle: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.pointer == pointer && p.severity == severity && p.message.contains(needle)),
        "expected {severity:?} at {pointer} containing {needle:?}; got:\n{problems}"
    );
}

#[track_caller]
fn assert_clean(value: &Value) {
    let problems = check_schema(value);
    assert!(problems.is_empty(), "{problems}");
}

fn input(options: Value) -> Value {
    json!({ "$ref": "#/definitions/element-input", "options": options })
}

#[test]
fn official_samples_and_spec_examples_pass() {
    assert_clean(&sample("json-modal.json"));
    assert_clean(&sample("todo-modal.json"));
    assert_clean(&example_a());
    assert_clean(&example_b());
    assert_clean(&example_c());
}

#[test]
fn unknown_option_keys_are_errors() {
    let bad = doc(
        json!({ "a": input(json!({ "label": "A", "resize": true })) }),
        save(),
    );
    let problems = check_schema(&bad);
    assert_problem(
        &problems,
        &format!("{B}/a/options/resize"),
        Severity::Error,
        "not an option of element-input",
    );
    assert_eq!(problems.len(), 1, "{problems}");
    assert_clean(&doc(
        json!({ "a": input(json!({ "label": "A", "allowClear": true })) }),
        save(),
    ));
}

#[test]
fn fetch_on_change_is_not_an_option_of_text() {
    let text = |o: Value| json!({ "$ref": "#/definitions/element-text", "options": o });
    let bad = doc(
        json!({ "t": text(json!({ "value": "Hi", "fetchOnChange": true })) }),
        save(),
    );
    assert_problem(
        &check_schema(&bad),
        &format!("{B}/t/options/fetchOnChange"),
        Severity::Error,
        "element-text",
    );
    assert_clean(&doc(
        json!({ "t": text(json!({ "value": "Hi", "markdown": true })) }),
        save(),
    ));
}

#[test]
fn required_options_are_errors_when_missing() {
    let bad = doc(json!({ "a": input(json!({ "placeholder": "x" })) }), save());
    assert_problem(
        &check_schema(&bad),
        &format!("{B}/a/options"),
        Severity::Error,
        "requires `label`",
    );
    let text = doc(
        json!({ "t": { "$ref": "#/definitions/element-text", "options": { "markdown": true } } }),
        save(),
    );
    assert_problem(
        &check_schema(&text),
        &format!("{B}/t/options"),
        Severity::Error,
        "requires `value`",
    );
    let no_options = doc(
        json!({ "a": { "$ref": "#/definitions/element-input" } }),
        save(),
    );
    assert_problem(
        &check_schema(&no_options),
        &format!("{B}/a"),
        Severity::Error,
        "requires `options`",
    );
    let item = doc(
        json!({ "r": { "$ref": "#/definitions/element-radio-group",
                       "options": { "label": "R", "items": [{ "value": "a" }] } } }),
        save(),
    );
    assert_problem(
        &check_schema(&item),
        &format!("{B}/r/options/items/0"),
        Severity::Error,
        "requires `label`",
    );
    let button = doc(
        json!({}),
        json!({ "s": { "$ref": "#/definitions/action-primary", "options": { "label": "S" } } }),
    );
    assert_problem(
        &check_schema(&button),
        &format!("{A}/s/options"),
        Severity::Error,
        "requires `handler`",
    );
    // The checkbox group's label is not REQ (§3.3).
    assert_clean(&doc(
        json!({ "c": { "$ref": "#/definitions/element-checkbox-group", "options": {} } }),
        save(),
    ));
}

#[test]
fn enums_are_checked() {
    let bad = doc(
        json!({ "a": input(json!({ "label": "A", "type": "phone" })) }),
        save(),
    );
    assert_problem(
        &check_schema(&bad),
        &format!("{B}/a/options/type"),
        Severity::Error,
        "expected one of `\"text\"`, `\"email\"`",
    );
    for t in limits::INPUT_TYPES {
        assert_clean(&doc(
            json!({ "a": input(json!({ "label": "A", "type": t })) }),
            save(),
        ));
    }
    let primary = doc(
        json!({}),
        json!({ "s": { "$ref": "#/definitions/action-primary", "options": { "label": "S", "handler": "submit" } } }),
    );
    assert_problem(
        &check_schema(&primary),
        &format!("{A}/s/options/handler"),
        Severity::Error,
        "`\"request\"`, `\"open-url\"`",
    );
    let secondary = doc(
        json!({}),
        json!({ "c": { "$ref": "#/definitions/action-secondary", "options": { "label": "C", "handler": "close" } } }),
    );
    assert_problem(
        &check_schema(&secondary),
        &format!("{A}/c/options/handler"),
        Severity::Error,
        "`\"reset\"`, `\"cancel\"`",
    );
    let element = doc(
        json!({ "x": { "$ref": "#/definitions/element-toggle" } }),
        save(),
    );
    assert_problem(
        &check_schema(&element),
        &format!("{B}/x/$ref"),
        Severity::Error,
        "expected one of `\"#/definitions/element-text\"`",
    );
}

#[test]
fn at_most_ten_blocks() {
    let blocks = |n: usize| {
        let map: serde_json::Map<String, Value> = (0..n)
            .map(|i| {
                (
                    format!("b{i}"),
                    json!({ "$ref": "#/definitions/element-separator" }),
                )
            })
            .collect();
        Value::Object(map)
    };
    assert_clean(&doc(blocks(limits::MAX_BLOCKS), save()));
    let problems = check_schema(&doc(blocks(limits::MAX_BLOCKS + 1), save()));
    assert_problem(
        &problems,
        B,
        Severity::Error,
        "11 blocks; a modal has at most 10",
    );
}

#[test]
fn one_or_two_buttons_one_of_each_kind() {
    let none = check_schema(&doc(json!({}), json!({})));
    assert_problem(
        &none,
        A,
        Severity::Error,
        "0 action buttons; a modal needs 1 or 2",
    );
    let primary = |label: &str| json!({ "$ref": "#/definitions/action-primary", "options": { "label": label, "handler": "request" } });
    let secondary = json!({ "$ref": "#/definitions/action-secondary", "options": { "label": "C", "handler": "cancel" } });
    let two_primaries = check_schema(&doc(
        json!({}),
        json!({ "a": primary("A"), "b": primary("B") }),
    ));
    assert_problem(
        &two_primaries,
        &format!("{A}/b"),
        Severity::Error,
        "a second action-primary",
    );
    let three = check_schema(&doc(
        json!({}),
        json!({ "a": primary("A"), "b": secondary, "c": secondary }),
    ));
    assert_problem(&three, A, Severity::Error, "3 action buttons");
    assert_problem(
        &three,
        &format!("{A}/c"),
        Severity::Error,
        "a second action-secondary",
    );
    assert_clean(&doc(
        json!({}),
        json!({ "a": primary("A"), "b": secondary }),
    ));
}

#[test]
fn item_values_are_unique_and_typed() {
    let select = |items: Value| {
        doc(
            json!({ "s": { "$ref": "#/definitions/element-select", "options": { "label": "S", "items": items } } }),
            save(),
        )
    };
    let dup = check_schema(&select(
        json!([{ "label": "a", "value": 1 }, { "label": "b", "value": 1 }]),
    ));
    assert_problem(
        &dup,
        &format!("{B}/s/options/items/1/value"),
        Severity::Error,
        "already used by item 0",
    );
    assert_clean(&select(
        json!([{ "label": "a", "value": 1 }, { "label": "b", "value": "1" }, { "label": "c", "value": true }]),
    ));
    let object = check_schema(&select(json!([{ "label": "a", "value": {} }])));
    assert_problem(
        &object,
        &format!("{B}/s/options/items/0/value"),
        Severity::Error,
        "string, a number or a boolean",
    );
    let radio = doc(
        json!({ "r": { "$ref": "#/definitions/element-radio-group", "options": { "label": "R", "items": [{ "label": "One", "value": 1 }] } } }),
        save(),
    );
    assert_problem(
        &check_schema(&radio),
        &format!("{B}/r/options/items/0/value"),
        Severity::Error,
        "expected a string, found a number `1`",
    );
    let checkbox_item_key = doc(
        json!({ "c": { "$ref": "#/definitions/element-checkbox-group", "options": { "items": [{ "label": "A", "value": "a", "checked": true }] } } }),
        save(),
    );
    assert_problem(
        &check_schema(&checkbox_item_key),
        &format!("{B}/c/options/items/0/checked"),
        Severity::Error,
        "not an item key",
    );
}

#[test]
fn preset_values_outside_the_items_are_warnings() {
    let radio = |value: &str| {
        doc(
            json!({ "r": { "$ref": "#/definitions/element-radio-group",
                       "options": { "label": "R", "value": value, "items": [{ "label": "A", "value": "a" }] } } }),
            save(),
        )
    };
    let problems = check_schema(&radio("b"));
    assert_problem(
        &problems,
        &format!("{B}/r/options/value"),
        Severity::Warning,
        "`value` `b` is not one of the items: Pipedrive preselects nothing",
    );
    assert!(problems.is_valid());
    assert_clean(&radio("a"));
}

#[test]
fn visible_on_names_existing_input_blocks() {
    let with_rule = |rule: Value| {
        doc(
            json!({ "a": input(json!({ "label": "A" })), "b": input(json!({ "label": "B", "visibleOn": rule })),
                "sep": { "$ref": "#/definitions/element-separator" } }),
            save(),
        )
    };
    assert_clean(&with_rule(json!({ "a": "not_empty" })));
    assert_clean(&with_rule(json!({ "a": { "equals": "x" } })));
    assert_clean(&with_rule(json!({ "a": { "includes": "x" } })));
    assert_clean(&with_rule(json!("never")));
    assert_clean(&with_rule(json!("always")));
    let missing = check_schema(&with_rule(json!({ "zz": "not_empty" })));
    assert_problem(
        &missing,
        &format!("{B}/b/options/visibleOn/zz"),
        Severity::Error,
        "`zz`, which is no block",
    );
    let own = check_schema(&with_rule(json!({ "b": "not_empty" })));
    assert_problem(
        &own,
        &format!("{B}/b/options/visibleOn/b"),
        Severity::Error,
        "its own value",
    );
    let separator = check_schema(&with_rule(json!({ "sep": "not_empty" })));
    assert_problem(
        &separator,
        &format!("{B}/b/options/visibleOn/sep"),
        Severity::Error,
        "no value to test",
    );
    let form = check_schema(&with_rule(json!({ "a": { "equal": "x" } })));
    assert_problem(
        &form,
        &format!("{B}/b/options/visibleOn"),
        Severity::Error,
        "\"not_empty\", {\"equals\"",
    );
    let array = check_schema(&with_rule(json!([{ "a": "not_empty" }])));
    assert_problem(
        &array,
        &format!("{B}/b/options/visibleOn"),
        Severity::Error,
        "must be \"never\", \"always\"",
    );
    let several = check_schema(&with_rule(json!({ "a": "not_empty", "sep": "not_empty" })));
    assert_problem(
        &several,
        &format!("{B}/b/options/visibleOn"),
        Severity::Warning,
        "AND or OR is unknown",
    );
    let on_separator = doc(
        json!({ "sep": { "$ref": "#/definitions/element-separator", "options": { "visibleOn": "never" } } }),
        save(),
    );
    assert_problem(
        &check_schema(&on_separator),
        &format!("{B}/sep/options"),
        Severity::Error,
        "takes no options",
    );
    let on_item = doc(
        json!({ "c": { "$ref": "#/definitions/element-checkbox-group",
                       "options": { "items": [{ "label": "A", "value": "a", "visibleOn": { "ghost": "not_empty" } }] } } }),
        save(),
    );
    assert_problem(
        &check_schema(&on_item),
        &format!("{B}/c/options/items/0/visibleOn/ghost"),
        Severity::Error,
        "no block",
    );
}

#[test]
fn datepicker_values_are_real_dates() {
    let date = |v: &str| {
        doc(
            json!({ "d": { "$ref": "#/definitions/element-datepicker", "options": { "label": "D", "value": v } } }),
            save(),
        )
    };
    assert_clean(&date("2024-02-29"));
    for bad in [
        "2023-02-29",
        "2023-13-01",
        "2023-1-1",
        "2023-01-01T10:00:00Z",
        "tomorrow",
    ] {
        assert_problem(
            &check_schema(&date(bad)),
            &format!("{B}/d/options/value"),
            Severity::Error,
            "not a real date",
        );
    }
}

#[test]
fn url_belongs_to_open_url() {
    let button = |handler: &str| {
        doc(
            json!({}),
            json!({ "go": { "$ref": "#/definitions/action-primary",
        "options": { "label": "Go", "handler": handler, "url": "https://example.com" } } }),
        )
    };
    assert_clean(&button("open-url"));
    let problems = check_schema(&button("request"));
    assert_problem(
        &problems,
        &format!("{A}/go/options/url"),
        Severity::Warning,
        "only documented with `handler: \"open-url\"`",
    );
    assert!(problems.is_valid());
    let secondary = doc(
        json!({}),
        json!({ "c": { "$ref": "#/definitions/action-secondary",
        "options": { "label": "C", "handler": "cancel", "url": "https://example.com" } } }),
    );
    assert_problem(
        &check_schema(&secondary),
        &format!("{A}/c/options/url"),
        Severity::Error,
        "not an option of action-secondary",
    );
}

#[test]
fn the_envelope_is_checked() {
    assert_problem(
        &check_schema(&json!([])),
        "",
        Severity::Error,
        "expected an object, found an array",
    );
    let mut extra = example_c();
    extra["required"] = json!(["blocks"]);
    assert_problem(
        &check_schema(&extra),
        "/required",
        Severity::Error,
        "not allowed here",
    );
    let no_actions = json!({ "type": "object", "properties": { "blocks": { "type": "object", "properties": {} } } });
    assert_problem(
        &check_schema(&no_actions),
        "/properties",
        Severity::Error,
        "missing `actions`",
    );
    let mut wrong_type = example_c();
    wrong_type["type"] = json!("array");
    assert_problem(
        &check_schema(&wrong_type),
        "/type",
        Severity::Error,
        "\"object\"",
    );
    let entry_key = doc(
        json!({ "a": { "$ref": "#/definitions/element-input", "options": { "label": "A" }, "type": "x" } }),
        save(),
    );
    assert_problem(
        &check_schema(&entry_key),
        &format!("{B}/a/type"),
        Severity::Error,
        "not allowed here",
    );
}

#[test]
fn pointers_escape_block_keys() {
    let bad = doc(
        json!({ "a/b": input(json!({ "label": "A", "size": 3 })) }),
        save(),
    );
    assert_problem(
        &check_schema(&bad),
        &format!("{B}/a~1b/options/size"),
        Severity::Error,
        "not an option",
    );
}

/// A modal of buttons only, as the component library shows its button types: a confirmation dialog. Pipedrive's
/// docs ask for 1 or 2 buttons, not for blocks, so it is accepted.
#[test]
fn a_modal_of_buttons_only_is_a_confirmation_dialog() {
    let confirm = json!({ "type": "object", "properties": { "actions": { "type": "object", "properties": {
        "cancel": { "$ref": "#/definitions/action-secondary", "options": { "label": "Cancel", "handler": "cancel" } },
        "delete": { "$ref": "#/definitions/action-primary", "options": { "label": "Delete", "handler": "request" } }
    } } } });
    assert_clean(&confirm);
    let schema = pdx::modal::ModalSchema::from_value(confirm).unwrap_or_else(|p| panic!("{p}"));
    let document = schema.document().expect("read as the model");
    assert!(document.blocks.is_empty());
    assert_eq!(document.actions.len(), 2);
    assert!(schema.check().is_empty());
    // Blocks alone still need a button.
    let no_button = json!({ "type": "object", "properties": { "blocks": { "type": "object", "properties": {} } } });
    assert_problem(
        &check_schema(&no_button),
        "/properties",
        Severity::Error,
        "missing `actions`",
    );
}

#[test]
fn links_that_run_code_are_errors() {
    for url in [
        "javascript:alert(1)",
        " \u{1}JaVaScRiPt:alert(1)",
        "java\tscript:x",
        "data:text/html,x",
        "VBSCRIPT:x",
    ] {
        let open = doc(
            json!({}),
            json!({ "go": { "$ref": "#/definitions/action-primary",
                "options": { "label": "Go", "handler": "open-url", "url": url } } }),
        );
        assert_problem(
            &check_schema(&open),
            &format!("{A}/go/options/url"),
            Severity::Error,
            "URL: Pipedrive opens this link in the user's browser",
        );
    }
    let text = |markdown: bool| {
        doc(
            json!({ "t": { "$ref": "#/definitions/element-text",
                "options": { "value": "Read [the terms](javascript:alert(1)).", "markdown": markdown } } }),
            save(),
        )
    };
    let problems = check_schema(&text(true));
    assert_problem(
        &problems,
        &format!("{B}/t/options/value"),
        Severity::Error,
        "a markdown link to a `javascript:` URL",
    );
    assert_eq!(problems.len(), 1, "{problems}");
    // Plain text is not rendered as a link.
    assert_clean(&text(false));
}

/// Every jsonschema error reads as a sentence, never as jsonschema's own words.
#[test]
fn errors_read_as_sentences() {
    let bad = doc(
        json!({ "a": input(json!({ "label": "A", "allowClear": "yes", "placeholder": 3 })) }),
        save(),
    );
    let mut found: Vec<String> = check_schema(&bad).iter().map(ToString::to_string).collect();
    found.sort();
    assert_eq!(
        found,
        [
            format!("{B}/a/options/allowClear: expected a boolean, found a string `\"yes\"`"),
            format!("{B}/a/options/placeholder: expected a string, found a number `3`"),
        ]
    );
}

#[test]
fn choice_values_read_as_strings() {
    use pdx::modal::ChoiceValue;
    assert_eq!(ChoiceValue::from("std").as_str(), Some("std"));
    assert_eq!(ChoiceValue::from(1).as_str(), None);
    assert_eq!(ChoiceValue::from(true).as_str(), None);
    assert_eq!(ChoiceValue::from(1.5).as_str(), None);
}
