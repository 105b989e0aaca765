//! `pdx codegen`'s output, compiled: for Pipedrive's samples and every file `pdx validate` accepts in the repository
//! (fixtures, hostile ones included, the demo export, the derives' snapshots), the output compiles, and the generated
//! type's derived structure or schema is the input JSON exactly, except where codegen said otherwise: every
//! difference is under a pointer codegen noted (comment and warning), and every note has a difference.
//!
//! Each generated file is one module of a single cargo project (`pdx` with its derives only), built once into a
//! fixed target directory under the workspace's `target/` that later runs reuse; its `main` runs every module's
//! comparison and names each one that fails. A build error names the module and the file it was generated from.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Panel,
    Modal,
}

/// What a JSON document is, if it is a panel structure or modal schema that `pdx validate` accepts (warnings
/// allowed).
fn kind_of(value: &Value) -> Option<Kind> {
    let is_modal = value.pointer("/properties/blocks").is_some()
        || value.pointer("/properties/actions").is_some();
    if is_modal {
        (!pdx::modal::check_schema(value).has_errors()).then_some(Kind::Modal)
    } else if value.get("$schema").is_none()
        && (value.get("properties").is_some() || value.get("items").is_some())
    {
        (!pdx::panel::check_data_structure(value).has_errors()).then_some(Kind::Panel)
    } else {
        None
    }
}

/// The JSON body of an insta snapshot (after its `---` header).
fn snapshot_body(text: &str) -> Option<Value> {
    let rest = text.strip_prefix("---\n")?;
    let (_, body) = rest.split_once("\n---\n")?;
    serde_json::from_str(body).ok()
}

/// Every valid panel and modal file: (name, path, JSON, kind).
fn inputs() -> Vec<(String, PathBuf, Value, Kind)> {
    let mut out = Vec::new();
    let mut dirs = vec![
        (
            PathBuf::from(ROOT).join("tests/fixtures/pipedrive-samples"),
            false,
        ),
        (PathBuf::from(ROOT).join("examples/demo-export"), false),
        (PathBuf::from(ROOT).join("cli/tests/fixtures"), false),
        (PathBuf::from(ROOT).join("tests/snapshots"), true),
        (PathBuf::from(ROOT).join("examples/snapshots"), true),
    ];
    dirs.retain(|(d, _)| d.is_dir());
    for (dir, snapshots) in dirs {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("read dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        paths.sort();
        for path in paths {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let value = match (snapshots, ext) {
                (true, "snap") => snapshot_body(&text),
                (false, "json") => serde_json::from_str(&text).ok(),
                _ => None,
            };
            let (Some(value), Some(stem)) = (value, path.file_stem().and_then(|s| s.to_str()))
            else {
                continue;
            };
            if let Some(kind) = kind_of(&value) {
                out.push((stem.replace(['-', '.'], "_"), path.clone(), value, kind));
            }
        }
    }
    out
}

/// Runs `pdx codegen` on `path`: the source, and the pointers of its warnings (each also a comment in the source).
fn codegen(kind: Kind, path: &Path) -> (String, Vec<String>) {
    let sub = if kind == Kind::Panel {
        "panel-structure"
    } else {
        "modal-schema"
    };
    let out = Command::new(env!("CARGO_BIN_EXE_pdx"))
        .args(["codegen", sub, "--name", "Generated"])
        .arg(path)
        .output()
        .expect("run pdx");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{}: {stderr}", path.display());
    let source = String::from_utf8_lossy(&out.stdout).into_owned();
    let prefix = format!("{}: ", path.display());
    let mut noted = Vec::new();
    for line in stderr.lines() {
        let rest = line
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("not a warning: {line}"));
        let (pointer, message) = rest
            .split_once(": warning: ")
            .unwrap_or_else(|| panic!("not a warning: {line}"));
        assert!(
            source.contains(&format!("// pdx codegen: {pointer}: {message}\n")),
            "{}: warning without its comment: {line}\n{source}",
            path.display()
        );
        noted.push(unescape(pointer));
    }
    assert_eq!(
        source.matches("// pdx codegen: ").count(),
        noted.len(),
        "{}: one comment per warning\n{source}",
        path.display()
    );
    (source, noted)
}

/// Undoes codegen's escaping of a pointer (`\\`, `\n`, `\u{2028}`...).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('0') => out.push('\0'),
            Some('u') => {
                let code: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                let code = u32::from_str_radix(&code, 16).expect("a \\u{...} escape");
                out.push(char::from_u32(code).expect("a char"));
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// What the generated program compares: every difference under a noted pointer, every note over a difference.
const COMPARE: &str = r#"
fn differences(a: &serde_json::Value, b: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    let seg = |k: &str| format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => differences(va, vb, &seg(k), out),
                    None => out.push(seg(k)),
                }
            }
            for k in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push(seg(k));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                differences(va, vb, &format!("{at}/{i}"), out);
            }
        }
        _ if a != b => out.push(at.to_owned()),
        _ => {}
    }
}

fn under(pointer: &str, noted: &str) -> bool {
    pointer == noted || pointer.strip_prefix(noted).is_some_and(|rest| rest.starts_with('/'))
}
"#;

/// JSON text in ASCII (`\uXXXX` escapes), so that the hostile fixtures' bidirectional overrides, which rustc
/// refuses in literals, do not reach the program's own raw strings.
fn ascii_json(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// The generated source plus a `check` comparing its derived JSON with the input: one module of the project.
fn module(source: &str, value: &Value, noted: &[String], kind: Kind, origin: &str) -> String {
    let json = ascii_json(serde_json::to_string_pretty(value).expect("serialize"));
    let noted = ascii_json(serde_json::to_string(noted).expect("serialize"));
    assert!(
        !json.contains("\"####") && !noted.contains("\"####"),
        "the raw strings below would end early"
    );
    let emitted = match kind {
        Kind::Panel => "<Generated as pdx::panel::JsonPanel>::data_structure().to_value().clone()",
        Kind::Modal => "<Generated as pdx::modal::JsonModal>::schema().to_value().clone()",
    };
    format!(
        "// Generated by cli/tests/codegen_roundtrip.rs from {origin}\n#![allow(dead_code, unused_imports)]\n{source}\n{COMPARE}\n\
         pub fn check() {{\n    let expected: serde_json::Value = serde_json::from_str(r####\"{json}\"####).expect(\"input JSON\");\n    \
         let noted: Vec<String> = serde_json::from_str(r####\"{noted}\"####).expect(\"noted pointers\");\n    \
         let emitted: serde_json::Value = {emitted};\n    \
         let mut diffs = Vec::new();\n    differences(&expected, &emitted, \"\", &mut diffs);\n    \
         let silent: Vec<&String> = diffs.iter().filter(|d| !noted.iter().any(|n| under(d, n))).collect();\n    \
         let idle: Vec<&String> = noted.iter().filter(|n| !diffs.iter().any(|d| under(d, n))).collect();\n    \
         assert!(silent.is_empty() && idle.is_empty(), \"{origin}: changed without a note: {{silent:?}}; noted without a change: {{idle:?}}\\n{{}}\", serde_json::to_string_pretty(&emitted).unwrap_or_default());\n}}\n"
    )
}

/// The project's `main`: runs every module's check, each under `catch_unwind`, and exits 1 naming those that
/// failed.
fn main_rs(modules: &[(String, String)]) -> String {
    let mut out = String::new();
    for (module, _) in modules {
        out.push_str(&format!("mod {module};\n"));
    }
    out.push_str("\nfn main() {\n    let checks: &[(&str, &str, fn())] = &[\n");
    for (module, origin) in modules {
        out.push_str(&format!(
            "        ({module:?}, {origin:?}, {module}::check),\n"
        ));
    }
    out.push_str(
        "    ];\n    let mut failed = Vec::new();\n    for (module, origin, check) in checks {\n        \
         if std::panic::catch_unwind(check).is_err() {\n            failed.push(format!(\"src/{module}.rs (from {origin})\"));\n        }\n    }\n    \
         if !failed.is_empty() {\n        eprintln!(\"modules whose derived JSON differs from their input: {failed:#?}\");\n        std::process::exit(1);\n    }\n}\n",
    );
    out
}

/// The project's manifest: pdx with only its derives, and what the generated code uses. Its own `[workspace]`,
/// so that cargo does not take it for a member of pdx's.
fn manifest() -> String {
    let root = Path::new(ROOT).canonicalize().expect("workspace root");
    format!(
        r#"[package]
name = "codegen-roundtrip"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
pdx = {{ path = {root:?}, default-features = false, features = ["derive"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = {{ version = "1", features = ["preserve_order"] }}
chrono = {{ version = "0.4", default-features = false, features = ["std", "serde", "clock"] }}

[profile.dev]
debug = false

[workspace]
"#,
        root = root.display().to_string()
    )
}

/// Writes `contents` unless the file already holds them: an unchanged module keeps its time stamp, so cargo
/// finds a second run's build fresh.
fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
}

/// Writes the project (`modules`: name, source, origin) into `dir`, removing modules of earlier runs.
fn write_project(dir: &Path, modules: &[(String, String, String)]) {
    let src = dir.join("src");
    std::fs::create_dir_all(&src).expect("create project dir");
    write_if_changed(&dir.join("Cargo.toml"), &manifest());
    // The workspace's versions: cargo keeps every entry that fits and drops the rest.
    let lock = std::fs::read_to_string(Path::new(ROOT).join("Cargo.lock")).expect("Cargo.lock");
    write_if_changed(&dir.join("Cargo.lock"), &lock);
    for entry in std::fs::read_dir(&src).expect("read src").flatten() {
        let path = entry.path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if stem != "main" && !modules.iter().any(|(name, ..)| name == stem) {
            std::fs::remove_file(&path).expect("remove a stale module");
        }
    }
    for (name, source, _) in modules {
        write_if_changed(&src.join(format!("{name}.rs")), source);
    }
    let names: Vec<(String, String)> = modules
        .iter()
        .map(|(name, _, origin)| (name.clone(), origin.clone()))
        .collect();
    write_if_changed(&src.join("main.rs"), &main_rs(&names));
}

/// `cargo build` of the project into `target`, offline (every crate it uses is the workspace's).
fn build(dir: &Path, target: &Path) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    Command::new(cargo)
        .args([
            "build",
            "--offline",
            "--message-format",
            "short",
            "--manifest-path",
        ])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .output()
        .expect("run cargo")
}

/// The modules a failed build's errors are in, each with the file it was generated from.
fn failed_modules(stderr: &str, modules: &[(String, String, String)]) -> Vec<String> {
    let mut failed: Vec<String> = modules
        .iter()
        .filter(|(name, ..)| {
            stderr.lines().any(|line| {
                line.starts_with(&format!("src/{name}.rs:")) && line.contains(": error")
            })
        })
        .map(|(name, _, origin)| format!("src/{name}.rs (from {origin})"))
        .collect();
    if failed.is_empty() {
        failed.push("no single module: see cargo's output".to_owned());
    }
    failed
}

#[test]
fn generated_types_reproduce_every_valid_file() {
    let inputs = inputs();
    let names: Vec<&str> = inputs.iter().map(|(n, ..)| n.as_str()).collect();
    for expected in [
        "json_modal",
        "todo_modal",
        "app_panel_single_object",
        "app_panel_multiple_object",
        "app_panel_developer_hub",
        "json_panel_invoices",
        "json_modal_create_invoice",
        "panel_every_field",
        "modal_every_block",
        "modal_not_expressible",
        "modal_component_library_radio",
        "modal_hostile",
        "panel_hostile",
        "panel_items_without_type",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} is not among the inputs: {names:?}"
        );
    }
    // Fixed places under the workspace's `target/`, kept between runs: a second run rebuilds nothing that did not
    // change.
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let inputs_dir = tmp.join("codegen-roundtrip-inputs");
    let project = tmp.join("codegen-roundtrip");
    let target = tmp.join("codegen-roundtrip-target");
    std::fs::create_dir_all(&inputs_dir).expect("create dir");
    let mut with_notes = Vec::new();
    let mut modules = Vec::new();
    for (name, path, value, kind) in &inputs {
        // The JSON as read (a snapshot's body has no file of its own).
        let json_file = inputs_dir.join(format!("{name}.json"));
        std::fs::write(
            &json_file,
            serde_json::to_string_pretty(value).expect("serialize"),
        )
        .expect("write input");
        let (source, noted) = codegen(*kind, &json_file);
        if !noted.is_empty() {
            with_notes.push(name.as_str());
        }
        let origin = path
            .strip_prefix(ROOT)
            .unwrap_or(path)
            .display()
            .to_string();
        let module_name = format!("case_{name}");
        let text = module(&source, value, &noted, *kind, &origin);
        modules.push((module_name, text, origin));
    }
    write_project(&project, &modules);
    let built = build(&project, &target);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(
        built.status.success(),
        "generated modules that do not compile: {:#?}\n(project in {})\n{stderr}",
        failed_modules(&stderr, &modules),
        project.display()
    );
    let run = Command::new(target.join("debug").join("codegen-roundtrip"))
        .output()
        .expect("run the generated program");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // Pipedrive's own samples and the demo export are reproduced with no note at all.
    for clean in [
        "json_modal",
        "todo_modal",
        "app_panel_multiple_object",
        "json_panel_invoices",
        "json_modal_create_invoice",
    ] {
        assert!(!with_notes.contains(&clean), "{clean} has notes");
    }
    for noted in [
        "modal_not_expressible",
        "modal_component_library_radio",
        "modal_hostile",
        "panel_hostile",
        "panel_items_without_type",
    ] {
        assert!(with_notes.contains(&noted), "{noted} has no note");
    }
}

#[test]
fn a_failed_build_names_the_module_and_its_origin() {
    let modules = vec![
        (
            "case_a".to_owned(),
            String::new(),
            "tests/fixtures/a.json".to_owned(),
        ),
        (
            "case_b".to_owned(),
            String::new(),
            "examples/b.json".to_owned(),
        ),
    ];
    let stderr = "src/case_b.rs:216:22: error[E0308]: mismatched types: expected `u32`, found `&str`\n\
                  src/case_a.rs:3:1: warning: unused import\n\
                  error: could not compile `codegen-roundtrip` due to 1 previous error\n";
    assert_eq!(
        failed_modules(stderr, &modules),
        ["src/case_b.rs (from examples/b.json)"]
    );
    assert_eq!(
        failed_modules("error: failed to load manifest", &modules),
        ["no single module: see cargo's output"]
    );
}
