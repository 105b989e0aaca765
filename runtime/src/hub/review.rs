//! Reviewing an export folder before sending the app to Pipedrive: everything that would stop it at
//! registration or review, found by the same rules as [`AppExtensions::check`] (what `pdx review` prints).

use super::export::MANIFEST_FILE;
use super::manifest::MANIFEST_VERSION;
use super::read_manifest::read_export;
use crate::modal;
use crate::panel;
use crate::problem::{Problem, Problems, pointer_push};
use serde_json::Value;
use std::fmt;
use std::path::Path;

/// One problem of an export: the file it is in (relative to the folder) and the problem, with its pointer into
/// that file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewProblem {
    /// `manifest.json`, or the uploaded file the problem is in.
    pub file: String,
    /// What is wrong, where in the file, how bad.
    pub problem: Problem,
}

/// `FILE: /pointer: message`, as `pdx validate` prints.
impl fmt::Display for ReviewProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.problem)
    }
}

/// Why an export folder could not be reviewed at all.
#[derive(Debug)]
pub enum ReviewError {
    /// `manifest.json` cannot be read (no such folder or file).
    Unreadable(std::io::Error),
    /// `manifest.json` is not JSON, or not an object.
    NotJson(String),
}

impl fmt::Display for ReviewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReviewError::Unreadable(e) => write!(f, "cannot read {MANIFEST_FILE}: {e}"),
            ReviewError::NotJson(e) => write!(f, "{MANIFEST_FILE} is not a pdx manifest: {e}"),
        }
    }
}

impl std::error::Error for ReviewError {}

/// Reviews the export in `dir`: reads `manifest.json` and every file it names, and returns every problem that
/// would stop the app at registration or review (errors: what Developer Hub refuses; warnings: what the review
/// likely refuses), in file order. An empty list means nothing was found.
///
/// Checked: the form's rules and the scopes (a registration is required), every extension rule, https
/// everywhere, the callback URL, the installation flows, files named but missing, and the uploaded panel and
/// modal files (the checks of `pdx validate`).
pub fn review_export(dir: impl AsRef<Path>) -> Result<Vec<ReviewProblem>, ReviewError> {
    let dir = dir.as_ref();
    let text = std::fs::read_to_string(dir.join(MANIFEST_FILE)).map_err(ReviewError::Unreadable)?;
    let manifest: Value =
        serde_json::from_str(&text).map_err(|e| ReviewError::NotJson(e.to_string()))?;
    if !manifest.is_object() {
        return Err(ReviewError::NotJson("expected a JSON object".into()));
    }
    let read = read_export(&manifest, dir);
    let mut in_manifest = Problems::new();
    match manifest.get("manifest_version").and_then(Value::as_u64) {
        Some(MANIFEST_VERSION) => {}
        other => in_manifest.error(
            "/manifest_version",
            format!(
                "version {} is not the one this pdx reads ({MANIFEST_VERSION}): export again with this pdx",
                other.map_or("(none)".to_owned(), |v| v.to_string())
            ),
        ),
    }
    if manifest.get("registration").is_none() {
        in_manifest.error("/registration", "the export has no registration (listing, scopes, support and legal links, review info): declare it with `Registration` and export again");
    }
    in_manifest.extend(read.problems.clone());
    let mut checked = read.app.check();
    checked.extend(read.app.webhook_scope_check());
    checked.map_pointers(|p| read.to_manifest_pointer(p));
    // The uploaded files' own problems are reported in those files, below, not twice.
    let uploaded: Vec<String> = read
        .uploads
        .iter()
        .map(|(i, _)| pointer_push(&pointer_push("/extensions", i), "data_structure"))
        .collect();
    in_manifest.extend(
        checked
            .into_iter()
            .filter(|p| !uploaded.iter().any(|u| p.pointer.starts_with(u.as_str())))
            .collect(),
    );
    let mut out: Vec<ReviewProblem> = in_manifest
        .into_iter()
        .map(|problem| ReviewProblem {
            file: MANIFEST_FILE.to_owned(),
            problem,
        })
        .collect();
    for (i, upload) in &read.uploads {
        let problems = match (
            &upload.json,
            manifest.pointer(&format!("/extensions/{i}/kind")),
        ) {
            (Err(reason), _) => Problems::from(vec![Problem::error("", reason.clone())]),
            (Ok(v), Some(Value::String(k))) if k == "json_panel" => panel::check_data_structure(v),
            (Ok(v), _) => modal::check_schema(v),
        };
        out.extend(problems.into_iter().map(|problem| ReviewProblem {
            file: upload.file.clone(),
            problem,
        }));
    }
    Ok(out)
}
