//! `#[derive(JsonModal)]` and `#[derive(ModalChoice)]`: the official samples and the spec's examples reproduced
//! exactly, snapshots of every derived schema, round trips through the wire model.

use chrono::NaiveDate;
use pdx::modal::{
    ChoiceValue, JsonModal, ModalChoice, ModalDocument, ModalSchema, Separator, Text, check_schema,
};
use pdx::{JsonModal, ModalChoice};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::examples;

fn sample(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/pipedrive-samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).expect("sample is JSON")
}

/// Derived schemas are valid, survive a trip through the wire model, and keep block order.
fn assert_sound<T: JsonModal>() -> &'static ModalSchema {
    let schema = T::schema();
    let problems = check_schema(schema.to_value());
    assert!(problems.is_empty(), "{problems}");
    let document = schema.document().expect("derived schema reads back");
    assert_eq!(&document.to_value(), schema.to_value());
    schema
}

/// `tests/fixtures/pipedrive-samples/json-modal.json`.
#[derive(Debug, Deserialize, JsonModal)]
#[modal(
    secondary(key = "cancel_action", label = "Cancel", handler = "cancel"),
    primary(key = "submit_action", label = "Save")
)]
#[allow(dead_code)]
struct CakeOrder {
    #[modal(
        label = "Cake size",
        placeholder = "Insert size",
        message = "Cake size will be either S, M or L"
    )]
    block_key_cake_size: Option<String>,
    #[modal(
        textarea,
        label = "Additional instructions",
        placeholder = "Write \"Happy Birthday!\" on the cake!",
        message = "What would you like to have on your cake?",
        resize
    )]
    block_key_textarea: Option<String>,
    block_key_separator: Separator,
    #[modal(label = "Flavor", value = "cranberry")]
    block_key_flavors: Vec<Flavor>,
    #[modal(
        label = "Delivery date",
        value = "2020-02-27",
        message = "Cakes will be ready by 12:00 on selected date",
        placeholder = "Date",
        allow_clear
    )]
    block_key_delivery_date: NaiveDate,
    #[modal(
        select,
        label = "Delivery method",
        placeholder = "Select method",
        message = "Please, specify how the delivery will be done",
        items((1, "Standard"), (2, "Accelerated"))
    )]
    block_key_delivery_method: u8,
    #[modal(radio, label = "Wrap as gift?")]
    block_key_is_gift: Option<YesNo>,
    #[modal(text = "Thank you for using the cake ordering app!")]
    block_key_info: Text,
}

/// The sample's yes/no radio group: two items, not a `bool` (a `bool` is a single checkbox).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, ModalChoice)]
#[serde(rename_all = "lowercase")]
enum YesNo {
    Yes,
    No,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize, ModalChoice)]
#[serde(rename_all = "lowercase")]
enum Flavor {
    Vanilla,
    #[modal(disabled)]
    Chocolate,
    Cranberry,
}

/// `tests/fixtures/pipedrive-samples/todo-modal.json`.
#[derive(Debug, Deserialize, JsonModal)]
#[modal(
    secondary(key = "cancel_action", label = "Cancel"),
    primary(key = "submit_action", label = "Save")
)]
#[allow(dead_code)]
struct NewTask {
    #[modal(
        label = "Task name",
        placeholder = "Win a million",
        message = "Create a task from embedded action"
    )]
    block_new_task: Option<String>,
}

#[test]
fn json_modal_sample_is_reproduced_exactly() {
    let schema = assert_sound::<CakeOrder>();
    assert_eq!(schema.to_value(), &sample("json-modal.json"));
    insta::assert_json_snapshot!("json_modal_sample", schema.to_value());
}

#[test]
fn todo_sample_is_reproduced_exactly() {
    let schema = assert_sound::<NewTask>();
    assert_eq!(schema.to_value(), &sample("todo-modal.json"));
    insta::assert_json_snapshot!("todo_modal_sample", schema.to_value());
}

#[test]
fn block_order_is_field_order() {
    let keys: Vec<&str> = CakeOrder::schema().block_keys().collect();
    assert_eq!(
        keys,
        [
            "block_key_cake_size",
            "block_key_textarea",
            "block_key_separator",
            "block_key_flavors",
            "block_key_delivery_date",
            "block_key_delivery_method",
            "block_key_is_gift",
            "block_key_info"
        ]
    );
    let emitted: Vec<&String> =
        CakeOrder::schema().to_value()["properties"]["blocks"]["properties"]
            .as_object()
            .expect("an object")
            .keys()
            .collect();
    assert_eq!(emitted, keys);
    let actions: Vec<&String> =
        CakeOrder::schema().to_value()["properties"]["actions"]["properties"]
            .as_object()
            .expect("an object")
            .keys()
            .collect();
    assert_eq!(actions, ["cancel_action", "submit_action"]);
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize, ModalChoice)]
#[serde(rename_all = "snake_case")]
enum Mode {
    #[modal(label = "Use an existing campaign")]
    Existing,
    #[modal(label = "Create a new campaign")]
    New,
}

/// The spec's example B (§10).
#[derive(Debug, Deserialize, JsonModal)]
#[modal(
    secondary(key = "reset", label = "Reset", handler = "reset"),
    primary(key = "add", label = "Add people")
)]
#[allow(dead_code)]
struct AddToCampaign {
    #[modal(
        text = "Selected people will be added as **subscribers**.\n- Existing subscribers are skipped\n- Unsubscribed people are never re-added",
        markdown
    )]
    info: Text,
    #[modal(radio, label = "Campaign", value = "existing")]
    mode: Mode,
    #[modal(
        label = "Existing campaign",
        placeholder = "Select campaign",
        filter,
        required,
        visible_on(mode, equals = "existing")
    )]
    campaign: Option<ChoiceValue>,
    #[modal(
        type = "text",
        label = "New campaign name",
        required,
        visible_on(mode, equals = "new")
    )]
    campaign_name: Option<String>,
    #[modal(
        label = "First send date",
        placeholder = "Date",
        visible_on(campaign_name, not_empty)
    )]
    send_on: Option<NaiveDate>,
    #[modal(
        type = "email",
        label = "Reply-to address",
        placeholder = "sales@example.com"
    )]
    reply_to: Option<String>,
}

pub(crate) fn example_b() -> Value {
    json!({
      "type": "object",
      "properties": {
        "blocks": {
          "type": "object",
          "properties": {
            "info": {
              "$ref": "#/definitions/element-text",
              "options": { "markdown": true, "value": "Selected people will be added as **subscribers**.\n- Existing subscribers are skipped\n- Unsubscribed people are never re-added" }
            },
            "mode": {
              "$ref": "#/definitions/element-radio-group",
              "options": { "label": "Campaign", "value": "existing", "isRequired": true,
                "items": [ { "value": "existing", "label": "Use an existing campaign" }, { "value": "new", "label": "Create a new campaign" } ] }
            },
            "campaign": {
              "$ref": "#/definitions/element-select",
              "options": { "label": "Existing campaign", "placeholder": "Select campaign", "filter": true, "isRequired": true,
                "visibleOn": { "mode": { "equals": "existing" } } }
            },
            "campaign_name": {
              "$ref": "#/definitions/element-input",
              "options": { "type": "text", "label": "New campaign name", "isRequired": true,
                "visibleOn": { "mode": { "equals": "new" } } }
            },
            "send_on": {
              "$ref": "#/definitions/element-datepicker",
              "options": { "label": "First send date", "placeholder": "Date",
                "visibleOn": { "campaign_name": "not_empty" } }
            },
            "reply_to": {
              "$ref": "#/definitions/element-input",
              "options": { "type": "email", "label": "Reply-to address", "placeholder": "sales@example.com" }
            }
          }
        },
        "actions": {
          "type": "object",
          "properties": {
            "reset": { "$ref": "#/definitions/action-secondary", "options": { "label": "Reset", "handler": "reset" } },
            "add":   { "$ref": "#/definitions/action-primary",   "options": { "label": "Add people", "handler": "request" } }
          }
        }
      }
    })
}

#[test]
fn example_b_is_reproduced_exactly() {
    let schema = assert_sound::<AddToCampaign>();
    assert_eq!(schema.to_value(), &example_b());
    insta::assert_json_snapshot!("example_b", schema.to_value());
}

/// Example A's priorities.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, ModalChoice)]
#[serde(rename_all = "lowercase")]
enum TaskPriority {
    Low,
    Normal,
    High,
}

/// Example A's notifications: Slack is offered only for high-priority tasks (an item `visibleOn`).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, ModalChoice)]
#[serde(rename_all = "lowercase")]
enum Notification {
    #[modal(label = "Email the assignee")]
    Email,
    #[modal(label = "Post to Slack", visible_on(priority, equals = "high"))]
    Slack,
}

/// The spec's example A: 10 blocks, dynamic selects, an item `visibleOn`, hidden metadata.
#[derive(Debug, Deserialize, JsonModal)]
#[modal(
    secondary(label = "Cancel", handler = "cancel"),
    primary(key = "create", label = "Create task")
)]
#[allow(dead_code)]
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
    #[modal(
        label = "Project",
        placeholder = "Select a project",
        filter,
        fetch_on_change
    )]
    project: ChoiceValue,
    #[modal(
        label = "Assignee",
        placeholder = "Select a project first",
        message = "Only members of the chosen project are listed"
    )]
    assignee: Option<ChoiceValue>,
    #[modal(label = "Due date", placeholder = "Date", allow_clear)]
    due_date: Option<NaiveDate>,
    #[modal(radio, label = "Priority", value = "normal", required = false)]
    priority: TaskPriority,
    #[modal(
        textarea,
        label = "Notes",
        placeholder = "Anything the assignee should know",
        resize
    )]
    notes: Option<String>,
    divider: Separator,
    #[modal(label = "Notifications", value = ["email"])]
    notify: Vec<Notification>,
    #[modal(label = "Deal metadata", hidden)]
    deal_meta: Option<String>,
}

#[test]
fn example_a_is_reproduced_exactly() {
    let schema = assert_sound::<CreateTask>();
    assert_eq!(schema.to_value(), &examples::example_a());
    insta::assert_json_snapshot!("example_a", schema.to_value());
}

/// Items written in the attribute take `disabled` and `visible_on(...)` too; the rule names a field.
#[derive(Debug, Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
#[allow(dead_code)]
struct Shipping {
    #[modal(radio, items(("standard", "Standard"), ("express", "Express")))]
    speed: String,
    #[modal(
        checkbox,
        items(
            ("insured", "Insured"),
            ("signature", "Signature on delivery", disabled, visible_on(speed, equals = "express")),
            ("gift", "Gift wrap", visible_on(speed, not_empty))
        )
    )]
    extras: Vec<String>,
}

#[test]
fn static_items_have_visible_on() {
    let schema = assert_sound::<Shipping>();
    let items =
        &schema.to_value()["properties"]["blocks"]["properties"]["extras"]["options"]["items"];
    assert_eq!(
        items,
        &json!([
            {"value": "insured", "label": "Insured"},
            {"value": "signature", "label": "Signature on delivery", "isDisabled": true,
             "visibleOn": {"speed": {"equals": "express"}}},
            {"value": "gift", "label": "Gift wrap", "visibleOn": {"speed": "not_empty"}}
        ])
    );
}

#[test]
fn choice_values_are_a_constant() {
    const VALUES: &[&str] = <TaskPriority as ModalChoice>::VALUES;
    assert_eq!(VALUES, ["low", "normal", "high"]);
    assert_eq!(Notification::VALUES, ["email", "slack"]);
    assert!(TaskPriority::item_visible_on("high").is_none());
    assert!(Notification::item_visible_on("email").is_none());
    assert_eq!(
        serde_json::to_value(Notification::item_visible_on("slack")).expect("serializes"),
        json!({"priority": {"equals": "high"}})
    );
}

/// A button's `visibleOn` names a block by its Rust field; the rule names the block's key.
#[derive(Debug, Deserialize, JsonModal)]
#[serde(rename_all = "camelCase")]
#[modal(
    secondary(label = "Reset", handler = "reset", visible_on(reply_to, not_empty)),
    primary(label = "Send", visible_on(reply_to, includes = "@"))
)]
#[allow(dead_code)]
struct Reply {
    #[modal(type = "email", label = "Reply to")]
    reply_to: Option<String>,
}

#[test]
fn buttons_have_visible_on() {
    let schema = assert_sound::<Reply>();
    let actions = &schema.to_value()["properties"]["actions"]["properties"];
    assert_eq!(
        actions["cancel"],
        json!({"$ref": "#/definitions/action-secondary",
               "options": {"label": "Reset", "handler": "reset", "visibleOn": {"replyTo": "not_empty"}}})
    );
    assert_eq!(
        actions["submit"],
        json!({"$ref": "#/definitions/action-primary",
               "options": {"label": "Send", "handler": "request", "visibleOn": {"replyTo": {"includes": "@"}}}})
    );
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize, ModalChoice)]
enum Template {
    #[serde(rename = "std")]
    Standard,
    #[serde(rename = "ent")]
    Enterprise,
}

/// The spec's example C (§10): one select, an open-url button.
#[derive(Debug, Deserialize, JsonModal)]
#[modal(primary(
    key = "open",
    label = "Open in editor",
    handler = "open-url",
    url = "https://app.example.com/proposals/new"
))]
#[allow(dead_code)]
struct OpenProposal {
    #[modal(label = "Proposal template")]
    template: Template,
}

#[test]
fn example_c_is_reproduced_exactly() {
    let schema = assert_sound::<OpenProposal>();
    let expected = json!({
      "type": "object",
      "properties": {
        "blocks": { "type": "object", "properties": {
            "template": { "$ref": "#/definitions/element-select",
              "options": { "label": "Proposal template", "isRequired": true,
                "items": [ { "label": "Standard", "value": "std" }, { "label": "Enterprise", "value": "ent" } ] } }
        } },
        "actions": { "type": "object", "properties": {
            "open": { "$ref": "#/definitions/action-primary",
              "options": { "label": "Open in editor", "handler": "open-url", "url": "https://app.example.com/proposals/new" } }
        } }
      }
    });
    assert_eq!(schema.to_value(), &expected);
    insta::assert_json_snapshot!("example_c", schema.to_value());
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize, ModalChoice)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum Priority {
    Low,
    NextWeek,
    #[serde(rename = "asap")]
    #[modal(label = "As soon as possible")]
    Urgent,
}

/// Defaults: labels in sentence case, required from non-`Option`, number inputs, hidden metadata, dynamic selects,
/// serde renames as block keys.
#[derive(Debug, Deserialize, JsonModal)]
#[serde(rename_all = "camelCase")]
#[modal(primary(label = "Create"))]
#[allow(dead_code)]
struct Defaults {
    task_title: String,
    #[serde(rename = "how_many")]
    quantity: u32,
    #[modal(radio)]
    priority: Option<Priority>,
    #[modal(select, dynamic, fetch_on_change)]
    project: Option<String>,
    assignee: Option<ChoiceValue>,
    #[modal(hidden)]
    deal_meta: Option<String>,
    #[modal(textarea, resize = false, required = false)]
    notes: String,
    #[serde(skip)]
    not_a_block: u8,
}

#[test]
fn defaults_follow_the_rust_types() {
    let schema = assert_sound::<Defaults>();
    let v = schema.to_value();
    let blocks = &v["properties"]["blocks"]["properties"];
    assert_eq!(
        blocks["taskTitle"],
        json!({"$ref": "#/definitions/element-input", "options": {"label": "Task title", "isRequired": true}})
    );
    assert_eq!(
        blocks["how_many"],
        json!({"$ref": "#/definitions/element-input",
               "options": {"type": "number", "label": "Quantity", "isRequired": true}})
    );
    assert_eq!(
        blocks["priority"]["options"]["items"],
        json!([{"value": "LOW", "label": "Low"}, {"value": "NEXT_WEEK", "label": "Next week"},
               {"value": "asap", "label": "As soon as possible"}])
    );
    assert_eq!(
        blocks["project"],
        json!({"$ref": "#/definitions/element-select", "options": {"label": "Project", "fetchOnChange": true}})
    );
    assert_eq!(blocks["assignee"]["$ref"], "#/definitions/element-select");
    assert_eq!(
        blocks["dealMeta"]["options"],
        json!({"label": "Deal meta", "visibleOn": "never"})
    );
    assert_eq!(
        blocks["notes"],
        json!({"$ref": "#/definitions/element-textarea", "options": {"label": "Notes"}})
    );
    assert!(blocks.get("notABlock").is_none());
    assert!(schema.is_fetch_on_change("project"));
    assert!(!schema.is_fetch_on_change("assignee"));
    assert!(!schema.is_fetch_on_change("nope"));
    insta::assert_json_snapshot!("defaults", v);
}

#[test]
fn modal_choice_lists_variants() {
    let values: Vec<&str> = Priority::choices().iter().map(|c| c.value).collect();
    assert_eq!(values, ["LOW", "NEXT_WEEK", "asap"]);
    assert_eq!(Priority::NextWeek.value(), "NEXT_WEEK");
    assert_eq!(
        ChoiceValue::from(Priority::Urgent),
        ChoiceValue::String("asap".into())
    );
    let flavors = Flavor::choices();
    assert!(flavors[1].disabled && !flavors[0].disabled);
    assert_eq!(flavors[1].label, "Chocolate");
}

#[test]
fn wire_model_round_trips_every_sample() {
    for name in ["json-modal.json", "todo-modal.json"] {
        let value = sample(name);
        let document = ModalDocument::from_value(&value).expect("sample reads into the wire model");
        assert_eq!(document.to_value(), value, "{name}");
        let schema = ModalSchema::from_value(value.clone()).expect("sample is valid");
        assert_eq!(schema.to_value(), &value);
    }
    let b = ModalDocument::from_value(&example_b()).expect("example B reads");
    assert_eq!(b.to_value(), example_b());
}

/// `bool`: a single checkbox (a checkbox group with one item, value `"true"`, labelled with the field's label),
/// not required unless asked; `value = true` ticks it.
#[derive(Debug, Deserialize, JsonModal)]
#[modal(primary(label = "Send"))]
#[allow(dead_code)]
struct Consent {
    send_copy: bool,
    #[modal(label = "I accept the terms", required)]
    terms: bool,
    #[modal(value = true, message = "Once a week at most")]
    newsletter: Option<bool>,
    #[modal(value = false, hidden)]
    tracked: bool,
}

#[test]
fn a_bool_is_a_single_checkbox() {
    let schema = assert_sound::<Consent>();
    let v = schema.to_value();
    let blocks = &v["properties"]["blocks"]["properties"];
    let checkbox = |options: Value| json!({"$ref": "#/definitions/element-checkbox-group", "options": options});
    assert_eq!(
        blocks["send_copy"],
        checkbox(json!({"items": [{"value": "true", "label": "Send copy"}]}))
    );
    assert_eq!(
        blocks["terms"],
        checkbox(
            json!({"isRequired": true, "items": [{"value": "true", "label": "I accept the terms"}]})
        )
    );
    assert_eq!(
        blocks["newsletter"],
        checkbox(json!({"value": ["true"], "message": "Once a week at most",
                        "items": [{"value": "true", "label": "Newsletter"}]}))
    );
    assert_eq!(
        blocks["tracked"],
        checkbox(
            json!({"value": [], "items": [{"value": "true", "label": "Tracked"}], "visibleOn": "never"})
        )
    );
    insta::assert_json_snapshot!("single_checkbox", v);

    // Read back: `["true"]` ticked, `[]` or nothing unticked; bare booleans and their strings too.
    let read = |body: Value| Consent::from_submission(&body).expect("a checkbox body parses");
    let c = read(json!({"send_copy": ["true"], "terms": ["true"], "newsletter": []}));
    assert_eq!(
        (c.send_copy, c.terms, c.newsletter, c.tracked),
        (true, true, Some(false), false)
    );
    let c =
        read(json!({"send_copy": true, "terms": "true", "newsletter": "false", "tracked": "TRUE"}));
    assert_eq!(
        (c.send_copy, c.terms, c.newsletter, c.tracked),
        (true, true, Some(false), true)
    );
    let c = read(json!({"terms": ["true"]}));
    assert_eq!((c.send_copy, c.newsletter), (false, Some(false)));
    let e = Consent::from_submission(&json!({"terms": ["yes"]})).expect_err("not the item's value");
    assert_eq!(e.field.as_deref(), Some("terms"), "{e}");
    assert!(e.message.contains(r#"`["true"]` (ticked) or `[]`"#), "{e}");
    let e =
        Consent::from_submission(&json!({"terms": ["true", "true"]})).expect_err("one item only");
    assert_eq!(e.field.as_deref(), Some("terms"), "{e}");
}
