//! The manifest an app's export writes, read for `pdx preview serve`: the JSON panels and JSON modals it draws, and
//! a note for every other entry.
//!
//! Forward compatible: an export also lists entries the preview does not draw (link actions, custom UI pages, the
//! OAuth install and callback routes, and kinds a later pdx may add). Those are listed on the page as not drawn,
//! never refused; only a panel or a modal needs its `name`, `path` and `file`.

use super::super::{Unusable, problems_json, read};
use pdx::modal;
use pdx::panel;
use serde_json::{Value, json};
use std::path::Path;

/// The kinds the preview draws, as the manifest names them.
pub(super) const JSON_PANEL: &str = "json_panel";
pub(super) const JSON_MODAL: &str = "json_modal";

/// One panel or modal of the manifest, with its file read and checked.
pub(super) struct Extension {
    /// [`JSON_PANEL`] or [`JSON_MODAL`].
    pub(super) kind: &'static str,
    pub(super) name: String,
    /// Its own JWT secret (`--extension-secret`), else `--secret` signs its requests.
    pub(super) secret: Option<String>,
    pub(super) path: String,
    /// `resource` and `view` of its first location (`deal_details` → `deal`, `details`).
    pub(super) resource: String,
    pub(super) view: String,
    pub(super) file: Value,
}

/// What the preview makes of a manifest.
pub(super) struct Manifest {
    /// The panels and modals it draws; the page calls each by its index here.
    pub(super) extensions: Vec<Extension>,
    /// The `name` of every entry, drawn or not (an `--extension-secret` may name any of them).
    pub(super) names: Vec<String>,
    /// What the page draws: the extensions with their files and problems, and the entries it does not draw.
    pub(super) page: Value,
}

impl Manifest {
    /// Reads the manifest and each drawn extension's file (beside the manifest).
    pub(super) fn read(path: &Path) -> Result<Manifest, Unusable> {
        let manifest = read(path)?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let bad = |what: String| Unusable(format!("{}: {what}", path.display()));
        let list = manifest
            .get("extensions")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("/extensions: expected an array of extensions".to_owned()))?;
        let mut extensions = Vec::new();
        let mut drawn = Vec::new();
        let mut skipped = Vec::new();
        let mut names = Vec::new();
        for (i, entry) in list.iter().enumerate() {
            let text = |k: &str| entry.get(k).and_then(Value::as_str).map(str::to_owned);
            names.extend(text("name"));
            let kind = match entry.get("kind").and_then(Value::as_str) {
                Some(JSON_PANEL) => JSON_PANEL,
                Some(JSON_MODAL) => JSON_MODAL,
                other => {
                    skipped.push(json!({
                        "pointer": format!("/extensions/{i}"), "kind": other, "name": text("name"),
                        "path": text("path"), "note": not_drawn(other),
                    }));
                    continue;
                }
            };
            let (Some(name), Some(ext_path), Some(file_name)) =
                (text("name"), text("path"), text("file"))
            else {
                return Err(bad(format!(
                    "/extensions/{i}: a {kind} needs `name`, `path` and `file` strings"
                )));
            };
            let file = read(&dir.join(file_name))?;
            let problems = if kind == JSON_PANEL {
                problems_json("structure", &panel::check_data_structure(&file))
            } else {
                problems_json("schema", &modal::check_schema(&file))
            };
            let location = entry
                .pointer("/locations/0")
                .and_then(Value::as_str)
                .unwrap_or("deal_details");
            let (resource, view) = resource_view(location);
            drawn.push(json!({
                "index": extensions.len(), "kind": kind, "name": name, "path": ext_path, "file": file,
                "problems": problems, "actions": panel_actions(entry.get("actions")),
            }));
            extensions.push(Extension {
                kind,
                name,
                secret: None,
                path: ext_path,
                resource,
                view,
                file,
            });
        }
        let page = json!({"page": "live", "extensions": drawn, "skipped": skipped});
        Ok(Manifest {
            extensions,
            names,
            page,
        })
    }
}

/// Why an entry of the manifest is listed but not drawn, by its `kind`.
fn not_drawn(kind: Option<&str>) -> &'static str {
    match kind {
        Some("link_action") => {
            "A link action: Pipedrive opens its URL in a new browser tab with a signed token; the preview does \
             not call it."
        }
        Some("custom_ui") => {
            "A custom UI extension: Pipedrive shows its page in an iframe; the preview does not draw it."
        }
        Some("oauth_install" | "oauth_callback") => {
            "An OAuth route of the app's installation, visited by the user's browser: not an extension the \
             preview draws."
        }
        Some(_) => "A kind this version of pdx preview does not draw.",
        None => "An entry without a `kind` string: not drawn.",
    }
}

/// `deal_details` → (`deal`, `details`); `deals_list` → (`deal`, `list`).
fn resource_view(location: &str) -> (String, String) {
    let (what, view) = location.rsplit_once('_').unwrap_or((location, "details"));
    let resource = if view == "list" {
        what.trim_end_matches('s')
    } else {
        what
    };
    (resource.to_owned(), view.to_owned())
}

/// A panel's actions in the manifest (`target`: `global`, `object` or `{"field": KEY}`) as the page draws them.
fn panel_actions(actions: Option<&Value>) -> Value {
    let (mut global, mut object, mut field) = (Vec::new(), Vec::new(), serde_json::Map::new());
    for a in actions.and_then(Value::as_array).into_iter().flatten() {
        let name = a
            .get("extension")
            .and_then(Value::as_str)
            .unwrap_or("Action");
        match a.get("target") {
            Some(Value::String(t)) if t == "global" => global.push(json!(name)),
            Some(Value::String(t)) if t == "object" => object.push(json!(name)),
            Some(t) => {
                if let Some(key) = t.get("field").and_then(Value::as_str) {
                    field.insert(key.to_owned(), json!(name));
                }
            }
            None => {}
        }
    }
    json!({"global": global, "object": object, "field": field})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_give_resource_and_view() {
        assert_eq!(
            resource_view("deal_details"),
            ("deal".to_owned(), "details".to_owned())
        );
        assert_eq!(
            resource_view("deals_list"),
            ("deal".to_owned(), "list".to_owned())
        );
        assert_eq!(
            resource_view("organization_details"),
            ("organization".to_owned(), "details".to_owned())
        );
    }

    #[test]
    fn manifest_actions_by_target() {
        let a = panel_actions(Some(&json!([
            {"target": "global", "extension": "Create invoice"},
            {"target": {"field": "header"}, "extension": "Open invoices"},
            {"target": "object", "extension": "Edit"}
        ])));
        assert_eq!(
            a,
            json!({"global": ["Create invoice"], "object": ["Edit"], "field": {"header": "Open invoices"}})
        );
    }

    /// A manifest and its files in a fresh directory.
    fn write(name: &str, manifest: &Value, files: &[(&str, Value)]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "pdx-preview-manifest-{}-{name}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("dir");
        for (file, v) in files {
            std::fs::write(dir.join(file), v.to_string()).expect("write");
        }
        let path = dir.join("manifest.json");
        std::fs::write(&path, manifest.to_string()).expect("write");
        path
    }

    #[test]
    fn the_demo_export_reads_with_its_oauth_routes_noted() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/demo-export/manifest.json");
        let m = Manifest::read(&path).unwrap_or_else(|Unusable(e)| panic!("{e}"));
        let drawn: Vec<(&str, &str)> = m
            .extensions
            .iter()
            .map(|e| (e.kind, e.name.as_str()))
            .collect();
        assert_eq!(
            drawn,
            [(JSON_PANEL, "Invoices"), (JSON_MODAL, "Create invoice")]
        );
        assert_eq!(m.page["extensions"][1]["index"], 1);
        let skipped: Vec<(&Value, &Value, &Value)> = m.page["skipped"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| (&s["pointer"], &s["kind"], &s["path"]))
            .collect();
        assert_eq!(
            skipped,
            [
                (
                    &json!("/extensions/2"),
                    &json!("link_action"),
                    &json!("/pipedrive/actions/open-invoices")
                ),
                (
                    &json!("/extensions/3"),
                    &json!("oauth_install"),
                    &json!("/oauth/install")
                ),
                (
                    &json!("/extensions/4"),
                    &json!("oauth_callback"),
                    &json!("/oauth/callback")
                ),
                (
                    &json!("/extensions/5"),
                    &json!("webhook"),
                    &json!("/pipedrive/webhooks")
                ),
            ]
        );
        assert!(
            m.page["skipped"][1]["note"]
                .as_str()
                .is_some_and(|n| n.contains("OAuth route"))
        );
        assert_eq!(m.names, ["Invoices", "Create invoice", "Open invoices"]);
    }

    #[test]
    fn unknown_kinds_and_entries_without_a_kind_are_noted_not_refused() {
        let structure = json!({"type": "object", "properties": {"id": {"$ref": "#/definitions/numeric", "label": "ID"}}});
        let path = write(
            "unknown",
            &json!({"extensions": [
                {"kind": "webhook", "event": "updated.deal", "path": "/hooks/deal"},
                {"kind": "json_panel", "name": "Orders", "path": "/panel", "file": "panel.json", "future": true},
                {"name": "no kind"},
                42,
                {"kind": "custom_ui", "name": "Settings", "path": "/settings", "custom_ui_kind": "settings"}
            ]}),
            &[("panel.json", structure)],
        );
        let m = Manifest::read(&path).unwrap_or_else(|Unusable(e)| panic!("{e}"));
        assert_eq!(m.extensions.len(), 1);
        assert_eq!(m.extensions[0].name, "Orders");
        let notes: Vec<(&Value, &str)> = m.page["skipped"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| (&s["pointer"], s["note"].as_str().unwrap_or_default()))
            .collect();
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert_eq!(
            notes[0],
            (
                &json!("/extensions/0"),
                "A kind this version of pdx preview does not draw."
            )
        );
        assert_eq!(
            notes[1],
            (
                &json!("/extensions/2"),
                "An entry without a `kind` string: not drawn."
            )
        );
        assert_eq!(notes[2].0, &json!("/extensions/3"));
        assert!(notes[3].1.contains("custom UI"), "{notes:?}");
    }

    #[test]
    fn a_panel_or_modal_without_its_fields_is_refused_naming_it() {
        let path = write(
            "missing",
            &json!({"extensions": [
                {"kind": "oauth_install", "path": "/oauth/install"},
                {"kind": "json_modal", "name": "Create", "path": "/modal"}
            ]}),
            &[],
        );
        let Err(Unusable(e)) = Manifest::read(&path) else {
            panic!("a modal without its file is refused");
        };
        assert!(
            e.ends_with(
                "manifest.json: /extensions/1: a json_modal needs `name`, `path` and `file` strings"
            ),
            "{e}"
        );
    }
}
