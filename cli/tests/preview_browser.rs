//! `pdx preview` pages driven in headless Chromium: what a user sees (labels, values, colours, menus, blocks shown
//! and hidden by `visibleOn`, a refetch changing items, a submit's snackbar), with screenshots of Pipedrive's samples
//! kept under the target directory (`target/tmp/preview-screenshots/`).
//!
//! Needs Debian's `chromium` (/usr/bin/chromium) and `npm ci` in cli/tests/browser. Without them each test prints
//! that it was skipped and passes, unless `PDX_REQUIRE_BROWSER=1` (set by .ci/run), which makes them fail.

mod support;

use serde_json::{Value, json};
use support::{Browser, fixture, pdx, sample};

fn panel(report: &Value, observation: &str) -> Value {
    report["observations"][observation]["panels"][0].clone()
}

fn modal(report: &Value, observation: &str) -> Value {
    report["observations"][observation]["modals"][0].clone()
}

fn field<'a>(object: &'a Value, key: &str) -> &'a Value {
    object["fields"]
        .as_array()
        .and_then(|fs| fs.iter().find(|f| f["key"] == key))
        .unwrap_or_else(|| panic!("no field {key} in {object:#}"))
}

fn block<'a>(modal: &'a Value, key: &str) -> &'a Value {
    modal["blocks"]
        .as_array()
        .and_then(|bs| bs.iter().find(|b| b["key"] == key))
        .unwrap_or_else(|| panic!("no block {key} in {modal:#}"))
}

fn item_labels(block: &Value) -> Vec<String> {
    block["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["label"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn panel_shows_every_field_type_as_pipedrive_does() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let page = browser.page("every-field.html");
    pdx([
        "preview",
        "panel",
        &fixture("panel-every-field.json"),
        &fixture("panel-every-field-response.json"),
        "--out",
        &page.display().to_string(),
        "--name",
        "Orders",
        "--action",
        "global:Create order",
        "--action",
        "global:Refund",
        "--action",
        "field:tracking:Track parcel",
    ]);
    let report = browser.drive(
        &page,
        json!([{"click": ".pdx-panel-menu button"}, {"observe": "panel"}, {"screenshot": "every-field", "element": ".pdx-panel"}]),
    );
    let p = panel(&report, "panel");
    assert_eq!(p["name"], "Orders");
    let o = &p["objects"][0];
    // The header is text, never markup.
    assert_eq!(o["header"], "Order #1042 <b>not bold</b>");
    assert_eq!(field(o, "id")["label"], "Order number");
    assert_eq!(field(o, "id")["value"], "1,042");
    assert_eq!(
        field(o, "weight")["label"],
        "weight",
        "no label: Pipedrive shows the key"
    );
    assert_eq!(field(o, "total")["value"], "€1,250.50");
    assert_eq!(field(o, "status")["value"], "Assembling");
    assert_eq!(
        field(o, "status")["color"],
        "rgb(255, 204, 0)",
        "a yellow label"
    );
    assert_eq!(field(o, "extras")["tags"], json!(["Gift wrap", "Express"]));
    assert_eq!(field(o, "ordered_on")["value"], "June 3, 2025");
    assert_eq!(field(o, "pickup_time")["value"], "14:30 UTC+02:00");
    assert_eq!(field(o, "shippedAt")["value"], "June 4, 2025, 07:00 UTC");
    assert_eq!(
        field(o, "contact_email")["links"][0]["href"],
        "mailto:buyer@example.com"
    );
    assert_eq!(field(o, "phone")["links"][0]["href"], "tel:+3725550100");
    assert_eq!(field(o, "address")["value"], "Paldiski mnt 80, Tallinn");
    let tracking = &field(o, "tracking")["links"][0];
    assert_eq!(
        (tracking["text"].as_str(), tracking["target"].as_str()),
        (Some("Track parcel"), Some("_blank"))
    );
    assert_eq!(field(o, "tracking")["action"], "Track parcel");
    let invoice = &field(o, "invoice")["links"][0];
    assert_eq!(
        invoice["target"],
        Value::Null,
        "an internal link opens in the same tab"
    );
    // Markdown: bold and links drawn; a javascript: link and raw HTML stay text.
    let notes = field(o, "notes");
    assert_eq!(notes["strong"], json!(["Fragile"]));
    assert_eq!(
        notes["links"],
        json!([{"text": "packing guide", "href": "https://example.com/packing", "target": "_blank"}])
    );
    assert_eq!(notes["images"], 0);
    assert!(
        notes["value"]
            .as_str()
            .is_some_and(|v| v.contains("<img src=x")),
        "{notes}"
    );
    // Menus and footer.
    let menu: Vec<&str> = p["menu"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["text"].as_str())
        .collect();
    assert_eq!(
        menu,
        ["Settings", "Create order", "Refund", "Hide this panel"]
    );
    assert_eq!(p["menu"][0]["href"], "https://app.example.com/settings");
    let footer: Vec<&str> = p["footer"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["text"].as_str())
        .collect();
    assert_eq!(footer, ["Create order", "▾", "Refund", "All orders"]);
    assert!(
        report["errors"].as_array().is_some_and(Vec::is_empty),
        "{report:#}"
    );
}

#[test]
fn official_panels_with_sample_values() {
    let Some(browser) = Browser::find() else {
        return;
    };
    for (name, objects) in [
        ("app-panel-single-object", 1),
        ("app-panel-multiple-object", 2),
        ("app-panel-developer-hub", 2),
    ] {
        let page = browser.page(&format!("{name}.html"));
        let out = pdx([
            "preview",
            "panel",
            &sample(&format!("{name}.json")),
            "--out",
            &page.display().to_string(),
            "--name",
            "Deliveries",
            "--action",
            "object:Edit",
            "--action",
            "global:New delivery",
        ]);
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("0 problems"),
            "{out:?}"
        );
        let report = browser.drive(
            &page,
            json!([{"observe": "panel"}, {"screenshot": name, "element": ".pdx-panel"}]),
        );
        let p = panel(&report, "panel");
        let objs = p["objects"].as_array().cloned().unwrap_or_default();
        assert_eq!(objs.len(), objects, "{name}: {p:#}");
        assert_eq!(objs[0]["header"], "Sample item 1", "{name}");
        if name != "app-panel-developer-hub" {
            let o = &objs[0];
            assert_eq!(field(o, "delivery_date")["label"], "Delivery date");
            assert_eq!(
                field(o, "delivery_date")["value"],
                "June 1, 2025, 09:15 UTC"
            );
            assert_eq!(
                field(o, "status")["color"],
                "rgb(8, 167, 66)",
                "{name}: green label"
            );
            assert_eq!(field(o, "delivery_cost")["value"], "€1,250.50");
            assert_eq!(field(o, "extras")["tags"], json!(["Sample", "Tag"]));
            assert_eq!(field(o, "id")["value"], "42");
        } else {
            assert_eq!(field(&objs[1], "pageViews")["value"], "84");
            assert_eq!(field(&objs[1], "visitTime")["label"], "Visit time");
        }
        // Object actions only in multiple-object panels.
        let object_menu = objs[0]["menu"].as_array().map_or(0, Vec::len);
        assert_eq!(object_menu, if objects > 1 { 1 } else { 0 }, "{name}");
        assert_eq!(p["footer"][0]["text"], "New delivery");
    }
}

#[test]
fn panel_states_and_problems_next_to_their_field() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let dir = browser.dir.clone();
    let write = |name: &str, v: Value| {
        let p = dir.join(name);
        std::fs::write(&p, v.to_string()).expect("write");
        p.display().to_string()
    };
    let structure = sample("app-panel-multiple-object.json");
    // Nothing to show.
    let empty = write("empty.json", json!({"data": []}));
    let page = browser.page("empty.html");
    pdx([
        "preview",
        "panel",
        &structure,
        &empty,
        "--out",
        &page.display().to_string(),
    ]);
    let report = browser.drive(&page, json!([{"observe": "p"}]));
    assert_eq!(panel(&report, "p")["nothing"], "Nothing to show");
    // The error state.
    let error = write(
        "error.json",
        json!({"error": {"title": "Subscription expired", "subtitle": "Please **renew**.", "action": {"url": "https://app.example.com/billing", "label": "Renew"}}}),
    );
    let page = browser.page("error.html");
    pdx([
        "preview",
        "panel",
        &structure,
        &error,
        "--status",
        "402",
        "--out",
        &page.display().to_string(),
    ]);
    let report = browser.drive(
        &page,
        json!([{"observe": "p"}, {"screenshot": "error-state", "element": ".pdx-panel"}]),
    );
    assert_eq!(
        panel(&report, "p")["error"],
        json!({"title": "Subscription expired", "subtitle": "Please renew.", "action": "Renew"})
    );
    // Problems: a bad colour in the response and an unknown key in the structure, each in its field's row.
    let bad_structure = write(
        "bad-structure.json",
        json!({"type": "object", "properties": {
        "status": {"$ref": "#/definitions/label", "label": "Status"}, "note": {"$ref": "#/definitions/text", "label": "Note", "colour": "red"}}}),
    );
    let bad_response = write(
        "bad-response.json",
        json!({"data": {"status": {"color": "pink", "label": "Hot"}, "note": "n".repeat(300)}}),
    );
    let page = browser.page("problems.html");
    let out = pdx([
        "preview",
        "panel",
        &bad_structure,
        &bad_response,
        "--out",
        &page.display().to_string(),
    ]);
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("/data/status/color") && printed.contains("/properties/note/colour"),
        "{printed}"
    );
    let report = browser.drive(
        &page,
        json!([{"observe": "p"}, {"screenshot": "problems", "element": ".pdx-panel"}]),
    );
    let problems = panel(&report, "p")["problems"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let at = |pointer: &str| {
        problems
            .iter()
            .find(|p| p["pointer"] == pointer)
            .unwrap_or_else(|| panic!("no problem at {pointer}: {problems:#?}"))["field"]
            .clone()
    };
    assert_eq!(at("/data/status/color"), "status");
    assert_eq!(at("/properties/note/colour"), "note");
    // Pipedrive cuts a text after 255 characters (and warns about it).
    let note = field(&panel(&report, "p")["objects"][0], "note")["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(note, format!("{}…", "n".repeat(255)));
    assert_eq!(at("/data/note"), "note");
}

#[test]
fn modal_form_is_live_visible_on_and_required() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let page = browser.page("every-block.html");
    pdx([
        "preview",
        "modal",
        &fixture("modal-every-block.json"),
        &fixture("modal-every-block-response.json"),
        "--out",
        &page.display().to_string(),
        "--name",
        "Create task",
    ]);
    let report = browser.drive(
        &page,
        json!([
            {"observe": "start"},
            {"fill": ["title", "Call Bob"]},
            {"select": ["kind", "Meeting"]},
            {"fill": ["email", "bob@example.com"]},
            {"observe": "filled"},
            {"screenshot": "every-block", "element": ".pdx-modal"},
            {"click": "[data-action=save]"},
            {"observe": "submitted"},
            {"click": "[data-action=cancel]"},
            {"observe": "cancelled"}
        ]),
    );
    let m = modal(&report, "start");
    assert_eq!(m["name"], "Create task");
    let title = block(&m, "title");
    assert_eq!(
        (title["label"].as_str(), title["required"].as_bool()),
        (Some("Title"), Some(true))
    );
    assert_eq!(title["placeholder"], "e.g. Call back");
    assert_eq!(title["message"], "Shown in the task list");
    assert_eq!(block(&m, "intro")["text"], "Create a task in Acme.");
    assert_eq!(
        item_labels(block(&m, "kind")),
        ["Call", "Meeting", "E-mail"]
    );
    assert_eq!(block(&m, "kind")["items"][2]["disabled"], true);
    assert_eq!(
        item_labels(block(&m, "owner")),
        ["Alice", "Bob"],
        "items from the data response"
    );
    assert_eq!(
        block(&m, "priority")["items"][1]["checked"],
        true,
        "the default value is chosen"
    );
    // Hidden until their rule holds.
    assert_eq!(block(&m, "details")["visible"], false);
    assert_eq!(block(&m, "due")["visible"], false);
    assert_eq!(block(&m, "channels")["visible"], false);
    let primary = |m: &Value| {
        m["buttons"]
            .as_array()
            .and_then(|b| b.iter().find(|b| b["primary"] == true).cloned())
            .unwrap_or_default()
    };
    assert_eq!(primary(&m)["text"], "Create task");
    assert_eq!(primary(&m)["disabled"], true, "a required block is empty");
    assert_eq!(
        m["buttons"][0]["text"], "Cancel",
        "the secondary button comes first"
    );

    let m = modal(&report, "filled");
    assert_eq!(block(&m, "details")["visible"], true, "title not empty");
    assert_eq!(block(&m, "due")["visible"], true, "kind equals meeting");
    assert_eq!(block(&m, "channels")["visible"], true, "email includes @");
    assert_eq!(primary(&m)["disabled"], false);
    // A static preview has no app: it shows the requests it would send.
    let log = &report["observations"]["submitted"]["log"];
    let requests: Vec<&str> = log
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["request"].as_str())
        .collect();
    assert!(
        requests
            .iter()
            .any(|r| r.contains("invoker=kind") && r.contains("form=")),
        "{log:#}"
    );
    let submit = requests
        .iter()
        .find(|r| r.starts_with("POST"))
        .unwrap_or_else(|| panic!("{log:#}"));
    assert!(
        submit.contains("\"title\": \"Call Bob\"") && submit.contains("\"kind\": \"meeting\""),
        "{submit}"
    );
    assert_eq!(
        modal(&report, "cancelled")["closed"],
        "The modal is closed (cancelled).",
        "the secondary `cancel` button closes the modal"
    );
}

#[test]
fn official_modals() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let page = browser.page("json-modal.html");
    pdx([
        "preview",
        "modal",
        &sample("json-modal.json"),
        "--out",
        &page.display().to_string(),
        "--name",
        "Order a cake",
    ]);
    let report = browser.drive(&page, json!([{"observe": "m"}, {"check": ["block_key_flavors", "Vanilla"]}, {"observe": "checked"}, {"screenshot": "json-modal", "element": ".pdx-modal"}]));
    let m = modal(&report, "m");
    assert_eq!(
        block(&m, "block_key_cake_size")["placeholder"],
        "Insert size"
    );
    assert_eq!(block(&m, "block_key_delivery_date")["required"], true);
    assert_eq!(block(&m, "block_key_delivery_date")["value"], "2020-02-27");
    assert_eq!(
        block(&m, "block_key_delivery_method")["placeholder"],
        "Select method"
    );
    assert_eq!(item_labels(block(&m, "block_key_is_gift")), ["Yes", "No"]);
    assert_eq!(block(&m, "block_key_flavors")["items"][2]["checked"], true);
    assert_eq!(
        block(&modal(&report, "checked"), "block_key_flavors")["items"][0]["checked"],
        true
    );
    assert_eq!(
        block(&m, "block_key_info")["text"],
        "Thank you for using the cake ordering app!"
    );
    let page = browser.page("todo-modal.html");
    pdx([
        "preview",
        "modal",
        &sample("todo-modal.json"),
        "--out",
        &page.display().to_string(),
        "--name",
        "Create a task",
    ]);
    let report = browser.drive(
        &page,
        json!([{"observe": "m"}, {"screenshot": "todo-modal", "element": ".pdx-modal"}]),
    );
    assert_eq!(
        block(&modal(&report, "m"), "block_new_task")["label"],
        "Task name"
    );
}

/// A `bool` field is one checkbox: a checkbox group with a single item whose value is `"true"` (the shape the
/// derive writes). Ticked it is sent as `["true"]`, unticked as `[]`; a required one holds the primary button.
#[test]
fn single_checkbox_is_a_checkbox_sent_as_true_or_empty() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let one = |label: &str| json!([{"value": "true", "label": label}]);
    let schema = json!({"type": "object", "properties": {
        "blocks": {"type": "object", "properties": {
            "send_copy": {"$ref": "#/definitions/element-checkbox-group", "options": {"items": one("Send copy")}},
            "copy_to": {"$ref": "#/definitions/element-input",
                "options": {"label": "Copy to", "visibleOn": {"send_copy": {"equals": "true"}}}},
            "terms": {"$ref": "#/definitions/element-checkbox-group",
                "options": {"items": one("I accept the terms"), "isRequired": true}},
            "newsletter": {"$ref": "#/definitions/element-checkbox-group",
                "options": {"value": ["true"], "items": one("Newsletter"), "message": "Once a week at most"}},
            "tracked": {"$ref": "#/definitions/element-checkbox-group",
                "options": {"value": [], "items": one("Tracked"), "visibleOn": "never"}}
        }},
        "actions": {"type": "object", "properties": {
            "submit": {"$ref": "#/definitions/action-primary", "options": {"label": "Send", "handler": "request"}}
        }}
    }});
    let file = browser.page("single-checkbox.json");
    std::fs::write(&file, schema.to_string()).expect("write");
    let page = browser.page("single-checkbox.html");
    let out = pdx([
        "preview",
        "modal",
        &file.display().to_string(),
        "--out",
        &page.display().to_string(),
    ]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("(0 problems"),
        "{out:?}"
    );
    let report = browser.drive(
        &page,
        json!([
            {"observe": "start"},
            {"check": ["terms", "I accept the terms"]},
            {"check": ["send_copy", "Send copy"]},
            {"uncheck": ["newsletter", "Newsletter"]},
            {"observe": "ticked"},
            {"screenshot": "single-checkbox", "element": ".pdx-modal"},
            {"click": "[data-action=submit]"},
            {"uncheck": ["send_copy", "Send copy"]},
            {"observe": "unticked"},
            {"click": "[data-action=submit]"},
            {"observe": "sent"}
        ]),
    );
    assert!(
        report["errors"].as_array().is_some_and(Vec::is_empty),
        "{report:#}"
    );
    let item = |obs: &str, key: &str| block(&modal(&report, obs), key)["items"].clone();
    let submit_disabled = |obs: &str| modal(&report, obs)["buttons"][0]["disabled"].clone();
    // One checkbox, labelled by its item, with no block label of its own.
    assert_eq!(
        item("start", "terms"),
        json!([{"label": "I accept the terms", "control": "checkbox", "disabled": false, "checked": false}])
    );
    assert_eq!(
        block(&modal(&report, "start"), "terms")["label"],
        Value::Null
    );
    assert_eq!(
        item("start", "newsletter")[0]["checked"],
        true,
        "preset `[\"true\"]`"
    );
    assert_eq!(item("start", "send_copy")[0]["checked"], false);
    assert_eq!(submit_disabled("start"), true, "`terms` is required");
    assert_eq!(block(&modal(&report, "start"), "copy_to")["visible"], false);

    assert_eq!(submit_disabled("ticked"), false);
    assert_eq!(item("ticked", "newsletter")[0]["checked"], false);
    assert_eq!(
        block(&modal(&report, "ticked"), "copy_to")["visible"],
        true,
        "visibleOn equals \"true\""
    );
    assert_eq!(
        block(&modal(&report, "unticked"), "copy_to")["visible"],
        false
    );

    // What the two submits send.
    let bodies: Vec<Value> = report["observations"]["sent"]["log"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["request"].as_str())
        .filter(|r| r.starts_with("POST "))
        .map(|r| {
            let (_, body) = r.split_once("\n\n").unwrap_or_else(|| panic!("{r}"));
            serde_json::from_str(body).expect("the body is JSON")
        })
        .collect();
    assert_eq!(
        bodies,
        [
            json!({"send_copy": ["true"], "terms": ["true"], "newsletter": [], "tracked": []}),
            json!({"send_copy": [], "terms": ["true"], "newsletter": [], "tracked": []}),
        ]
    );
}
