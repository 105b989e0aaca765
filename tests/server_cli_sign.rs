//! `pdx::auth::{signed_url, sign_token}` (behind `pdx sign`): the URL they build verifies with pdx's own token rules, keeps
//! the other parameters, and signs `exp` only when asked.

use base64::Engine as _;
use pdx::auth::JwtSecret;
use pdx::auth::{sign_token, signed_url};
use pdx::context::Selection;
use pdx::link::verify_signed_query;
use std::time::Duration;

fn claims(token: &str) -> serde_json::Value {
    let payload = token.split('.').nth(1).expect("a JWT has a payload");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .expect("base64url");
    serde_json::from_slice(&bytes).expect("JSON claims")
}

fn token_of(url: &str) -> String {
    // A JWT is base64url and dots: it needs no percent-encoding.
    let query = url.split_once('?').expect("a query").1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .expect("a token")
        .to_owned()
}

#[test]
fn signed_url_verifies_and_keeps_parameters() {
    let url = signed_url(
        "https://app.example.com/pd/link?resource=deal&view=list&selectedIds=3%2C4&userId=9&token=stale",
        "s3cret",
        "1001",
        "2002",
        Some(Duration::from_secs(60)),
    );
    let (user, context) = verify_signed_query(&url, &JwtSecret::new("s3cret")).expect("verifies");
    assert_eq!((user.user_id(), user.company_id()), ("1001", "2002"));
    assert_eq!(context.selection(), Selection::Ids(vec![3, 4]));
    assert!(!url.contains("stale") && !url.contains("userId=9"), "{url}");
    let rejected = verify_signed_query(&url, &JwtSecret::new("other")).expect_err("wrong secret");
    assert_eq!(rejected.status(), 401);
    // The message shown in the browser does not say why; the reason (for the log) does.
    assert_eq!(rejected.message(), pdx::auth::UNVERIFIED_MESSAGE);
    assert!(
        rejected.reason().contains("signature"),
        "{}",
        rejected.reason()
    );
    assert!(!rejected.reason().contains("s3cret") && !rejected.reason().contains("other"));
    // A tampered query (another user) is refused even with the right secret.
    let tampered = url.replace("userId=1001", "userId=1002");
    let rejected = verify_signed_query(&tampered, &JwtSecret::new("s3cret")).expect_err("tampered");
    assert_eq!(rejected.status(), 401);
    assert!(
        rejected.reason().contains("`userId`"),
        "{}",
        rejected.reason()
    );
}

#[test]
fn exp_is_signed_only_when_asked() {
    let with = claims(&token_of(&signed_url(
        "http://x/a",
        "s",
        "1",
        "2",
        Some(Duration::from_secs(90)),
    )));
    let (iat, exp) = (
        with["iat"].as_u64().expect("iat"),
        with["exp"].as_u64().expect("exp"),
    );
    assert_eq!(exp - iat, 90);
    assert_eq!(
        (&with["userId"], &with["companyId"]),
        (&serde_json::json!(1), &serde_json::json!(2))
    );
    let without = claims(&sign_token("s", "1", "2", None));
    assert!(without.get("exp").is_none(), "{without}");
    // Non-numeric ids are signed as strings.
    assert_eq!(claims(&sign_token("s", "u-1", "2", None))["userId"], "u-1");
}

/// The features of `pdx` and `pdx-runtime` that `pdx-cli` (the `pdx` command) builds with, from
/// `cargo tree -e normal,features` (dev-dependencies left out, as `cargo install` builds it).
fn cli_features() -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = std::process::Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "tree",
            "-p",
            "pdx-cli",
            "-e",
            "normal,features",
            "--prefix",
            "none",
            "--offline",
        ])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut features: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| l.starts_with("pdx feature ") || l.starts_with("pdx-runtime feature "))
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .collect();
    features.sort();
    features.dedup();
    features
}

#[test]
fn the_command_line_builds_without_the_test_kit() {
    // `pdx sign` and the live preview sign with `pdx::auth`: the command needs the server layer, and neither the
    // test kit nor the install stack (SQLite, PostgreSQL, reqwest) nor the derives. The server checks modal
    // responses by their schema, so it brings `validate` (which `pdx validate` needs anyway).
    assert_eq!(
        cli_features(),
        [
            r#"pdx feature "server""#,
            r#"pdx feature "validate""#,
            r#"pdx-runtime feature "server""#,
            r#"pdx-runtime feature "validate""#,
        ]
    );
}
