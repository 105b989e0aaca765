//! `DEVELOPER_HUB.md`: the registration sheet. Every value of Developer Hub's registration form for a public
//! app, tab by tab in the form's order, ready to paste (in code spans and blocks, no trailing spaces), and where
//! each secret goes, never its value.

use super::registration::{Image, InstallScenario, Registration};
use super::{ActionTarget, AppExtensions, CustomUiKind, Extension};
use std::fmt::Write as _;

/// Where pdx's install configuration (`InstallConfig::from_env`) reads the app's client ID.
pub const CLIENT_ID_ENV: &str = "PDX_CLIENT_ID";
/// Where pdx's install configuration (`InstallConfig::from_env`) reads the app's client secret.
pub const CLIENT_SECRET_ENV: &str = "PDX_CLIENT_SECRET";

/// One secret of the form: what it is, where it goes in Developer Hub, where the app gets it.
pub(crate) struct SecretPlace {
    pub(crate) secret: String,
    pub(crate) developer_hub: String,
    pub(crate) app: String,
}

/// `value` as an inline code span (longer backtick fences when the value holds backticks), or `(not set)`.
fn code(value: &str) -> String {
    let longest = longest_backtick_run(value);
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{value}{fence}")
    } else {
        format!("{fence} {value} {fence}")
    }
}

/// `value` as a fenced block of text, each line without trailing spaces.
fn block(value: &str) -> String {
    let fence = "`".repeat(longest_backtick_run(value).max(2) + 1);
    let body: Vec<&str> = value.lines().map(str::trim_end).collect();
    format!("{fence}text\n{}\n{fence}", body.join("\n"))
}

fn longest_backtick_run(value: &str) -> usize {
    value.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

fn heading(kind: &Extension) -> &'static str {
    match kind {
        Extension::Panel { .. } => "JSON panel",
        Extension::Modal { .. } => "JSON modal",
        Extension::Link(_) => "Link action",
        Extension::CustomUi(c) => match c.kind {
            CustomUiKind::Panel(_) => "Custom panel",
            CustomUiKind::Modal(_) => "Custom modal",
            CustomUiKind::FloatingWindow => "Custom floating window",
            _ => "App settings (custom UI)",
        },
    }
}

impl AppExtensions {
    /// A URL on the app's public URL, as a code span, or what to enter when no public URL is known.
    fn public(&self, path: &str) -> String {
        match &self.public_url {
            Some(base) => code(&format!("{base}{path}")),
            None => format!("your public https URL + {}", code(path)),
        }
    }

    /// The exported file names of the icon and listing images (named as Pipedrive's SEO tip suggests:
    /// `<app>-pipedrive-integration`, numbered for listing images).
    pub(crate) fn image_files(&self) -> (Option<String>, Vec<String>) {
        let Some(reg) = &self.registration else {
            return (None, Vec::new());
        };
        let stem = format!(
            "{}-pipedrive-integration",
            super::export::slug(self.name.as_deref().unwrap_or("app"))
        );
        let extension = |image: &Image| image.load().map_or("png", |l| l.extension);
        let icon = reg
            .listing
            .icon
            .as_ref()
            .map(|i| format!("{stem}.{}", extension(i)));
        let images = reg
            .listing
            .images
            .iter()
            .enumerate()
            .map(|(n, i)| format!("{stem}-{}.{}", n + 1, extension(i)))
            .collect();
        (icon, images)
    }

    /// Every secret of the form and where it goes: the client ID and secret, each extension's own JWT secret,
    /// each panel's HTTP Basic password.
    pub(crate) fn secret_places(&self) -> Vec<SecretPlace> {
        let oauth = "OAuth & access scopes (Developer Hub makes it)";
        let mut places = vec![
            SecretPlace {
                secret: "Client ID".into(),
                developer_hub: oauth.into(),
                app: format!("pdx reads it from `{CLIENT_ID_ENV}`"),
            },
            SecretPlace {
                secret: "Client secret".into(),
                developer_hub: oauth.into(),
                app: format!("pdx reads it from `{CLIENT_SECRET_ENV}`"),
            },
        ];
        for entry in &self.entries {
            let at = format!("App extensions > {} `{}`", heading(entry), entry.name());
            if entry.jwt_secret().is_some() {
                places.push(SecretPlace {
                    secret: format!("JWT secret of `{}`", entry.name()),
                    developer_hub: format!("{at} > JWT secret (choose one)"),
                    app: "the value the app passes to `.jwt_secret(...)`".into(),
                });
            }
            if let Extension::Panel { ext, .. } = entry
                && ext.basic.is_some()
            {
                places.push(SecretPlace {
                    secret: format!("HTTP Auth password of `{}`", entry.name()),
                    developer_hub: format!("{at} > HTTP Auth password (choose one)"),
                    app: "the password the app passes to `BasicCredentials::new`".into(),
                });
            }
        }
        places
    }

    /// `DEVELOPER_HUB.md`: the registration sheet, tab by tab in the form's order (see the module docs).
    pub fn developer_hub_summary(&self) -> String {
        let mut s = String::new();
        let name = self.name.as_deref().unwrap_or("(no app name)");
        let _ = writeln!(s, "# Developer Hub registration sheet: {}\n", code(name));
        let _ = writeln!(
            s,
            "Generated by pdx from the app's code. Enter each value in Developer Hub's registration form, tab by \
             tab: copy what is inside the code spans and blocks. Secrets are never written here: \"Secrets\" says \
             where each one goes."
        );
        if self.registration.is_none() {
            let _ = writeln!(
                s,
                "\nThe app declares no registration (listing, scopes, support links, review info): only the \
                 callback and the extensions are listed."
            );
        }
        self.sheet_oauth(&mut s);
        let _ = writeln!(s, "\n## App extensions");
        if self.entries.is_empty() {
            let _ = writeln!(s, "\nNone.");
        }
        for (i, entry) in self.entries.iter().enumerate() {
            self.sheet_extension(&mut s, i, entry);
        }
        self.sheet_settings(&mut s);
        if let Some(reg) = &self.registration {
            self.sheet_general_info(&mut s, reg);
            sheet_setup_support_review(&mut s, reg);
        }
        let _ = writeln!(s, "\n## Secrets\n");
        let _ = writeln!(s, "| Secret | In Developer Hub | In the app |");
        let _ = writeln!(s, "| --- | --- | --- |");
        for place in self.secret_places() {
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                place.secret, place.developer_hub, place.app
            );
        }
        s
    }

    /// *Basic info* and *OAuth & access scopes*.
    fn sheet_oauth(&self, s: &mut String) {
        let _ = writeln!(s, "\n## Basic info\n");
        let name = self.name.as_deref().map_or("(not set)".to_owned(), code);
        let _ = writeln!(s, "- App name: {name}");
        let callback = self
            .callback_url()
            .map_or("(not set)".to_owned(), |u| code(&u));
        let _ = writeln!(s, "- Callback URL: {callback}");
        let Some(reg) = &self.registration else {
            return;
        };
        let _ = writeln!(s, "\n## OAuth & access scopes\n");
        let _ = writeln!(s, "- Access scopes (tick these, and only these):");
        for declared in &reg.scopes {
            let label = declared
                .scope
                .hub_name()
                .unwrap_or("(not a Pipedrive scope)");
            let _ = writeln!(
                s,
                "  - {label} ({}): {}",
                code(declared.scope.id()),
                declared.reason.trim()
            );
        }
        match (&reg.installation_url, &self.oauth) {
            (Some(url), _) => {
                let _ = writeln!(s, "- Installation URL: {}", code(url));
            }
            (None, Some(oauth)) => {
                let _ = writeln!(
                    s,
                    "- Installation URL: leave empty (installs start in the Marketplace); to start them on your \
                     site, use {}",
                    self.public(&oauth.install)
                );
            }
            (None, None) => {
                let _ = writeln!(s, "- Installation URL: leave empty");
            }
        }
        let _ = writeln!(
            s,
            "- Client ID and client secret: Developer Hub shows them here; see \"Secrets\""
        );
    }

    /// One extension's form.
    fn sheet_extension(&self, s: &mut String, i: usize, k: &Extension) {
        let _ = writeln!(s, "\n### {}. {}: {}\n", i + 1, heading(k), code(k.name()));
        let _ = writeln!(s, "- Name: {}", code(k.name()));
        if let Some(d) = k.description() {
            let _ = writeln!(s, "- Description: {}", code(d));
        }
        let field = match k {
            Extension::Panel { .. } | Extension::Modal { .. } => "API endpoint",
            Extension::Link(_) => "URL link",
            Extension::CustomUi(_) => "Iframe URL",
        };
        let _ = writeln!(s, "- {field}: {}", self.public(k.path()));
        if let Extension::Panel { ext, .. } = k
            && let Some(basic) = &ext.basic
        {
            let _ = writeln!(
                s,
                "- HTTP Auth username: {}; password: see \"Secrets\"",
                code(basic.username())
            );
        }
        let jwt = if k.jwt_secret().is_some() {
            "this extension's own secret: see \"Secrets\""
        } else {
            "leave empty (the client secret is used)"
        };
        let _ = writeln!(s, "- JWT secret: {jwt}");
        if let Some((file, _)) = k.file() {
            let what = if matches!(k, Extension::Panel { .. }) {
                "JSON data structure"
            } else {
                "JSON schema"
            };
            let _ = writeln!(s, "- {what}: upload {}", code(&file));
        }
        let locations: Vec<&str> = match (k.panel_location(), k.menu_locations()) {
            (Some(l), _) => vec![l.location().label()],
            (None, Some(ls)) => ls.iter().map(|l| l.label()).collect(),
            (None, None) => Vec::new(),
        };
        if !locations.is_empty() {
            let _ = writeln!(s, "- Locations: {}", locations.join(", "));
        }
        if let Extension::CustomUi(c) = k {
            match (c.width, c.height) {
                (Some(w), Some(h)) => {
                    let _ = writeln!(s, "- Size the page asks the SDK for: {w}×{h} px");
                }
                (None, Some(h)) => {
                    let _ = writeln!(s, "- Height the page asks the SDK for: {h} px");
                }
                _ => {}
            }
        }
        if let Extension::Panel { ext, .. } = k {
            for a in &ext.actions {
                let target = match &a.target {
                    ActionTarget::Global => "Global action".to_owned(),
                    ActionTarget::Object => "Object action".to_owned(),
                    ActionTarget::Field(f) => format!("Action on field {}", code(f)),
                };
                let _ = writeln!(s, "- {target}: {}", code(&a.extension));
            }
        }
        if let Extension::Link(l) = k
            && !l.verify_token
        {
            let _ = writeln!(s, "- WARNING: pdx does not verify this action's token");
        }
    }

    /// *App settings*: an external link, a custom UI page, or none.
    fn sheet_settings(&self, s: &mut String) {
        let _ = writeln!(s, "\n## App settings\n");
        let custom = self
            .entries
            .iter()
            .find(|e| matches!(e, Extension::CustomUi(c) if c.kind == CustomUiKind::Settings));
        match (&self.settings_url, custom) {
            (Some(url), _) => {
                let _ = writeln!(s, "- Type: External link\n- URL: {}", code(url));
            }
            (None, Some(page)) => {
                let _ = writeln!(
                    s,
                    "- Type: Custom UI\n- Iframe URL: {}\n- JWT secret: see the extension {} above",
                    self.public(page.path()),
                    code(page.name())
                );
            }
            (None, None) => {
                let _ = writeln!(s, "- None");
            }
        }
    }

    /// *General info*: the listing.
    fn sheet_general_info(&self, s: &mut String, reg: &Registration) {
        let listing = &reg.listing;
        let (icon, images) = self.image_files();
        let _ = writeln!(s, "\n## General info\n");
        if let Some(company) = &listing.built_by {
            let _ = writeln!(s, "- Built by: {} (set in Company settings)", code(company));
        }
        let categories: Vec<String> = listing.categories.iter().map(|c| code(c)).collect();
        let _ = writeln!(s, "- App category: {}", categories.join(", "));
        let _ = writeln!(s, "- Short summary: {}", code(&listing.short_summary));
        if let Some(icon) = icon {
            let _ = writeln!(s, "- App icon: upload {}", code(&icon));
        }
        let _ = writeln!(s, "- App listing images: upload, in this order:");
        for (n, image) in images.iter().enumerate() {
            let _ = writeln!(s, "  {}. {}", n + 1, code(image));
        }
        let _ = writeln!(s, "- Full description:\n\n{}", block(&listing.description));
        if let Some(url) = &listing.video_url {
            let _ = writeln!(s, "- YouTube video link: {}", code(url));
        }
    }
}

/// *Setup and installation*, *Support and legal info*, *App review info*.
fn sheet_setup_support_review(s: &mut String, reg: &Registration) {
    let _ = writeln!(s, "\n## Setup and installation\n");
    match &reg.setup_instructions {
        Some(text) => {
            let _ = writeln!(s, "- Instructions for users:\n\n{}", block(text));
        }
        None => {
            let _ = writeln!(s, "- Instructions for users: (not set)");
        }
    }
    let links = &reg.support;
    let _ = writeln!(s, "\n## Support and legal info\n");
    for (label, value) in [
        ("Website URL", Some(&links.website)),
        ("Terms of Service URL", Some(&links.terms_of_service)),
        ("Privacy Policy URL", Some(&links.privacy_policy)),
        ("Pricing page URL", links.pricing.as_ref()),
        ("Support URL", links.support_url.as_ref()),
        ("Support email", links.support_email.as_ref()),
        ("Documentation URL", links.documentation.as_ref()),
        ("Issue tracker URL", links.issue_tracker.as_ref()),
    ] {
        let value = value.map_or("(not set)".to_owned(), |v| code(v));
        let _ = writeln!(s, "- {label}: {value}");
    }
    let _ = writeln!(s, "\n## App review info\n");
    let email = reg
        .contact_email
        .as_deref()
        .map_or("(not set)".to_owned(), code);
    let _ = writeln!(s, "- Main contact email: {email}");
    if let Some(text) = &reg.use_case {
        let _ = writeln!(s, "- Use case:\n\n{}\n", block(text));
    }
    let _ = writeln!(s, "- Installation flows (the review tests all three):");
    for scenario in InstallScenario::ALL {
        let mark = if reg.tested.contains(&scenario) {
            "tested"
        } else {
            "NOT TESTED"
        };
        let _ = writeln!(s, "  - {mark}: {}", scenario.description());
    }
    if let Some(url) = &reg.recording_url {
        let _ = writeln!(s, "- Installation flow recording URL: {}", code(url));
    }
}
