//! Submitted bodies and refetch forms: lenient parsing into the derived type, field-named errors.

use crate::examples;

use chrono::NaiveDate;
use pdx::modal::{
    ChoiceValue, JsonModal, ModalForm, ModalSchema, REQUIRED_BLOCK_MESSAGE, Separator,
    SubmissionError, SubmissionErrorKind, Text, ValueKind, parse_submission,
    required_blocks_sent_empty,
};
use pdx::{JsonModal, ModalChoice};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Deserialize, ModalChoice)]
#[serde(rename_all = "lowercase")]
enum Priority {
    Low,
    Normal,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize, ModalChoice)]
#[serde(rename_all = "lowercase")]
enum Notify {
    #[modal(label = "Email the assignee")]
    Email,
    #[modal(label = "Post to Slack")]
    Slack,
}

/// The spec's example A (§10), but for the Slack item's `visibleOn` (items of a `ModalChoice` carry none).
#[derive(Debug, Deserialize, JsonModal)]
#[modal(
    secondary(key = "cancel", label = "Cancel"),
    primary(key = "create", label = "Create task")
)]
struct CreateTask {
    #[modal(
        text = "Create a task in **Acme Tasks** linked to this deal.",
        markdown
    )]
    intro: Text,
    #[modal(
        type = "text",
        label = "Task title",
        placeholder = "e.g. Send proposal",
        allow_clear
    )]
    title: String,
    #[modal(placeholder = "Select a project", filter, required, fetch_on_change)]
    project: Option<ChoiceValue>,
    #[modal(
        placeholder = "Select a project first",
        message = "Only members of the chosen project are listed"
    )]
    assignee: Option<ChoiceValue>,
    #[modal(placeholder = "Date", allow_clear)]
    due_date: Option<NaiveDate>,
    #[modal(radio, value = "normal", required = false)]
    priority: Priority,
    #[modal(textarea, placeholder = "Anything the assignee should know", resize)]
    notes: Option<String>,
    divider: Separator,
    #[modal(label = "Notifications", value = ["email"])]
    notify: Vec<Notify>,
    #[modal(hidden, label = "Deal metadata")]
    deal_meta: Option<String>,
}

#[test]
fn example_a_is_derived_but_for_one_item_rule() {
    let mut expected = examples::example_a();
    let slack =
        &mut expected["properties"]["blocks"]["properties"]["notify"]["options"]["items"][1];
    slack.as_object_mut().expect("an item").remove("visibleOn");
    assert_eq!(CreateTask::schema().to_value(), &expected);
    assert!(CreateTask::schema().check().is_empty());
    insta::assert_json_snapshot!("create_task_schema", CreateTask::schema().to_value());
}

#[test]
fn example_a_submission_parses() {
    let body = json!({"title":"Follow up: Big Deal Ltd","project":"prj_2","assignee":12,"due_date":"2025-07-01",
        "priority":"high","notes":"Call before Friday","notify":["email","slack"],
        "deal_meta":"{\"dealId\":42,\"stageId\":3,\"currency\":\"EUR\"}"});
    let task: CreateTask = parse_submission(&body).expect("A3 parses");
    assert_eq!(task.title, "Follow up: Big Deal Ltd");
    assert_eq!(task.project, Some(ChoiceValue::String("prj_2".into())));
    assert_eq!(task.assignee, Some(ChoiceValue::Integer(12)));
    assert_eq!(task.due_date, NaiveDate::from_ymd_opt(2025, 7, 1));
    assert_eq!(task.priority, Priority::High);
    assert_eq!(task.notes.as_deref(), Some("Call before Friday"));
    assert_eq!(task.notify, [Notify::Email, Notify::Slack]);
    assert_eq!(
        task.deal_meta.as_deref(),
        Some("{\"dealId\":42,\"stageId\":3,\"currency\":\"EUR\"}")
    );
    assert_eq!((task.intro, task.divider), (Text, Separator));
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize, ModalChoice)]
#[serde(rename_all = "lowercase")]
enum Flavor {
    Vanilla,
    Cranberry,
}

#[derive(Debug, Deserialize, JsonModal)]
#[modal(primary(label = "Order"))]
#[allow(dead_code)]
struct Order {
    name: String,
    quantity: u32,
    #[modal(label = "Wrap as gift?")]
    gift: Option<bool>,
    delivery: NaiveDate,
    flavors: Vec<Flavor>,
    #[modal(select, items((1, "Standard"), (2, "Accelerated")))]
    method: Option<u8>,
    #[modal(text = "Thanks!")]
    info: Text,
    line: Separator,
}

fn order(body: Value) -> Result<Order, SubmissionError> {
    parse_submission::<Order>(&body)
}

#[test]
fn submissions_are_read_leniently() {
    let o = order(
        json!({"name": 42, "quantity": "3", "gift": ["true"], "delivery": "2025-07-01T00:00:00Z",
        "flavors": "vanilla", "method": "2", "info": "ignored", "line": null, "unknown": {"x": 1}}),
    )
    .expect("lenient body parses");
    assert_eq!(o.name, "42");
    assert_eq!(o.quantity, 3);
    assert_eq!(o.gift, Some(true));
    assert_eq!(
        o.delivery,
        NaiveDate::from_ymd_opt(2025, 7, 1).expect("date")
    );
    assert_eq!(o.flavors, [Flavor::Vanilla]);
    assert_eq!(o.method, Some(2));

    let o = order(json!({"name": "Ann", "quantity": 2, "gift": false, "delivery": "2025-07-01", "method": ""}))
        .expect("strict body parses");
    assert_eq!((o.quantity, o.gift, o.method), (2, Some(false), None));
    assert!(
        o.flavors.is_empty(),
        "an absent checkbox group is an empty list"
    );
    let o = order(
        json!({"name": "Ann", "quantity": 2, "gift": "", "delivery": "2025-07-01", "flavors": []}),
    )
    .expect("empty values are not sent");
    assert_eq!(o.gift, Some(false), "an empty checkbox is unticked");
}

#[track_caller]
fn assert_field_error(body: Value, field: &str, needle: &str) {
    let e = order(body).expect_err("must fail");
    assert_eq!(e.field.as_deref(), Some(field), "{e}");
    assert!(e.message.contains(needle), "{e}");
    assert!(
        e.to_string().starts_with(&format!("block `{field}`: ")),
        "{e}"
    );
}

#[test]
fn submission_errors_name_the_block() {
    let ok = json!({"name": "Ann", "quantity": 2, "delivery": "2025-07-01"});
    let with = |k: &str, v: Value| {
        let mut b = ok.clone();
        b[k] = v;
        b
    };
    assert_field_error(
        with("quantity", json!("lots")),
        "quantity",
        "`lots` is not a number",
    );
    assert_field_error(with("quantity", json!(-1)), "quantity", "invalid value");
    assert_field_error(
        with("delivery", json!("tomorrow")),
        "delivery",
        "not a date",
    );
    assert_field_error(with("gift", json!("maybe")), "gift", "expected a checkbox");
    assert_field_error(
        with("flavors", json!(["mint"])),
        "flavors",
        "unknown variant `mint`",
    );
    assert_field_error(with("name", json!(["a", "b"])), "name", "expected text");
    assert_field_error(
        json!({"quantity": 2, "delivery": "2025-07-01"}),
        "name",
        "required block was not sent",
    );
    assert_field_error(
        json!({"name": "Ann", "quantity": 2, "delivery": null}),
        "delivery",
        "required block",
    );
    let not_object = order(json!([1])).expect_err("an array is no body");
    assert_eq!(not_object.field, None);
    assert!(not_object.message.contains("not an array"), "{not_object}");
}

#[test]
fn required_blocks_sent_empty_are_missing() {
    let schema = CreateTask::schema();
    let body = json!({"title": "", "project": [], "assignee": "", "notes": "", "notify": [], "deal_meta": null});
    let missing = required_blocks_sent_empty(schema, &body);
    // `title` and `project` are `isRequired`; the others are not, and blocks not sent are left to the type.
    assert_eq!(
        missing
            .iter()
            .map(|e| e.field.as_deref())
            .collect::<Vec<_>>(),
        [Some("title"), Some("project")]
    );
    assert!(
        missing
            .iter()
            .all(|e| e.kind == SubmissionErrorKind::Missing)
    );
    assert_eq!(
        missing[0].to_string(),
        "block `title`: required block was not sent"
    );
    assert!(required_blocks_sent_empty(schema, &json!({"title": "T", "project": 0})).is_empty());
    assert!(required_blocks_sent_empty(schema, &json!([])).is_empty());
}

#[test]
fn errors_show_under_blocks_the_user_can_see() {
    let schema = CreateTask::schema();
    let title = SubmissionError::missing("title");
    assert_eq!(title.block_to_show(schema), Some("title"));
    assert_eq!(title.block_message(), REQUIRED_BLOCK_MESSAGE);
    let invalid = SubmissionError::field("due_date", "`soon` is not a date");
    assert_eq!(invalid.block_to_show(schema), Some("due_date"));
    assert_eq!(
        invalid.block_message(),
        "This value could not be read: `soon` is not a date."
    );
    // `visibleOn: "never"`, a text block, a key that is no block, and the body as a whole: global errors.
    for error in [
        SubmissionError::field("deal_meta", "bad"),
        SubmissionError::missing("deal_meta"),
        SubmissionError::missing("intro"),
        SubmissionError::field("no_such_block", "bad"),
        SubmissionError::body("not an object"),
    ] {
        assert_eq!(error.block_to_show(schema), None, "{error}");
    }
}

#[test]
fn refetch_forms_parse_in_both_shapes() {
    let a2 = r#"{"title":"Follow up: Big Deal Ltd","project":"prj_2","due_date":"2025-07-01","priority":"normal","notify":["email"],"deal_meta":"{\"dealId\":42}"}"#;
    let form = ModalForm::parse(a2).expect("A2 form parses");
    assert_eq!(form.get("project"), Some(&json!("prj_2")));
    let task: CreateTask = form.parse_as().expect("the form is a valid state");
    assert_eq!(task.priority, Priority::Normal);

    let wrapped = ModalForm::parse(
        r#"{"project":{"value":"prj_2"},"title":{"value":"T","label":"Task title"}}"#,
    )
    .expect("wrapped form parses");
    assert_eq!(wrapped.get("project"), Some(&json!("prj_2")));
    assert_eq!(
        wrapped.to_value(),
        json!({"project": "prj_2", "title": "T"})
    );

    let bad = ModalForm::parse("{not json").expect_err("not JSON");
    assert!(bad.message.contains("`form` is not JSON"), "{bad}");
    let array = ModalForm::parse("[]").expect_err("not an object");
    assert!(array.message.contains("not an array"), "{array}");
}

#[test]
fn invoker_must_name_a_fetch_on_change_block() {
    let schema = CreateTask::schema();
    assert!(ModalForm::check_invoker(schema, "project").is_ok());
    let plain = ModalForm::check_invoker(schema, "title").expect_err("no fetchOnChange");
    assert_eq!(plain.field.as_deref(), Some("title"));
    assert!(
        plain.message.contains("without `fetchOnChange: true`"),
        "{plain}"
    );
    let ghost =
        ModalForm::check_invoker(schema, "block_key_datepicker").expect_err("no such block");
    assert!(ghost.message.contains("no block"), "{ghost}");
}

/// A modal whose schema is an uploaded file, not a derive: the trait's default `from_submission`.
#[derive(Debug, Deserialize)]
struct Uploaded {
    block_key_delivery_method: Option<u8>,
    block_key_flavors: Vec<String>,
    block_key_cake_size: Option<String>,
}

impl JsonModal for Uploaded {
    fn schema() -> &'static ModalSchema {
        static SCHEMA: OnceLock<ModalSchema> = OnceLock::new();
        SCHEMA.get_or_init(|| {
            let path = format!(
                "{}/tests/fixtures/pipedrive-samples/json-modal.json",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).expect("sample exists");
            ModalSchema::from_value(serde_json::from_str(&text).expect("JSON"))
                .expect("valid sample")
        })
    }
}

#[test]
fn uploaded_schemas_read_submissions_by_element() {
    let kinds = Uploaded::schema().value_kinds();
    assert_eq!(kinds["block_key_delivery_method"], ValueKind::Any);
    assert_eq!(kinds["block_key_flavors"], ValueKind::Choices);
    assert_eq!(kinds["block_key_info"], ValueKind::Ignored);
    let u: Uploaded =
        parse_submission(&json!({"block_key_delivery_method": 2, "block_key_flavors": "vanilla", "block_key_cake_size": 3}))
            .expect("parses");
    assert_eq!(u.block_key_delivery_method, Some(2));
    assert_eq!(u.block_key_flavors, ["vanilla"]);
    assert_eq!(u.block_key_cake_size.as_deref(), Some("3"));
    // The default `from_submission` names the block whose value its field refuses, as the derive does.
    let e = parse_submission::<Uploaded>(&json!({"block_key_delivery_method": "fast"}))
        .expect_err("not a u8");
    assert_eq!(e.field.as_deref(), Some("block_key_delivery_method"), "{e}");
    assert_eq!(e.kind, SubmissionErrorKind::Invalid);
    assert!(e.message.contains("invalid type"), "{e}");
}
