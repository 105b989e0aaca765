//! The derive-only build (`default-features = false, features = ["derive"]`) has no server stack in its
//! dependency tree: no axum, tokio, tower, hyper, jsonwebtoken or clap.

use std::process::Command;

/// Crates the derive-only build must not depend on.
const SERVER_STACK: [&str; 6] = ["axum", "tokio", "tower", "hyper", "jsonwebtoken", "clap"];

/// The crate name of a `cargo tree --prefix none` line (`name v1.2.3 (path)` or `name v1.2.3 (*)`).
fn crate_name(line: &str) -> &str {
    line.split_whitespace().next().unwrap_or_default()
}

#[test]
fn derive_only_build_has_no_server_stack() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "tree",
            "-p",
            "pdx",
            "--no-default-features",
            "--features",
            "derive",
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
    let lines: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    println!("derive-only `cargo tree` of pdx: {} lines", lines.len());
    assert!(
        lines.first().is_some_and(|l| crate_name(l) == "pdx"),
        "unexpected tree:\n{stdout}"
    );
    assert!(
        lines.iter().any(|l| crate_name(l) == "pdx-macros"),
        "the derives are in the tree:\n{stdout}"
    );
    let server: Vec<&&str> = lines
        .iter()
        .filter(|l| {
            let name = crate_name(l);
            SERVER_STACK
                .iter()
                .any(|s| name == *s || name.starts_with(&format!("{s}-")))
        })
        .collect();
    assert!(
        server.is_empty(),
        "the derive-only build depends on the server stack:\n{server:#?}"
    );
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
