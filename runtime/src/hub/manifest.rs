//! `manifest.json`: the app as registered in Developer Hub, machine-readable.
//!
//! Its shape, version [`MANIFEST_VERSION`]: `manifest_version`; `name`, `public_url`, `settings_url`;
//! `extensions` (each with `kind`, `name`, `description`, `path`, `url`, `file`, `auth`, `locations`, and per
//! kind `objects`, `actions`, `custom_ui_kind`, `size`; then the OAuth routes as `oauth_install` and
//! `oauth_callback`, and the declared webhooks as `webhook` with `event`, `event_action`, `event_object` and
//! the receiver's `path` and `url`); `registration`, one object per Developer Hub tab (`basic_info`, `oauth_and_access_scopes`,
//! `general_info`, `setup_and_installation`, `support_and_legal_info`, `app_review_info`) when the app declares
//! it; `secrets`, where each secret goes (never its value). A new version is written when a field changes
//! meaning or goes away; new fields may appear within a version.

use super::registration::{Registration, key};
use super::{ActionTarget, AppExtensions, CustomUiKind, Extension};
use serde_json::{Map, Value, json};

/// The version of the manifest's shape.
pub const MANIFEST_VERSION: u64 = 1;

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
        if let Some((path, declared)) = &self.webhooks {
            for webhook in declared {
                let mut entry = self.oauth_entry("webhook", path);
                if let Value::Object(fields) = &mut entry {
                    fields.insert("event".into(), json!(webhook.event()));
                    fields.insert("event_action".into(), json!(webhook.action.as_str()));
                    fields.insert("event_object".into(), json!(webhook.object.as_str()));
                }
                extensions.push(entry);
            }
        }
        let mut root = Map::new();
        root.insert("manifest_version".into(), json!(MANIFEST_VERSION));
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
        if let Some(registration) = &self.registration {
            root.insert("registration".into(), self.registration_json(registration));
        }
        root.insert("secrets".into(), self.secrets_json());
        Value::Object(root)
    }

    /// An OAuth route's (or the webhook receiver's) entry: its kind, path and, with a public URL, its URL.
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
            if let Some(basic) = &ext.basic {
                auth.insert("basic_username".into(), json!(basic.username()));
            }
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
            Extension::CustomUi(c) => custom_ui_fields(&mut e, c),
            _ => {}
        }
        Value::Object(e)
    }
}

impl AppExtensions {
    /// The registration, one object per Developer Hub tab (see the module docs).
    fn registration_json(&self, reg: &Registration) -> Value {
        let scopes: Vec<Value> = reg
            .scopes
            .iter()
            .map(|d| {
                json!({key::SCOPE: d.scope.id(), key::HUB_NAME: d.scope.hub_name(), key::REASON: d.reason})
            })
            .collect();
        let listing = &reg.listing;
        let (icon, images) = self.image_files();
        let links = &reg.support;
        let tested: Vec<&str> = reg.tested.iter().map(|s| s.id()).collect();
        let mut root = Map::new();
        let mut tab = |name: &str, fields: Value| {
            root.insert(name.to_owned(), without_nulls(fields));
        };
        tab(
            key::BASIC_INFO,
            json!({key::CALLBACK_URL: self.callback_url()}),
        );
        tab(
            key::OAUTH,
            json!({key::SCOPES: scopes, key::INSTALLATION_URL: reg.installation_url}),
        );
        tab(
            key::GENERAL_INFO,
            json!({
                key::BUILT_BY: listing.built_by,
                key::CATEGORIES: listing.categories,
                key::SHORT_SUMMARY: listing.short_summary,
                key::ICON: icon,
                key::LISTING_IMAGES: images,
                key::DESCRIPTION: listing.description,
                key::VIDEO_URL: listing.video_url,
            }),
        );
        tab(
            key::SETUP,
            json!({key::INSTRUCTIONS: reg.setup_instructions}),
        );
        tab(
            key::SUPPORT,
            json!({
                key::WEBSITE: links.website,
                key::TERMS: links.terms_of_service,
                key::PRIVACY: links.privacy_policy,
                key::PRICING: links.pricing,
                key::SUPPORT_URL: links.support_url,
                key::SUPPORT_EMAIL: links.support_email,
                key::DOCUMENTATION: links.documentation,
                key::ISSUE_TRACKER: links.issue_tracker,
            }),
        );
        tab(
            key::REVIEW,
            json!({
                key::CONTACT_EMAIL: reg.contact_email,
                key::USE_CASE: reg.use_case,
                key::TESTED: tested,
                key::RECORDING_URL: reg.recording_url,
            }),
        );
        Value::Object(root)
    }

    /// Where each secret goes, as `{"secret", "developer_hub", "app"}` objects.
    fn secrets_json(&self) -> Value {
        let list: Vec<Value> = self
            .secret_places()
            .into_iter()
            .map(|s| json!({"secret": s.secret, "developer_hub": s.developer_hub, "app": s.app}))
            .collect();
        Value::Array(list)
    }
}

/// Drops the `null` members of an object: an optional field the app left out is absent, not `null`.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).collect())
        }
        other => other,
    }
}

/// A custom UI extension's kind and the size its page asks the SDK for.
fn custom_ui_fields(e: &mut Map<String, Value>, c: &super::CustomUiExtension) {
    let k = match c.kind {
        CustomUiKind::Panel(_) => "panel",
        CustomUiKind::Modal(_) => "modal",
        CustomUiKind::FloatingWindow => "floating_window",
        _ => "settings",
    };
    e.insert("custom_ui_kind".into(), json!(k));
    let mut size = Map::new();
    if let Some(w) = c.width {
        size.insert("width".into(), json!(w));
    }
    if let Some(h) = c.height {
        size.insert("height".into(), json!(h));
    }
    if !size.is_empty() {
        e.insert("size".into(), Value::Object(size));
    }
}
