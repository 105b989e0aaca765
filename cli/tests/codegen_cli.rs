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
