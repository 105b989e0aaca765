//! Whether a committed export is still what the app exports: the files to upload live in the app's repository,
//! are regenerated at build or test time, and CI fails when they are stale.
//!
//! ```no_run
//! # fn my_app() -> pdx::hub::AppExtensions { pdx::hub::AppExtensions::new() }
//! let files = my_app().export_files().expect("the app passes its checks");
//! let stale = pdx::hub::check_export(&files, "developer-hub");
//! assert!(stale.is_empty(), "regenerate the export: {stale:?}");
//! ```
//!
//! With the test kit, `pdx::testing::assert_export_up_to_date(&app, dir)` does this in one line and rewrites
//! the folder when run with `PDX_UPDATE_EXPORT=1`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// How an exported file differs from the committed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staleness {
    /// The folder has the file with other content.
    Changed,
    /// The folder lacks the file.
    Missing,
    /// The folder has a file the app no longer exports.
    NotExported,
}

/// One file of the folder that is not what the app exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFile {
    /// The file name, relative to the folder.
    pub file: String,
    /// How it differs.
    pub staleness: Staleness,
}

impl fmt::Display for StaleFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = match self.staleness {
            Staleness::Changed => "changed",
            Staleness::Missing => "missing",
            Staleness::NotExported => "no longer exported",
        };
        write!(f, "{}: {how}", self.file)
    }
}

/// The files of `dir` (not its subfolders), by name.
fn existing(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// What differs between the exported `files` (from `export_files`) and the folder `dir`: changed and missing
/// files, and files the app no longer exports. Empty when the folder is up to date (a missing folder lists
/// every file as missing).
pub fn check_export(files: &BTreeMap<String, Vec<u8>>, dir: impl AsRef<Path>) -> Vec<StaleFile> {
    let dir = dir.as_ref();
    let mut stale = Vec::new();
    for (name, content) in files {
        let staleness = match std::fs::read(dir.join(name)) {
            Ok(old) if &old == content => continue,
            Ok(_) => Staleness::Changed,
            Err(_) => Staleness::Missing,
        };
        stale.push(StaleFile {
            file: name.clone(),
            staleness,
        });
    }
    for name in existing(dir) {
        if !files.contains_key(&name) {
            stale.push(StaleFile {
                file: name,
                staleness: Staleness::NotExported,
            });
        }
    }
    stale
}

/// Makes `dir` exactly the exported `files`: writes them (creating `dir`) and removes the files the app no
/// longer exports. The folder is the export's own: keep nothing else in it.
pub fn update_export(
    files: &BTreeMap<String, Vec<u8>>,
    dir: impl AsRef<Path>,
) -> std::io::Result<()> {
    let dir = dir.as_ref();
    std::fs::create_dir_all(dir)?;
    for name in existing(dir) {
        if !files.contains_key(&name) {
            std::fs::remove_file(dir.join(&name))?;
        }
    }
    for (name, content) in files {
        std::fs::write(dir.join(name), content)?;
    }
    Ok(())
}
