//! What each feature set compiles, read from `cargo tree`: the derive-only build
//! (`default-features = false, features = ["derive"]`) has no server stack (no axum, tokio, tower, hyper,
//! jsonwebtoken or clap); the token store's backends are separate features, so an app on SQLite does not compile
//! the PostgreSQL driver, nor the reverse, and `install` alone brings neither. Nor has the derive-only build the
//! JSON Schema stack (no jsonschema, fancy-regex or schemars): derived types are checked without them; the
//! `validate` feature brings it back, for the checks of hand-written files. No build has public-key crypto (pdx
//! signs and accepts HS256 only), and the default build leaves the test kit out.

use std::process::Command;

/// Crates the derive-only build must not depend on.
const SERVER_STACK: [&str; 6] = ["axum", "tokio", "tower", "hyper", "jsonwebtoken", "clap"];
/// The SQLite backend's crates.
const SQLITE: [&str; 2] = ["sqlx-sqlite", "libsqlite3-sys"];
/// The PostgreSQL backend's crates.
const POSTGRES: [&str; 1] = ["sqlx-postgres"];
/// Public-key signature crates: pdx accepts and signs HS256 only, so no build of it compiles them, nor a general
/// JWT library that would bring them.
const PUBLIC_KEY_CRYPTO: [&str; 6] = [
    "rsa",
    "p256",
    "p384",
    "ed25519-dalek",
    "ecdsa",
    "jsonwebtoken",
];
/// The crates of the JSON Schema checks (feature `validate`).
const SCHEMA_STACK: [&str; 3] = ["jsonschema", "fancy-regex", "schemars"];

/// The crate name of a `cargo tree --prefix none` line (`name v1.2.3 (path)` or `name v1.2.3 (*)`).
fn crate_name(line: &str) -> &str {
    line.split_whitespace().next().unwrap_or_default()
}

/// The output of `cargo tree -p pdx --prefix none --offline` with these arguments (an edge kind, features...).
fn cargo_tree(args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tree", "-p", "pdx", "--prefix", "none", "--offline"])
        .args(args)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The names of the crates pdx depends on (normal dependencies, each once, sorted) with `--no-default-features --features
/// <features>`, or with its default features when `features` is `None`.
fn dependencies(features: Option<&str>) -> Vec<String> {
    let mut args = vec!["-e", "normal"];
    if let Some(features) = features {
        args.extend(["--no-default-features", "--features", features]);
    }
    let stdout = cargo_tree(&args);
    let mut names: Vec<String> = stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| crate_name(l).to_owned())
        .collect();
    assert!(
        names.first().is_some_and(|n| n == "pdx"),
        "unexpected tree:\n{stdout}"
    );
    names.sort();
    names.dedup();
    names
}

/// The crates of `names` that are one of `family` (or `family-…`).
fn of_family<'a>(names: &'a [String], family: &[&str]) -> Vec<&'a str> {
    names
        .iter()
        .map(String::as_str)
        .filter(|name| {
            family
                .iter()
                .any(|f| name == f || name.starts_with(&format!("{f}-")))
        })
        .collect()
}

#[test]
fn derive_only_build_has_no_server_stack() {
    let names = dependencies(Some("derive"));
    println!("derive-only `cargo tree` of pdx: {} lines", names.len());
    assert!(
        names.iter().any(|n| n == "pdx-macros"),
        "the derives are in the tree: {names:?}"
    );
    let server = of_family(&names, &SERVER_STACK);
    assert!(
        server.is_empty(),
        "the derive-only build depends on the server stack: {server:#?}"
    );
}

#[test]
fn derive_only_build_has_no_json_schema_stack() {
    let derive_only = dependencies(Some("derive"));
    let schema = of_family(&derive_only, &SCHEMA_STACK);
    assert!(
        schema.is_empty(),
        "the derive-only build depends on the JSON Schema stack: {schema:#?}"
    );
    // The feature that asks for them brings them.
    let validate = dependencies(Some("derive,validate"));
    for name in SCHEMA_STACK {
        assert!(
            validate.iter().any(|n| n == name),
            "`validate` builds {name}"
        );
    }
}

#[test]
fn default_build_stores_in_sqlite_without_the_postgres_driver() {
    let names = dependencies(None);
    assert_eq!(of_family(&names, &SQLITE).len(), SQLITE.len(), "{names:?}");
    assert_eq!(of_family(&names, &POSTGRES), Vec::<&str>::new());
}

#[test]
fn postgres_build_has_no_sqlite() {
    let names = dependencies(Some("postgres"));
    assert_eq!(of_family(&names, &POSTGRES), POSTGRES);
    assert_eq!(of_family(&names, &SQLITE), Vec::<&str>::new());
}

#[test]
fn install_alone_brings_no_database_driver() {
    let names = dependencies(Some("install"));
    assert!(names.iter().any(|n| n == "reqwest"), "{names:?}");
    let sql = of_family(&names, &["sqlx", "libsqlite3-sys"]);
    assert!(sql.is_empty(), "{sql:?}");
}

#[test]
fn no_build_has_public_key_crypto() {
    for features in [
        None,
        Some("derive,validate,server,testing,install,sqlite,postgres"),
    ] {
        let names = dependencies(features);
        assert!(names.iter().any(|n| n == "hmac"), "{features:?}: {names:?}");
        let crypto: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|n| PUBLIC_KEY_CRYPTO.contains(n))
            .collect();
        assert!(
            crypto.is_empty(),
            "{features:?} depends on public-key crypto: {crypto:?}"
        );
    }
}

/// Whether pdx-runtime is built with `feature` when pdx has its default features plus `extra`.
fn runtime_has_feature(extra: Option<&str>, feature: &str) -> bool {
    let mut args = vec!["-e", "normal,features", "-i", "pdx-runtime"];
    if let Some(extra) = extra {
        args.extend(["--features", extra]);
    }
    let wanted = format!("pdx-runtime feature \"{feature}\"");
    cargo_tree(&args)
        .lines()
        .any(|line| line.trim_end_matches(" (*)") == wanted)
}

#[test]
fn the_test_kit_is_left_out_of_a_default_build() {
    assert!(!runtime_has_feature(None, "testing"));
    assert!(!runtime_has_feature(None, "postgres"));
    // The feature an app turns on under `[dev-dependencies]` brings it.
    assert!(runtime_has_feature(Some("testing"), "testing"));
}

#[test]
fn crate_names_are_read_from_tree_lines() {
    assert_eq!(crate_name("axum v0.8.9"), "axum");
    assert_eq!(
        crate_name("tokio-macros v2.5.0 (proc-macro)"),
        "tokio-macros"
    );
    assert_eq!(crate_name("pdx v0.1.0 (/work/x)"), "pdx");
    let names = vec![
        "tower-http".to_owned(),
        "towering".to_owned(),
        "sqlx-sqlite".to_owned(),
    ];
    assert_eq!(of_family(&names, &["tower"]), ["tower-http"]);
    assert_eq!(of_family(&names, &SQLITE), ["sqlx-sqlite"]);
}
