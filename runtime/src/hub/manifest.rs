//! `manifest.json` (every extension, machine-readable) and `DEVELOPER_HUB.md` (what to enter in Developer Hub).

use super::{ActionTarget, AppExtensions, CustomUiKind, Extension};
use serde_json::{Map, Value, json};
use std::fmt::Write as _;

impl AppExtensions {
    /// `manifest.json`: every extension with its kind, name, path, uploaded file, authentication and locations.
    pub fn manifest(&self) -> Value {
        let mut extensions: Vec<Value> = self
            .entries
            .iter()
            .map(|e| self.manifest_entry(e))
            .collect();
        if let Some(oauth) = &self.oauth {
            extensions.push(self.oauth_entry("oauth_install", &oauth.install));
            extensions.push(self.oauth_entry("oauth_callback", &oauth.callback));
        }
        let mut root = Map::new();
        if let Some(name) = &self.name {
            root.insert("name".into(), json!(name));
        }
        if let Some(url) = &self.public_url {
            root.insert("public_url".into(), json!(url));
        }
        if let Some(url) = &self.settings_url {
            root.insert("settings_url".into(), json!(url));
        }
        root.insert("extensions".into(), Value::Array(extensions));
        Value::Object(root)
    }

    /// An OAuth route's entry: its kind, path and, with a public URL, its URL.
    fn oauth_entry(&self, kind: &str, path: &str) -> Value {
        let mut e = Map::new();
        e.insert("kind".into(), json!(kind));
        e.insert("path".into(), json!(path));
        if let Some(base) = &self.public_url {
            e.insert("url".into(), json!(format!("{base}{path}")));
        }
        Value::Object(e)
    }

    fn manifest_entry(&self, kind: &Extension) -> Value {
        let mut e = Map::new();
        e.insert("kind".into(), json!(kind.kind_id()));
        e.insert("name".into(), json!(kind.name()));
        if let Some(d) = kind.description() {
            e.insert("description".into(), json!(d));
        }
        e.insert("path".into(), json!(kind.path()));
        if let Some(base) = &self.public_url {
            e.insert("url".into(), json!(format!("{base}{}", kind.path())));
        }
        if let Some((file, _)) = kind.file() {
            e.insert("file".into(), json!(file));
        }
        let jwt = if kind.jwt_secret().is_some() {
            "extension"
        } else {
            "client_secret"
        };
        let mut auth = Map::new();
        if let Extension::Panel { ext, .. } = kind {
            auth.insert("basic".into(), json!(ext.basic.is_some()));
        }
        auth.insert("jwt_secret".into(), json!(jwt));
        if let Extension::Link(l) = kind {
            auth.insert("verify_token".into(), json!(l.verify_token));
        }
        e.insert("auth".into(), Value::Object(auth));
        let locations: Vec<&str> = match (kind.panel_location(), kind.menu_locations()) {
            (Some(l), _) => vec![l.location().id()],
            (None, Some(ls)) => ls.iter().map(|l| l.id()).collect(),
            (None, None) => Vec::new(),
        };
        e.insert("locations".into(), json!(locations));
        match kind {
            Extension::Panel { ext, structure } => {
                let multiple = structure.is_multiple();
                e.insert(
                    "objects".into(),
                    json!(if multiple { "multiple" } else { "single" }),
                );
                let actions: Vec<Value> = ext
                    .actions
                    .iter()
                    .map(|a| {
                        let target = match &a.target {
                            ActionTarget::Global => json!("global"),
                            ActionTarget::Object => json!("object"),
                            ActionTarget::Field(k) => json!({"field": k}),
                        };
                        json!({"target": target, "extension": a.extension})
                    })
                    .collect();
                e.insert("actions".into(), Value::Array(actions));
            }
            Extension::CustomUi(c) => {
                let k = match c.kind {
                    CustomUiKind::Panel(_) => "panel",
                    CustomUiKind::Modal(_) => "modal",
                    CustomUiKind::FloatingWindow => "floating_window",
                    CustomUiKind::Settings => "settings",
                };
                e.insert("custom_ui_kind".into(), json!(k));
            }
            _ => {}
        }
        Value::Object(e)
    }

    /// `DEVELOPER_HUB.md`: what to enter in Developer Hub, extension by extension.
    pub fn developer_hub_summary(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# Developer Hub settings{}",
            self.name
                .as_ref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default()
        );
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "Generated by pdx. Secrets are never exported: enter them from your configuration."
        );
        if let Some(oauth) = &self.oauth {
            let url = |path: &str| match &self.public_url {
                Some(base) => format!("`{base}{path}`"),
                None => format!("your public https URL + `{path}`"),
            };
            let _ = writeln!(s, "\n## OAuth\n");
            let _ = writeln!(s, "- Callback URL: {}", url(&oauth.callback));
            let _ = writeln!(
                s,
                "- Install from your own site: link to {}",
                url(&oauth.install)
            );
        }
        for (i, entry) in self.entries.iter().enumerate() {
            let k = entry;
            let heading = match k {
                Extension::Panel { .. } => "JSON panel",
                Extension::Modal { .. } => "JSON modal",
                Extension::Link(_) => "Link action",
                Extension::CustomUi(_) => "Custom UI",
            };
            let _ = writeln!(s, "\n## {}. {heading}: {}\n", i + 1, k.name());
            let _ = writeln!(s, "- Name: `{}`", k.name());
            if let Some(d) = k.description() {
                let _ = writeln!(s, "- Description: {d}");
            }
            let url = match &self.public_url {
                Some(base) => format!("`{base}{}`", k.path()),
                None => format!("your public https URL + `{}`", k.path()),
            };
            let field = match k {
                Extension::Panel { .. } | Extension::Modal { .. } => "API endpoint",
                Extension::Link(_) => "URL",
                Extension::CustomUi(_) => "Iframe URL",
            };
            let _ = writeln!(s, "- {field}: {url}");
            if let Extension::Panel { ext, .. } = k
                && let Some(basic) = &ext.basic
            {
                let _ = writeln!(
                    s,
                    "- HTTP Basic username: `{}`; password: (your configured password)",
                    basic.username()
                );
            }
            let jwt = if k.jwt_secret().is_some() {
                "set it to this extension's own secret (from your configuration)"
            } else {
                "leave empty (the app's client secret is used)"
            };
            let _ = writeln!(s, "- JWT secret: {jwt}");
            if let Some((file, _)) = k.file() {
                let what = if matches!(k, Extension::Panel { .. }) {
                    "Data structure"
                } else {
                    "JSON schema"
                };
                let _ = writeln!(s, "- {what}: upload `{file}`");
            }
            let locations: Vec<&str> = match (k.panel_location(), k.menu_locations()) {
                (Some(l), _) => vec![l.location().label()],
                (None, Some(ls)) => ls.iter().map(|l| l.label()).collect(),
                (None, None) => Vec::new(),
            };
            if !locations.is_empty() {
                let _ = writeln!(s, "- Locations: {}", locations.join(", "));
            }
            if let Extension::Panel { ext, .. } = k {
                for a in &ext.actions {
                    let target = match &a.target {
                        ActionTarget::Global => "global action".to_owned(),
                        ActionTarget::Object => "object action".to_owned(),
                        ActionTarget::Field(f) => format!("action on field `{f}`"),
                    };
                    let _ = writeln!(s, "- Panel {target}: \"{}\"", a.extension);
                }
            }
            if let Extension::Link(l) = k
                && !l.verify_token
            {
                let _ = writeln!(s, "- WARNING: pdx does not verify this action's token");
            }
        }
        s
    }
}
