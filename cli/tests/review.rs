//! `pdx review DIR`, run as a built binary: nothing on the demo's export; one line per problem with the file and
//! pointer on a broken copy; exit statuses 0, 1 (errors, or warnings with `--deny-warnings`) and 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DEMO_EXPORT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/demo-export");

fn pdx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pdx"))
        .args(args)
        .output()
        .expect("run pdx")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A copy of the demo's export in a fresh folder.
fn copy_of_demo(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("review-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for entry in std::fs::read_dir(DEMO_EXPORT).expect("demo export") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copied");
    }
    dir
}

fn edit_manifest(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
    edit(&mut manifest);
    std::fs::write(path, serde_json::to_string_pretty(&manifest).expect("JSON")).expect("written");
}

#[test]
fn the_demos_export_passes_review() {
    let out = pdx(&["review", DEMO_EXPORT]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "");
    let summary = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(summary.contains("0 errors, 0 warnings"), "{summary}");
}

#[test]
fn each_problem_is_one_line_with_file_pointer_and_why() {
    let dir = copy_of_demo("broken");
    edit_manifest(&dir, |m| {
        m["registration"]["support_and_legal_info"]["terms_of_service_url"] =
            "http://x.example/terms".into();
        m["registration"]["oauth_and_access_scopes"]["scopes"][0]["scope"] = "admin".into();
    });
    std::fs::remove_file(dir.join("demo-invoices-pipedrive-integration.png")).expect("removed");
    std::fs::write(dir.join("json-panel-invoices.json"), "{").expect("broken");
    let out = pdx(&["review", dir.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    let manifest = dir.join("manifest.json").display().to_string();
    for expected in [
        format!(
            "{manifest}: /registration/support_and_legal_info/terms_of_service_url: the terms of service URL `http://x.example/terms` must be an https:// URL"
        ),
        format!(
            "{manifest}: /registration/oauth_and_access_scopes/scopes/0/scope: warning: `admin` expects the installing user to be a company admin"
        ),
        format!("{manifest}: /registration/general_info/icon: cannot read"),
        format!(
            "{}: /: not JSON",
            dir.join("json-panel-invoices.json").display()
        ),
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(&expected)),
            "expected {expected:?} in:\n{text}"
        );
    }
    std::fs::remove_dir_all(dir).expect("cleaned");
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = copy_of_demo("warnings");
    edit_manifest(&dir, |m| {
        m["registration"]["app_review_info"]["installation_flows_tested"] =
            serde_json::json!(["logged_in"]);
    });
    let path = dir.to_str().expect("utf-8");
    let out = pdx(&["review", path]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out)
            .contains(": warning: installation flows not marked tested: no_account, logged_out")
    );
    assert_eq!(
        pdx(&["review", "--deny-warnings", path]).status.code(),
        Some(1)
    );
    std::fs::remove_dir_all(dir).expect("cleaned");
}

#[test]
fn an_unreadable_folder_exits_2() {
    let out = pdx(&["review", "/no/such/export"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read manifest.json"));
    let dir = copy_of_demo("not-json");
    std::fs::write(dir.join("manifest.json"), "not json").expect("written");
    assert_eq!(
        pdx(&["review", dir.to_str().expect("utf-8")]).status.code(),
        Some(2)
    );
    std::fs::remove_dir_all(dir).expect("cleaned");
}
