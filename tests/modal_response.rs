//! Typed responses (snapshots, statuses) and response checks: merge into the schema by key, then the schema
//! checks, with pointers into the response.

use crate::examples;

use examples::{example_a, example_b, example_c};
use pdx::modal::{
    ChoiceValue, DataResponse, DatepickerOptions, FieldError, FieldErrors, GlobalError,
    InputOptions, Item, JsonModal, ModalResponse, ModalSchema, PrimaryHandler, PrimaryOptions,
    SelectOptions, SuccessResponse, VisibleOn, check_response, limits,
};
use pdx::{JsonModal, Problems, Severity};
use serde::Deserialize;
use serde_json::{Value, json};

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
fn assert_accepted(schema: &Value, response: &Value) {
    let problems = check_response(schema, response);
    assert!(problems.is_empty(), "{problems}");
}

#[test]
fn example_a_responses_check() {
    let a = example_a();
    assert_accepted(
        &a,
        &json!({ "data": { "blocks": {
        "title": { "value": "Follow up: Big Deal Ltd" },
        "project": { "items": [ { "label": "Onboarding", "value": "prj_1" }, { "label": "Renewals", "value": "prj_2" } ] },
        "due_date": { "value": "2025-07-01" },
        "deal_meta": { "value": "{\"dealId\":42,\"stageId\":3,\"currency\":\"EUR\"}" }
    }, "actions": {} } }),
    );
    assert_accepted(
        &a,
        &json!({ "data": { "blocks": {
        "assignee": { "placeholder": "Select an assignee", "isRequired": true,
                      "items": [ { "label": "Ann Lee", "value": 11 }, { "label": "Bob Roe", "value": 12 } ] }
    }, "actions": {} } }),
    );
    assert_accepted(
        &a,
        &json!({ "success": { "message": "Task created in Acme Tasks", "type": "snackbar",
        "link": { "label": "Open task", "value": "https://app.example.com/tasks/981" }, "refreshPanelData": true } }),
    );
    assert_accepted(
        &a,
        &json!({ "data": { "blocks": { "due_date": { "label": "Due date", "value": "2025-07-01",
        "error": "Acme Tasks does not allow due dates on weekends" } } } }),
    );
    assert_accepted(
        &a,
        &json!({ "error": { "message": "Acme Tasks is temporarily unavailable. Try again in a minute." } }),
    );
}

#[test]
fn example_b_and_c_responses_check() {
    let b = example_b();
    assert_accepted(
        &b,
        &json!({ "data": { "blocks": { "campaign": { "items": [ { "label": "Spring newsletter", "value": 301 },
        { "label": "Webinar invite", "value": 302 } ] }, "reply_to": { "value": "ann@example.com" } }, "actions": {} } }),
    );
    assert_accepted(
        &b,
        &json!({ "success": { "message": "1,284 people queued for \"Q3 webinar\"", "type": "snackbar" } }),
    );
    assert_accepted(
        &b,
        &json!({ "data": { "blocks": { "reply_to": { "error": "This domain is not verified in your Acme account" } } } }),
    );
    assert_accepted(
        &example_c(),
        &json!({ "data": { "blocks": {}, "actions": {} } }),
    );
}

#[test]
fn response_problems_point_into_the_response() {
    let a = example_a();
    let items_on_text = check_response(
        &a,
        &json!({ "data": { "blocks": { "intro": { "items": [] } } } }),
    );
    assert_problem(
        &items_on_text,
        "/data/blocks/intro/items",
        Severity::Error,
        "not an option of element-text",
    );
    let unknown_block = check_response(
        &a,
        &json!({ "data": { "blocks": { "ghost": { "value": "x" } } } }),
    );
    assert_problem(
        &unknown_block,
        "/data/blocks/ghost",
        Severity::Error,
        "no block `ghost` in the schema",
    );
    let wrapped = check_response(
        &a,
        &json!({ "data": { "blocks": { "title": { "options": { "value": "x" } } } } }),
    );
    assert_problem(
        &wrapped,
        "/data/blocks/title/options",
        Severity::Error,
        "without `$ref`/`options`",
    );
    let handler = check_response(
        &a,
        &json!({ "data": { "blocks": {}, "actions": { "create": { "handler": "submit" } } } }),
    );
    assert_problem(
        &handler,
        "/data/actions/create/handler",
        Severity::Error,
        "expected one of `\"request\"`, `\"open-url\"`, found a string `\"submit\"`",
    );
    let duplicate = check_response(
        &a,
        &json!({ "data": { "blocks": { "project": { "items": [
        { "label": "A", "value": "p" }, { "label": "B", "value": "p" } ] } } } }),
    );
    assert_problem(
        &duplicate,
        "/data/blocks/project/items/1/value",
        Severity::Error,
        "already used",
    );
    let date = check_response(
        &a,
        &json!({ "data": { "blocks": { "due_date": { "value": "2025-02-30" } } } }),
    );
    assert_problem(
        &date,
        "/data/blocks/due_date/value",
        Severity::Error,
        "not a real date",
    );
    let separator = check_response(
        &a,
        &json!({ "data": { "blocks": { "divider": { "label": "x" } } } }),
    );
    assert_problem(
        &separator,
        "/data/blocks/divider",
        Severity::Error,
        "takes no options",
    );
    let rule = check_response(
        &a,
        &json!({ "data": { "blocks": { "notes": { "visibleOn": { "nobody": "not_empty" } } } } }),
    );
    assert_problem(
        &rule,
        "/data/blocks/notes/visibleOn/nobody",
        Severity::Error,
        "no block",
    );
    let entry = check_response(&a, &json!({ "data": { "blocks": { "title": "x" } } }));
    assert_problem(
        &entry,
        "/data/blocks/title",
        Severity::Error,
        "expected an object",
    );
    let section = check_response(&a, &json!({ "data": { "blocks": {}, "extra": {} } }));
    assert_problem(&section, "/data/extra", Severity::Error, "not allowed here");
    // Replacing a rule with "always" is fine (§3.5).
    assert_accepted(
        &example_b(),
        &json!({ "data": { "blocks": { "campaign": { "visibleOn": "always" } } } }),
    );
}

#[test]
fn envelopes_are_checked() {
    let a = example_a();
    assert_problem(
        &check_response(&a, &json!({})),
        "",
        Severity::Error,
        "invalid structure",
    );
    assert_problem(
        &check_response(&a, &Value::Null),
        "",
        Severity::Error,
        "must be an object",
    );
    let both = check_response(&a, &json!({ "data": {}, "error": { "message": "x" } }));
    assert_problem(&both, "", Severity::Error, "exactly one of");
    let toast = check_response(
        &a,
        &json!({ "success": { "message": "x", "type": "toast" } }),
    );
    assert_problem(&toast, "/success/type", Severity::Error, "snackbar");
    let untyped = check_response(&a, &json!({ "success": { "message": "x" } }));
    assert_problem(&untyped, "/success", Severity::Error, "missing `type`");
    let link = check_response(
        &a,
        &json!({ "success": { "message": "x", "type": "snackbar", "link": { "url": "u" } } }),
    );
    assert_problem(
        &link,
        "/success/link/url",
        Severity::Error,
        "not allowed here",
    );
    let error = check_response(&a, &json!({ "error": { "message": 5 } }));
    assert_problem(
        &error,
        "/error/message",
        Severity::Error,
        "expected a string, found a number `5`",
    );
    let error_extra = check_response(&a, &json!({ "error": { "message": "m", "code": 5 } }));
    assert_problem(
        &error_extra,
        "/error/code",
        Severity::Error,
        "not allowed here",
    );
}

#[test]
fn typed_responses_serialize_as_documented() {
    let data = DataResponse::new()
        .block(
            "title",
            InputOptions::new().value("Follow up: Big Deal Ltd"),
        )
        .block(
            "project",
            SelectOptions::new().items(vec![
                Item::<ChoiceValue>::new("prj_1", "Onboarding"),
                Item::new("prj_2", "Renewals"),
            ]),
        )
        .block(
            "due_date",
            DatepickerOptions::new()
                .date(chrono::NaiveDate::from_ymd_opt(2025, 7, 1).expect("a date")),
        )
        .block(
            "deal_meta",
            InputOptions::new()
                .value("{\"dealId\":42}")
                .visible_on(VisibleOn::never()),
        )
        .action(
            "create",
            PrimaryOptions::new()
                .label("Create now")
                .handler(PrimaryHandler::Request),
        );
    let response = ModalResponse::from(data);
    assert_eq!(response.status(), 200);
    assert_accepted(&example_a(), &response.to_value());
    insta::assert_json_snapshot!("data_response", response.to_value());

    let errors = FieldErrors::new()
        .field(
            "due_date",
            FieldError::new("No weekends")
                .label("Due date")
                .value("2025-07-05"),
        )
        .error("title", "Too long");
    let response = ModalResponse::from(errors);
    assert_eq!(response.status(), limits::STATUS_DATA);
    assert_accepted(&example_a(), &response.to_value());
    assert!(!response.to_value().to_string().contains("items"));
    insta::assert_json_snapshot!("field_errors", response.to_value());

    let success = ModalResponse::from(
        SuccessResponse::new("Task created in Acme Tasks")
            .link("Open task", "https://app.example.com/tasks/981")
            .refresh_panel_data(true),
    );
    assert_eq!(success.status(), 200);
    assert_accepted(&example_a(), &success.to_value());
    insta::assert_json_snapshot!("success", success.to_value());
    assert_eq!(
        SuccessResponse::new("Done").to_value(),
        json!({ "success": { "message": "Done", "type": "snackbar" } })
    );

    let global = ModalResponse::from(GlobalError::new("Acme Tasks is temporarily unavailable."));
    assert_eq!(global.status(), 400);
    assert_accepted(&example_a(), &global.to_value());
    insta::assert_json_snapshot!("global_error", global.to_value());

    let empty = DataResponse::new();
    assert_eq!(
        empty.to_value(),
        json!({ "data": { "blocks": {}, "actions": {} } })
    );
}

#[derive(Debug, Deserialize, JsonModal)]
#[modal(primary(label = "Assign"))]
#[allow(dead_code)]
struct Assign {
    #[modal(fetch_on_change, placeholder = "Select a project")]
    project: Option<ChoiceValue>,
    #[modal(label = "Assignee", placeholder = "Select a project first")]
    assignee: Option<ChoiceValue>,
}

#[test]
fn typed_responses_check_against_derived_schemas() {
    let schema: &ModalSchema = Assign::schema();
    let ok = DataResponse::new().block(
        "assignee",
        SelectOptions::new().is_required(true).items(vec![
            Item::<ChoiceValue>::new(11, "Ann Lee"),
            Item::new(12, "Bob Roe"),
        ]),
    );
    assert!(schema.check_response(&ok.to_value()).is_empty());
    let duplicate = DataResponse::new().block(
        "assignee",
        SelectOptions::new().items(vec![
            Item::<ChoiceValue>::new(11, "Ann"),
            Item::new(11, "Bob"),
        ]),
    );
    assert_problem(
        &schema.check_response(&duplicate.to_value()),
        "/data/blocks/assignee/items/1/value",
        Severity::Error,
        "already used",
    );
    let wrong_element =
        DataResponse::new().block("assignee", InputOptions::new().allow_clear(true).label("x"));
    assert!(
        schema.check_response(&wrong_element.to_value()).is_empty(),
        "allowClear is a select option too"
    );
    let unknown = DataResponse::new().block("nobody", InputOptions::new().value("x"));
    assert_problem(
        &schema.check_response(&unknown.to_value()),
        "/data/blocks/nobody",
        Severity::Error,
        "no block",
    );
    insta::assert_json_snapshot!("assign_schema", schema.to_value());
}

#[test]
fn a_success_link_that_runs_code_is_an_error() {
    let schema = example_c();
    let response = SuccessResponse::new("Saved").link("Open", "javascript:alert(document.cookie)");
    let problems = check_response(&schema, &response.to_value());
    assert_problem(
        &problems,
        "/success/link/value",
        Severity::Error,
        "a `javascript:` URL: Pipedrive opens this link in the user's browser",
    );
    assert_eq!(problems.len(), 1, "{problems}");
    assert_accepted(
        &schema,
        &SuccessResponse::new("Saved")
            .link("Open", "https://app.example.com/tasks/1")
            .to_value(),
    );
}

/// Pipedrive accepts a preset value that is no item and preselects nothing: a warning, where the response set it.
#[test]
fn a_preset_value_outside_the_items_is_a_warning() {
    let schema = example_a();
    let response = json!({ "data": { "blocks": { "priority": { "value": "urgent" } } } });
    let problems = check_response(&schema, &response);
    assert_problem(
        &problems,
        "/data/blocks/priority/value",
        Severity::Warning,
        "`value` `urgent` is not one of the items: Pipedrive preselects nothing",
    );
    assert!(problems.is_valid());
    // New items without the preset: the warning sits at the schema's `value`, which the response did not set.
    let items = json!({ "data": { "blocks": { "priority": { "items": [{ "value": "low", "label": "Low" }] } } } });
    assert_problem(
        &check_response(&schema, &items),
        "/properties/blocks/properties/priority/options/value",
        Severity::Warning,
        "`value` `normal` is not one of the items",
    );
}
