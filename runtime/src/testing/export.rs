//! The export freshness check: the files an app exports, compared with those committed.

use crate::server::App;
use std::path::Path;

/// Environment variable that makes [`assert_export_up_to_date`] rewrite the folder instead of failing.
pub const UPDATE_EXPORT_ENV: &str = "PDX_UPDATE_EXPORT";

/// Fails when the files `app` exports differ from those committed in `dir` (missing, changed or left over:
/// [`crate::hub::check_export`]); with `PDX_UPDATE_EXPORT=1` it rewrites `dir` instead (like insta's
/// `INSTA_UPDATE`), removing files no longer exported.
#[track_caller]
pub fn assert_export_up_to_date<S: Clone + Send + Sync + 'static>(
    app: &App<S>,
    dir: impl AsRef<Path>,
) {
    let dir = dir.as_ref();
    let files = app
        .export_files()
        .unwrap_or_else(|p| panic!("the app does not pass its checks:\n{p}"));
    if std::env::var(UPDATE_EXPORT_ENV).is_ok_and(|v| v == "1") {
        crate::hub::update_export(&files, dir)
            .unwrap_or_else(|e| panic!("cannot update {}: {e}", dir.display()));
        return;
    }
    let stale: Vec<String> = crate::hub::check_export(&files, dir)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        stale.is_empty(),
        "the export in {} is out of date:\n  {}\nrun the tests with {UPDATE_EXPORT_ENV}=1 to update it",
        dir.display(),
        stale.join("\n  ")
    );
}
