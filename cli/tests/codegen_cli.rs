//! `pdx codegen` as a built binary: the source printed, what the derive cannot express (comment and warning),
//! names, and errors. That the source compiles back to the file is codegen_roundtrip.rs.

use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn sample(name: &str) -> String {
    format!(
        "{}/../tests/fixtures/pipedrive-samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn pdx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pdx"))
        .args(args)
        .output()
        .expect("run pdx")
}

fn out(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn panel_structure_becomes_a_json_panel_struct() {
    let o = pdx(&[
        "codegen",
        "panel-structure",
        &sample("app-panel-multiple-object.json"),
    ]);
    let (src, err) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "nothing to warn about: {err}");
    assert!(src.contains("#[derive(Debug, Serialize, JsonPanel)]\n#[panel(list)]\npub struct AppPanelMultipleObject {"), "{src}");
    assert!(
        src.contains("    #[panel(header, no_label)]\n    pub header: String,"),
        "{src}"
    );
    assert!(
        src.contains("    #[panel(no_label)]\n    pub id: f64,"),
        "required: not an Option\n{src}"
    );
    assert!(src.contains("    #[panel(type = \"date-time\", label = \"Delivery date\")]\n    pub delivery_date: Option<String>,"), "{src}");
    assert!(src.contains("pub status: Option<pdx::panel::Label>,"));
    assert!(src.contains("pub delivery_cost: Option<pdx::panel::Currency>,"));
}

#[test]
fn keys_that_are_not_rust_names_are_renamed() {
    let o = pdx(&[
        "codegen",
        "panel-structure",
        &sample("app-panel-developer-hub.json"),
        "--name",
        "visit log",
    ]);
    let (src, _) = out(&o);
    assert!(
        src.contains("pub struct VisitLog {"),
        "--name is made a type name\n{src}"
    );
    assert!(src.contains("    #[serde(rename = \"visitTime\")]\n    #[panel(type = \"date-time\", label = \"Visit time\")]\n    pub visit_time: Option<String>,"), "{src}");
}

#[test]
fn modal_schema_becomes_a_json_modal_struct_with_choice_enums() {
    let o = pdx(&[
        "codegen",
        "modal-schema",
        &fixture("modal-every-block.json"),
        "--name",
        "CreateTask",
    ]);
    let (src, err) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(
        src.starts_with("use pdx::{JsonModal, ModalChoice};\nuse serde::Deserialize;\n"),
        "{src}"
    );
    assert!(src.contains("#[modal(secondary(key = \"cancel\", label = \"Cancel\", handler = \"cancel\"), primary(key = \"save\", label = \"Create task\", handler = \"request\"))]\npub struct CreateTask {"), "{src}");
    assert!(src.contains("pub enum Kind {\n    #[serde(rename = \"call\")]\n    #[modal(label = \"Call\")]\n    Call,"), "{src}");
    assert!(
        src.contains("    #[modal(label = \"E-mail\", disabled)]\n    Email,"),
        "{src}"
    );
    assert!(src.contains("visible_on(title, not_empty)"), "{src}");
    assert!(
        src.contains("visible_on(kind, equals = \"meeting\")"),
        "{src}"
    );
    assert!(src.contains("visible_on(email, includes = \"@\")"), "{src}");
    assert!(src.contains("pub due: Option<chrono::NaiveDate>,"), "{src}");
    assert!(
        src.contains("pub channels: Option<Vec<Channels>>,"),
        "{src}"
    );
    assert!(src.contains("value = [\"slack\"]"), "{src}");
    assert!(
        src.contains("pub intro: pdx::modal::Text,")
            && src.contains("pub line: pdx::modal::Separator,"),
        "{src}"
    );
}

#[test]
fn what_the_derive_cannot_express_is_a_comment_and_a_warning() {
    let file = fixture("modal-not-expressible.json");
    let o = pdx(&["codegen", "modal-schema", &file]);
    let (src, err) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    for pointer in [
        "/properties/blocks/properties/name/options/allowClear",
        "/properties/blocks/properties/name/options/error",
        "/properties/blocks/properties/size/options/items/1/visibleOn",
        "/properties/blocks/properties/color/options/label",
    ] {
        assert!(
            src.contains(&format!("// pdx codegen: {pointer}: ")),
            "{pointer} not in\n{src}"
        );
        assert!(
            err.contains(&format!("{file}: {pointer}: warning: ")),
            "{pointer} not in\n{err}"
        );
    }
    assert_eq!(err.lines().count(), 4, "{err}");
}

#[test]
fn default_names_come_from_the_file_and_never_shadow_a_derive() {
    let (src, _) = out(&pdx(&[
        "codegen",
        "modal-schema",
        &sample("json-modal.json"),
    ]));
    assert!(src.contains("pub struct JsonModalType {"), "{src}");
    let (src, _) = out(&pdx(&[
        "codegen",
        "modal-schema",
        &sample("todo-modal.json"),
    ]));
    assert!(src.contains("pub struct TodoModal {"), "{src}");
}

#[test]
fn invalid_files_exit_1_with_their_problems() {
    let dir = std::env::temp_dir().join(format!("pdx-codegen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r##"{"type": "object", "properties": {"x": {"$ref": "#/definitions/colour"}}}"##,
    )
    .expect("write");
    let o = pdx(&["codegen", "panel-structure", bad.to_str().expect("utf-8")]);
    let (src, err) = out(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(src.is_empty());
    assert!(
        err.contains(&format!("{}: /properties/x/$ref", bad.display())),
        "{err}"
    );
    assert!(err.contains("is invalid"), "{err}");
}

#[test]
fn unreadable_or_non_json_files_exit_2_naming_the_file() {
    let o = pdx(&["codegen", "modal-schema", "/nonexistent/schema.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).1.contains("/nonexistent/schema.json: cannot read"));
    let dir = std::env::temp_dir().join(format!("pdx-codegen-nj-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let bad = dir.join("x.json");
    std::fs::write(&bad, "not json").expect("write");
    let o = pdx(&["codegen", "panel-structure", bad.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).1.contains(&format!("{}: not JSON", bad.display())));
}

/// The whole output for Pipedrive's samples, reviewed as snapshots.
#[test]
fn sample_sources_snapshots() {
    for (kind, file, name) in [
        (
            "panel-structure",
            "app-panel-multiple-object.json",
            "Delivery",
        ),
        ("panel-structure", "app-panel-developer-hub.json", "Visit"),
        ("modal-schema", "json-modal.json", "OrderCake"),
        ("modal-schema", "todo-modal.json", "CreateTodo"),
    ] {
        let o = pdx(&["codegen", kind, &sample(file), "--name", name]);
        let (src, err) = out(&o);
        assert!(o.status.success() && err.is_empty(), "{err}");
        insta::assert_snapshot!(format!("codegen_{}", file.trim_end_matches(".json")), src);
    }
}

/// The items of a generated file, as syn reads it (comments are not items: a comment that ended early would show
/// here as one).
fn parse(src: &str) -> syn::File {
    syn::parse_file(src).unwrap_or_else(|e| panic!("not Rust: {e}\n{src}"))
}

#[test]
fn hostile_keys_labels_and_unknown_keys_write_no_code() {
    for (kind, file, items, fields) in [
        ("modal-schema", "modal-hostile.json", 5, 8),
        ("panel-structure", "panel-hostile.json", 3, 5),
    ] {
        let o = pdx(&["codegen", kind, &fixture(file)]);
        let (src, err) = out(&o);
        assert_eq!(o.status.code(), Some(0), "{err}");
        let parsed = parse(&src);
        assert_eq!(parsed.items.len(), items, "{src}");
        assert!(parsed.attrs.is_empty(), "{src}");
        let syn::Item::Struct(s) = parsed.items.last().expect("the struct") else {
            panic!("the struct comes last\n{src}")
        };
        assert_eq!(s.fields.len(), fields, "{src}");
        // Every note is one line, in the source as on standard error, and no control character reaches either.
        let notes = src
            .lines()
            .filter(|l| l.trim_start().starts_with("// pdx codegen: "))
            .count();
        assert!(
            notes > 0 && notes == err.lines().count(),
            "{notes} notes\n{src}\n{err}"
        );
        for text in [&src, &err] {
            assert!(
                !text
                    .chars()
                    .any(|c| c.is_control() && c != '\n' || ('\u{2028}'..='\u{202e}').contains(&c)),
                "{text}"
            );
        }
        assert!(
            src.contains(r#"#[serde(rename = "type")]"#) || kind == "panel-structure",
            "{src}"
        );
    }
}

#[test]
fn a_preset_value_outside_the_items_is_left_out_with_a_note() {
    let file = fixture("modal-component-library-radio.json");
    let o = pdx(&["validate", "modal-schema", &file]);
    let (report, summary) = out(&o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "Pipedrive accepts it: {report}{summary}"
    );
    let pointer = "/properties/blocks/properties/block_key_radio/options/value";
    assert!(
        format!("{report}{summary}").contains(&format!("{pointer}: warning: ")),
        "{report}{summary}"
    );
    let o = pdx(&["codegen", "modal-schema", &file]);
    let (src, err) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let note = format!(
        "{pointer}: {}, so the derive leaves it out (the same form)",
        pdx_format::modal::PresetNotAnItem("wrapping")
    );
    assert!(
        src.contains(&format!("    // pdx codegen: {note}\n")),
        "{src}"
    );
    assert_eq!(
        err.trim_end(),
        format!("{file}: {}", note.replacen(": ", ": warning: ", 1))
    );
    assert!(
        src.contains("#[modal(radio, label = \"Wrap as a gift?\")]\n"),
        "no `value`\n{src}"
    );
    // The item's rule names the checkbox block by its key, which is a Rust name.
    assert!(
        src.contains("visible_on(block_key_checkbox, equals = \"vanilla\")"),
        "{src}"
    );
}

#[test]
fn a_missing_items_type_is_added_with_a_note() {
    let file = fixture("panel-items-without-type.json");
    let o = pdx(&["codegen", "panel-structure", &file]);
    let (src, err) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(src.starts_with("use pdx::JsonPanel;\nuse serde::Serialize;\n\n// pdx codegen: /items/type: added `\"type\": \"object\"`"), "{src}");
    assert!(
        err.starts_with(&format!("{file}: /items/type: warning: added ")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_single_checkbox_becomes_a_bool() {
    let dir = std::env::temp_dir().join(format!("pdx-codegen-bool-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("consent.json");
    let checkbox = |options: serde_json::Value| serde_json::json!({"$ref": "#/definitions/element-checkbox-group", "options": options});
    let schema = serde_json::json!({"type": "object", "properties": {
        "blocks": {"type": "object", "properties": {
            "terms": checkbox(serde_json::json!({"isRequired": true, "value": ["true"],
                                                 "items": [{"value": "true", "label": "I accept the terms"}]})),
            "newsletter": checkbox(serde_json::json!({"items": [{"value": "true", "label": "Newsletter"}]})),
            "labelled": checkbox(serde_json::json!({"label": "Group", "items": [{"value": "true", "label": "Yes"}]})),
        }},
        "actions": {"type": "object", "properties": {
            "send": {"$ref": "#/definitions/action-primary", "options": {"label": "Send", "handler": "request"}}}}}});
    std::fs::write(&file, schema.to_string()).expect("write");
    let o = pdx(&["codegen", "modal-schema", file.to_str().expect("utf-8")]);
    let (src, err) = out(&o);
    assert!(o.status.success() && err.is_empty(), "{err}");
    assert!(src.contains("    #[modal(label = \"I accept the terms\", value = true, required)]\n    pub terms: bool,"), "{src}");
    assert!(
        src.contains("    #[modal(label = \"Newsletter\")]\n    pub newsletter: bool,"),
        "{src}"
    );
    // With a group label of its own it is a group of one item, not a bool (the derive writes no group label).
    assert!(
        src.contains("pub labelled: Option<Vec<Labelled>>,"),
        "{src}"
    );
}

#[test]
fn problems_of_an_invalid_file_are_printed_one_per_line() {
    let dir = std::env::temp_dir().join(format!("pdx-codegen-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r##"{"type": "object", "properties": {"a\n#[x]\u001b[31m": {"$ref": "#/definitions/colour"}}}"##,
    )
    .expect("write");
    let o = pdx(&["codegen", "panel-structure", bad.to_str().expect("utf-8")]);
    let (src, err) = out(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(src.is_empty());
    assert_eq!(err.lines().count(), 2, "one problem, one summary: {err}");
    assert!(err.contains(r"/properties/a\n#[x]\u{1b}[31m/$ref"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
}
