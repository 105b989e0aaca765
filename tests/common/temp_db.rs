//! A SQLite token store file of its own for a test that restarts the app or runs two instances on one
//! database (tests that do neither use the in-memory store, `memory:`). The files go when the guard drops.

use std::path::PathBuf;

/// A fresh SQLite URL in the temp directory, and the guard that deletes its files.
pub(crate) fn temp_sqlite_url(name: &str) -> (String, TempDb) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let path = std::env::temp_dir().join(format!(
        "pdx-test-{name}-{}-{}-{nanos}.db",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    (format!("sqlite://{}", path.display()), TempDb(path))
}

/// Deletes the database file (and its WAL files) on drop.
pub(crate) struct TempDb(PathBuf);

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}
