//! The PostgreSQL half of the store tests: compiled with the `postgres` feature, runs when
//! `PDX_TEST_POSTGRES_URL` is set, is skipped with a plain message otherwise, and fails instead when
//! `PDX_REQUIRE_POSTGRES=1` (as `.ci/run` sets it, with `--features postgres`).

use std::io::Write;

/// The test database URL, or `None` after printing that `what` was skipped.
pub(crate) fn postgres_url(what: &str) -> Option<String> {
    match std::env::var("PDX_TEST_POSTGRES_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("PDX_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "PDX_REQUIRE_POSTGRES=1 but PDX_TEST_POSTGRES_URL is not set: cannot run {what}"
            );
            // Written to the process's stderr directly: the test harness does not capture it, so the skip is
            // visible in a plain `cargo test`.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: {what} (set PDX_TEST_POSTGRES_URL; .ci/run starts a local PostgreSQL)"
            );
            None
        }
    }
}

/// For a build without the `postgres` feature: says that `what` was not compiled, or fails under
/// `PDX_REQUIRE_POSTGRES=1`.
pub(crate) fn not_compiled(what: &str) {
    assert!(
        std::env::var("PDX_REQUIRE_POSTGRES").as_deref() != Ok("1"),
        "PDX_REQUIRE_POSTGRES=1 but this test build has no `postgres` feature: cannot run {what} (add \
         `--features postgres`)"
    );
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {what} (build the tests with `--features postgres` and set PDX_TEST_POSTGRES_URL)"
    );
}

/// A suffix unique to this test run, so runs against one database do not see each other's rows.
pub(crate) fn run_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}", std::process::id())
}
