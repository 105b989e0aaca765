//! The derive-only build (`default-features = false, features = ["derive"]`) has no server stack in its
//! dependency tree (no axum, tokio, tower, hyper, jsonwebtoken or clap) and no JSON Schema stack (no jsonschema,
//! fancy-regex or schemars): derived types are checked without them. The `validate` feature brings the JSON
//! Schema stack back, for the checks of hand-written files.

use std::process::Command;

/// Crates the derive-only build must not depend on.
const SERVER_STACK: [&str; 6] = ["axum", "tokio", "tower", "hyper", "jsonwebtoken", "clap"];

/// The crates of the JSON Schema checks (feature `validate`).
const SCHEMA_STACK: [&str; 3] = ["jsonschema", "fancy-regex", "schemars"];

/// The crate name of a `cargo tree --prefix none` line (`name v1.2.3 (path)` or `name v1.2.3 (*)`).
fn crate_name(line: &str) -> &str {
    line.split_whitespace().next().unwrap_or_default()
}

/// The crate names of `pdx`'s normal dependency tree with these features and no default ones.
fn tree(features: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "tree",
            "-p",
            "pdx",
            "--no-default-features",
            "--features",
            features,
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
        ])
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "cargo tree failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let names: Vec<String> = stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| crate_name(l).to_owned())
        .collect();
    assert!(
        names.first().is_some_and(|n| n == "pdx"),
        "unexpected tree:\n{stdout}"
    );
    names
}

/// The names of `tree` that belong to `stack` (`axum`, or `axum-core` for `axum`).
fn from<'t>(tree: &'t [String], stack: &[&str]) -> Vec<&'t str> {
    tree.iter()
        .map(String::as_str)
        .filter(|name| {
            stack
                .iter()
                .any(|s| name == s || name.starts_with(&format!("{s}-")))
        })
        .collect()
}

#[test]
fn derive_only_build_has_no_server_stack() {
    let tree = tree("derive");
    println!("derive-only `cargo tree` of pdx: {} lines", tree.len());
    assert!(
        tree.iter().any(|n| n == "pdx-macros"),
        "the derives are in the tree:\n{tree:#?}"
    );
    let server = from(&tree, &SERVER_STACK);
    assert!(
        server.is_empty(),
        "the derive-only build depends on the server stack:\n{server:#?}"
    );
}

#[test]
fn derive_only_build_has_no_json_schema_stack() {
    let derive_only = tree("derive");
    let schema = from(&derive_only, &SCHEMA_STACK);
    assert!(
        schema.is_empty(),
        "the derive-only build depends on the JSON Schema stack:\n{schema:#?}"
    );
    // The feature that asks for them brings them.
    let validate = tree("derive,validate");
    for name in SCHEMA_STACK {
        assert!(
            validate.iter().any(|n| n == name),
            "`validate` builds {name}"
        );
    }
}

#[test]
fn crate_names_are_read_from_tree_lines() {
    assert_eq!(crate_name("axum v0.8.9"), "axum");
    assert_eq!(
        crate_name("tokio-macros v2.5.0 (proc-macro)"),
        "tokio-macros"
    );
    assert_eq!(crate_name("pdx v0.1.0 (/work/x)"), "pdx");
}
