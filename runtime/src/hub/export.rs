//! The export: every file to upload to Developer Hub, `manifest.json` and `DEVELOPER_HUB.md`.

use super::{AppExtensions, Extension};
use crate::problem::{Problem, Problems};
use std::collections::BTreeMap;
use std::path::Path;

/// The export's machine-readable file.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The export's registration sheet.
pub const SHEET_FILE: &str = "DEVELOPER_HUB.md";

/// Why [`AppExtensions::export`] wrote nothing.
#[derive(Debug)]
pub enum ExportError {
    /// The app breaks Developer Hub's rules.
    Problems(Problems),
    /// Writing a file failed.
    Io(std::io::Error),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Problems(p) => write!(f, "the app breaks Developer Hub's rules:\n{p}"),
            ExportError::Io(e) => write!(f, "cannot write the export: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl Extension {
    /// The file uploaded to Developer Hub, relative to the export folder.
    pub(crate) fn file(&self) -> Option<(String, String)> {
        match self {
            Extension::Panel { ext, structure } => Some((
                format!("json-panel-{}.json", slug(&ext.name)),
                structure.to_string_pretty(),
            )),
            Extension::Modal { ext, schema } => Some((
                format!("json-modal-{}.json", slug(&ext.name)),
                schema.to_string_pretty(),
            )),
            _ => None,
        }
    }
}

impl AppExtensions {
    /// The exported files: relative file name → bytes (panel data structures, modal schemas, the icon and
    /// listing images, `manifest.json`, `DEVELOPER_HUB.md`). Refuses when [`AppExtensions::check`] finds an
    /// error. Needs no secret and no database: none is written.
    pub fn export_files(&self) -> Result<BTreeMap<String, Vec<u8>>, Problems> {
        let problems = self.check().into_result()?;
        for warning in problems.warnings() {
            tracing::warn!(%warning, "pdx app check");
        }
        let mut files = BTreeMap::new();
        for entry in &self.entries {
            if let Some((file, content)) = entry.file() {
                files.insert(file, format!("{content}\n").into_bytes());
            }
        }
        self.export_images(&mut files)?;
        let manifest = self.manifest();
        let manifest_text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
        files.insert(
            MANIFEST_FILE.to_owned(),
            format!("{manifest_text}\n").into_bytes(),
        );
        files.insert(
            SHEET_FILE.to_owned(),
            self.developer_hub_summary().into_bytes(),
        );
        Ok(files)
    }

    /// The icon and listing images, under the names the manifest gives them.
    fn export_images(&self, files: &mut BTreeMap<String, Vec<u8>>) -> Result<(), Problems> {
        let Some(reg) = &self.registration else {
            return Ok(());
        };
        let (icon_name, image_names) = self.image_files();
        let icons = reg.listing.icon.iter().zip(icon_name);
        let images = reg.listing.images.iter().zip(image_names);
        for (image, name) in icons.chain(images) {
            let loaded = image.load().map_err(|message| {
                Problems::from(vec![Problem::error("/registration", message)])
            })?;
            files.insert(name, loaded.bytes);
        }
        Ok(())
    }

    /// Writes every exported file into `dir` (created if needed). Refuses, writing nothing, when
    /// [`AppExtensions::check`] finds an error. Secrets are never written. Files already in `dir` that pdx no
    /// longer exports are left; [`update_export`](super::update_export) removes them.
    pub fn export(&self, dir: impl AsRef<Path>) -> Result<Vec<String>, ExportError> {
        let files = self.export_files().map_err(ExportError::Problems)?;
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(ExportError::Io)?;
        for (name, content) in &files {
            std::fs::write(dir.join(name), content).map_err(ExportError::Io)?;
        }
        Ok(files.into_keys().collect())
    }
}

/// File-name slug of an extension name: lowercase ASCII letters and digits, other runs as `-`.
pub(super) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_file_safe() {
        assert_eq!(slug("Create invoice"), "create-invoice");
        assert_eq!(slug("  Déjà vu / 2 "), "d-j-vu-2");
        assert_eq!(slug("Invoices"), "invoices");
    }
}
