//! `pdx preview panel|modal` as a built binary: the page written (self-contained, data embedded safely), the problem
//! lines and summary, exit statuses and errors naming the file.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn sample(name: &str) -> String {
    format!(
        "{}/../tests/fixtures/pipedrive-samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn temp_dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "preview-cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("create dir");
    dir
}

fn pdx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pdx"))
        .args(args)
        .output()
        .expect("run pdx")
}

/// The JSON the page embeds for its script.
fn embedded(page: &str) -> Value {
    let start = page.find("id=\"pdx-preview-data\">").expect("data script")
        + "id=\"pdx-preview-data\">".len();
    let end = start + page[start..].find("</script>").expect("end of data");
    serde_json::from_str(&page[start..end]).expect("embedded JSON")
}

#[test]
fn panel_page_embeds_structure_response_and_actions() {
    let out = temp_dir().join("panel.html");
    let o = pdx(&[
        "preview",
        "panel",
        &fixture("panel-every-field.json"),
        &fixture("panel-every-field-response.json"),
        "--out",
        out.to_str().expect("utf-8"),
        "--name",
        "Orders",
        "--action",
        "global:Create order",
        "--action",
        "object:Edit",
        "--action",
        "field:tracking:Track",
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    // The fixture's markdown holds a `javascript:` link (drawn inert by the preview): the check refuses it.
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("1 problem shown in the preview"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("/data/notes/value: a markdown link to a `javascript:` URL"),
        "{stdout}"
    );
    let page = std::fs::read_to_string(&out).expect("page written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    // Self-contained: no external script, stylesheet or image.
    for needle in ["<script src", "<link", "src=\"http", "@import"] {
        assert!(!page.contains(needle), "{needle}");
    }
    // The header holds `<b>` as text: inside the data script it is escaped so it cannot end the script.
    assert!(!page.contains("<b>not bold</b>"));
    let data = embedded(&page);
    assert_eq!(data["page"], "panel");
    assert_eq!(data["name"], "Orders");
    assert_eq!(data["sample"], false);
    assert_eq!(
        data["response"]["data"]["title"],
        "Order #1042 <b>not bold</b>"
    );
    assert_eq!(
        data["actions"],
        json!({"global": ["Create order"], "object": ["Edit"], "field": {"tracking": "Track"}})
    );
    assert_eq!(data["problems"].as_array().map(Vec::len), Some(1));
    assert_eq!(data["problems"][0]["pointer"], "/data/notes/value");
}

#[test]
fn panel_without_response_gets_sample_values() {
    let out = temp_dir().join("sample.html");
    let o = pdx(&[
        "preview",
        "panel",
        &sample("app-panel-single-object.json"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let data = embedded(&std::fs::read_to_string(&out).expect("page"));
    assert_eq!(data["sample"], true);
    assert_eq!(
        data["name"], "app-panel-single-object",
        "the default name is the file's"
    );
    let d = &data["response"]["data"];
    assert_eq!(d["status"], json!({"color": "green", "label": "Active"}));
    assert_eq!(d["delivery_cost"], json!({"code": "EUR", "value": 1250.5}));
    assert_eq!(d["extras"], json!(["Sample", "Tag"]));
    assert!(d["id"].is_number() && d["delivery_date"].is_string());
    insta::assert_json_snapshot!("sample_response_single_object", data["response"]);
}

#[test]
fn problems_are_printed_and_embedded_with_their_pointer() {
    let dir = temp_dir();
    let response = dir.join("bad.json");
    std::fs::write(
        &response,
        json!({"data": [{"id": 1, "header": "A", "status": {"color": "pink", "label": "x"}}]})
            .to_string(),
    )
    .expect("write");
    let out = dir.join("p.html");
    let structure = sample("app-panel-multiple-object.json");
    let o = pdx(&[
        "preview",
        "panel",
        &structure,
        response.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "a preview shows problems, it does not refuse them"
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains(&format!("{}: /data/0/status/color: ", response.display())),
        "{stdout}"
    );
    // The summary counts the problem lines.
    let lines = stdout.lines().count();
    let summary = format!(
        "({lines} problem{} shown in the preview)",
        if lines == 1 { "" } else { "s" }
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(&summary),
        "{o:?}"
    );
    let data = embedded(&std::fs::read_to_string(&out).expect("page"));
    assert_eq!(data["problems"][0]["doc"], "response");
    assert_eq!(data["problems"][0]["pointer"], "/data/0/status/color");
    assert_eq!(data["problems"][0]["severity"], "error");
}

#[test]
fn error_body_is_checked_as_the_error_state() {
    let dir = temp_dir();
    let response = dir.join("error.json");
    std::fs::write(
        &response,
        json!({"error": {"subtitle": "no title"}}).to_string(),
    )
    .expect("write");
    let out = dir.join("e.html");
    let o = pdx(&[
        "preview",
        "panel",
        &sample("app-panel-multiple-object.json"),
        response.to_str().expect("utf-8"),
        "--status",
        "500",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("/error"),
        "{o:?}"
    );
    assert_eq!(
        embedded(&std::fs::read_to_string(&out).expect("page"))["status"],
        500
    );
}

#[test]
fn modal_page_embeds_schema_response_and_problems() {
    let dir = temp_dir();
    let bad = dir.join("bad-response.json");
    std::fs::write(
        &bad,
        json!({"data": {"blocks": {"nope": {"value": "x"}}}}).to_string(),
    )
    .expect("write");
    let out = dir.join("m.html");
    let o = pdx(&[
        "preview",
        "modal",
        &fixture("modal-every-block.json"),
        bad.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let data = embedded(&std::fs::read_to_string(&out).expect("page"));
    assert_eq!(data["page"], "modal");
    assert_eq!(data["name"], "modal-every-block");
    assert_eq!(data["response"]["data"]["blocks"]["nope"]["value"], "x");
    let problems = data["problems"].as_array().cloned().unwrap_or_default();
    assert!(
        !problems.is_empty() && problems.iter().all(|p| p["doc"] == "response"),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p["pointer"].as_str().is_some_and(|s| s.contains("nope"))),
        "{problems:#?}"
    );
}

#[test]
fn unreadable_or_non_json_files_exit_2_naming_the_file() {
    let dir = temp_dir();
    let out = dir.join("x.html");
    let o = pdx(&[
        "preview",
        "panel",
        "/nonexistent/structure.json",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("/nonexistent/structure.json: cannot read")
    );
    assert!(!out.exists(), "no page for an unusable file");
    let not_json = dir.join("broken.json");
    std::fs::write(&not_json, "{ nope").expect("write");
    let o = pdx(&[
        "preview",
        "modal",
        not_json.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(&format!("{}: not JSON", not_json.display()))
    );
    let o = pdx(&[
        "preview",
        "panel",
        &sample("app-panel-single-object.json"),
        "--out",
        "/nonexistent/dir/x.html",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/dir/x.html: cannot write"));
}

#[test]
fn quiet_prints_no_summary() {
    let out = temp_dir().join("q.html");
    let o = pdx(&[
        "-q",
        "preview",
        "modal",
        &sample("todo-modal.json"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stderr.is_empty() && out.exists(), "{o:?}");
}

#[test]
fn bad_arguments_exit_2() {
    let o = pdx(&["preview", "panel", &sample("app-panel-single-object.json")]);
    assert_eq!(o.status.code(), Some(2), "--out is required");
    assert!(String::from_utf8_lossy(&o.stderr).contains("--out"));
    let o = pdx(&[
        "preview",
        "panel",
        &sample("app-panel-single-object.json"),
        "--out",
        "/tmp/x.html",
        "--action",
        "sideways:Go",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("global:NAME"));
}
