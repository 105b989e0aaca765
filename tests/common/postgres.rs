//! The PostgreSQL half of the store tests (pdx's tests always build the PostgreSQL store, through the root
//! dev-dependency on `pdx-runtime`): runs when `PDX_TEST_POSTGRES_URL` is set, is skipped with a plain message
//! otherwise, and fails instead when `PDX_REQUIRE_POSTGRES=1` (as `.ci/run` sets it).

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

/// The key of the tokens in the shared PostgreSQL test database: every test file writing there uses it, since a
/// store refuses to open with another key than the one its tokens were encrypted with.
pub(crate) fn shared_database_key() -> pdx::store::TokenKey {
    pdx::store::TokenKey::from_array([3; 32])
}

/// A suffix unique to this test run, so runs against one database do not see each other's rows.
pub(crate) fn run_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}", std::process::id())
}
