//! Developer Hub: an app's extensions as registered there (names, descriptions, endpoint paths, locations,
//! credentials, panel actions), the rules Developer Hub enforces on all of them at once, and the export: every
//! file to upload, `manifest.json` and `DEVELOPER_HUB.md` (what to enter in each form).
//!
//! With a [`Registration`] (listing, scopes, setup instructions, support and legal links, review info) the app
//! carries the whole registration form: the checks apply every rule of the form, and the export is the complete
//! registration sheet, in the form's order. [`check_export`] tells whether a committed export is still what the
//! app exports; [`review_export`] reads an export folder and reports everything that would stop the app at
//! registration or review (what `pdx review` prints).
//!
//! This is the format layer's view of an app: it needs no server. The `server` feature's `App` builds one of
//! these from its registrations, so an app served by pdx and an app only exported by it are checked alike.
//!
//! ```
//! use pdx::hub::{AppExtensions, LinkActionExtension, Location};
//! let app = AppExtensions::new()
//!     .name("Demo")
//!     .link_action(LinkActionExtension::new("Open invoices", "/open", [Location::DealsList]));
//! assert!(app.check().is_empty());
//! assert_eq!(app.manifest()["extensions"][0]["kind"], "link_action");
//! ```

mod check;
mod export;
mod extension;
mod freshness;
mod image;
pub mod limits;
mod location;
mod manifest;
#[cfg(feature = "validate")]
mod read_manifest;
mod registration;
mod registration_check;
#[cfg(feature = "validate")]
mod review;
mod sheet;

pub use export::{ExportError, MANIFEST_FILE, SHEET_FILE};
pub use extension::{
    ActionTarget, CustomUiExtension, CustomUiKind, LinkActionExtension, MenuExtension,
    ModalExtension, PanelAction, PanelExtension,
};
pub use freshness::{StaleFile, Staleness, check_export, update_export};
pub use location::{Location, PanelLocation};
pub use manifest::MANIFEST_VERSION;
/// The registration's keys in `manifest.json`, for pointers from outside `hub` (the API's scope check).
#[cfg_attr(not(feature = "install"), allow(unused_imports))]
pub(crate) use registration::key as registration_key;
pub use registration::{
    DeclaredScope, Image, InstallScenario, Listing, Registration, SupportLinks,
};
#[cfg(feature = "validate")]
pub use review::{ReviewError, ReviewProblem, review_export};
pub use sheet::{CLIENT_ID_ENV, CLIENT_SECRET_ENV};

use crate::credentials::JwtSecret;
use crate::modal::{JsonModal, ModalSchema};
use crate::panel::{self, DataStructure, JsonPanel};
use crate::problem::Problems;
use std::borrow::Cow;

/// One registered extension, with the file it uploads.
#[derive(Debug, Clone)]
pub(crate) enum Extension {
    Panel {
        ext: PanelExtension,
        structure: Cow<'static, DataStructure>,
    },
    Modal {
        ext: ModalExtension,
        schema: Cow<'static, ModalSchema>,
    },
    Link(LinkActionExtension),
    CustomUi(CustomUiExtension),
}

/// The paths of the OAuth routes an app serves, listed in `manifest.json` (Developer Hub's "Callback URL" is the
/// callback's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthPaths {
    /// Where an install started from the app's own site begins (redirects to Pipedrive's authorize page).
    pub install: String,
    /// The OAuth callback URL's path (also where Pipedrive sends the uninstall `DELETE`).
    pub callback: String,
}

/// An app's extensions as registered in Developer Hub. See the module docs.
#[derive(Debug, Clone, Default)]
pub struct AppExtensions {
    pub(crate) name: Option<String>,
    pub(crate) public_url: Option<String>,
    pub(crate) oauth: Option<OAuthPaths>,
    pub(crate) settings_url: Option<String>,
    pub(crate) entries: Vec<Extension>,
    pub(crate) registration: Option<Registration>,
    /// The webhook receiver's path and the webhooks the app declares.
    pub(crate) webhooks: Option<(String, Vec<crate::webhooks::DeclaredWebhook>)>,
}

impl AppExtensions {
    /// No extensions yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The app's name (shown in the Developer Hub summary).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The public base URL (`https://…`) the app is served at: endpoint URLs in the export are this plus each
    /// extension's path.
    pub fn public_url(mut self, url: impl Into<String>) -> Self {
        self.public_url = Some(url.into().trim_end_matches('/').to_owned());
        self
    }

    /// The app's settings page as an external link (Developer Hub's "App settings" URL). The other way is a
    /// custom UI extension of kind [`CustomUiKind::Settings`]; an app has one or the other.
    pub fn settings_url(mut self, url: impl Into<String>) -> Self {
        self.settings_url = Some(url.into());
        self
    }

    /// The OAuth install and callback paths, listed in the manifest.
    pub fn oauth_paths(mut self, paths: OAuthPaths) -> Self {
        self.oauth = Some(paths);
        self
    }

    /// The webhook receiver's path and the webhooks the app declares for every installation: listed in the
    /// manifest (kind `webhook`) and checked (at most 40, an https receiver, no subscription twice).
    pub fn webhooks(
        mut self,
        receiver_path: impl Into<String>,
        declared: Vec<crate::webhooks::DeclaredWebhook>,
    ) -> Self {
        self.webhooks = Some((receiver_path.into(), declared));
        self
    }

    /// The webhook receiver's public URL (the public URL and the receiver's path), when webhooks are declared
    /// and the app has a public URL.
    pub fn webhook_receiver_url(&self) -> Option<String> {
        let (path, _) = self.webhooks.as_ref()?;
        let base = self.public_url.as_ref()?;
        Some(format!("{base}{path}"))
    }

    /// The scopes the declared webhooks need against the registration's (see
    /// [`check_scopes`](crate::webhooks::check_scopes)); nothing without a registration.
    pub fn webhook_scope_check(&self) -> Problems {
        match &self.registration {
            Some(registration) => {
                let declared: Vec<_> = registration
                    .scopes()
                    .iter()
                    .map(|d| d.scope.clone())
                    .collect();
                crate::webhooks::check_scopes(self.declared_webhooks(), &declared)
            }
            None => Problems::new(),
        }
    }

    /// The webhooks the app declares.
    pub fn declared_webhooks(&self) -> &[crate::webhooks::DeclaredWebhook] {
        self.webhooks.as_ref().map_or(&[], |(_, d)| d.as_slice())
    }

    /// The rest of the registration form: listing, scopes, setup instructions, support and legal links, review
    /// info. With it, [`AppExtensions::check`] applies every rule of the form and the export writes the whole
    /// registration sheet.
    pub fn registration(mut self, registration: Registration) -> Self {
        self.registration = Some(registration);
        self
    }

    /// The registration form's values, when declared.
    pub fn registration_form(&self) -> Option<&Registration> {
        self.registration.as_ref()
    }

    /// The callback URL of the OAuth routes the app serves: its public URL and callback path.
    pub(crate) fn served_callback_url(&self) -> Option<String> {
        let base = self.public_url.as_ref()?;
        let oauth = self.oauth.as_ref()?;
        Some(format!("{base}{}", oauth.callback))
    }

    /// The callback URL to enter in Developer Hub: the served one, else the registration's.
    pub(crate) fn callback_url(&self) -> Option<String> {
        self.served_callback_url().or_else(|| {
            self.registration
                .as_ref()
                .and_then(|r| r.callback_url.clone())
        })
    }

    /// Adds a JSON panel whose objects are `T`. Actions the type names (`#[panel(action = ...)]`) join those
    /// set on `ext`.
    pub fn json_panel<T: JsonPanel>(mut self, ext: PanelExtension) -> Self {
        self.push_panel::<T>(ext);
        self
    }

    pub(crate) fn push_panel<T: JsonPanel>(&mut self, mut ext: PanelExtension) {
        for named in T::actions() {
            let target = match named.target {
                panel::ActionTarget::Global => ActionTarget::Global,
                panel::ActionTarget::Object => ActionTarget::Object,
                panel::ActionTarget::Field(key) => ActionTarget::Field(key.to_owned()),
            };
            let action = PanelAction {
                target,
                extension: named.name.to_owned(),
            };
            if !ext.actions.contains(&action) {
                ext.actions.push(action);
            }
        }
        let structure = Cow::Borrowed(T::data_structure());
        self.entries.push(Extension::Panel { ext, structure });
    }

    /// Adds a JSON modal whose blocks are `M`.
    pub fn json_modal<M: JsonModal>(mut self, ext: ModalExtension) -> Self {
        self.push_modal::<M>(ext);
        self
    }

    pub(crate) fn push_modal<M: JsonModal>(&mut self, ext: ModalExtension) {
        let schema = Cow::Borrowed(M::schema());
        self.entries.push(Extension::Modal { ext, schema });
    }

    /// Adds a link action.
    pub fn link_action(mut self, ext: LinkActionExtension) -> Self {
        self.entries.push(Extension::Link(ext));
        self
    }

    /// Adds a custom UI extension.
    pub fn custom_ui(mut self, ext: CustomUiExtension) -> Self {
        self.entries.push(Extension::CustomUi(ext));
        self
    }

    /// Checks everything Developer Hub enforces, on every extension at once. Pointers are into the manifest:
    /// `/extensions/<index in registration order>/<field>`.
    pub fn check(&self) -> Problems {
        let mut problems = check::check_app(self);
        if self.webhooks.is_some() {
            problems.extend(crate::webhooks::check_declared(
                self.declared_webhooks(),
                self.webhook_receiver_url().as_deref(),
            ));
        }
        problems
    }
}

impl Extension {
    pub(crate) fn name(&self) -> &str {
        match self {
            Extension::Panel { ext, .. } => &ext.name,
            Extension::Modal { ext, .. } => &ext.name,
            Extension::Link(l) => &l.menu.name,
            Extension::CustomUi(c) => &c.name,
        }
    }

    pub(crate) fn description(&self) -> Option<&str> {
        match self {
            Extension::Panel { ext, .. } => ext.description.as_deref(),
            Extension::Modal { ext, .. } => ext.description.as_deref(),
            Extension::Link(l) => l.menu.description.as_deref(),
            Extension::CustomUi(c) => c.description.as_deref(),
        }
    }

    pub(crate) fn path(&self) -> &str {
        match self {
            Extension::Panel { ext, .. } => &ext.path,
            Extension::Modal { ext, .. } => &ext.path,
            Extension::Link(l) => &l.menu.path,
            Extension::CustomUi(c) => &c.path,
        }
    }

    pub(crate) fn jwt_secret(&self) -> Option<&JwtSecret> {
        match self {
            Extension::Panel { ext, .. } => ext.jwt_secret.as_ref(),
            Extension::Modal { ext, .. } => ext.jwt_secret.as_ref(),
            Extension::Link(l) => l.menu.jwt_secret.as_ref(),
            Extension::CustomUi(c) => c.jwt_secret.as_ref(),
        }
    }

    /// The `kind` written in `manifest.json`.
    pub(crate) fn kind_id(&self) -> &'static str {
        match self {
            Extension::Panel { .. } => "json_panel",
            Extension::Modal { .. } => "json_modal",
            Extension::Link(_) => "link_action",
            Extension::CustomUi(_) => "custom_ui",
        }
    }

    /// Menu locations, for menu extensions only.
    pub(crate) fn menu_locations(&self) -> Option<&[Location]> {
        match self {
            Extension::Modal { ext, .. } => Some(&ext.locations),
            Extension::Link(l) => Some(&l.menu.locations),
            Extension::CustomUi(CustomUiExtension {
                kind: CustomUiKind::Modal(locations),
                ..
            }) => Some(locations),
            _ => None,
        }
    }

    pub(crate) fn panel_location(&self) -> Option<PanelLocation> {
        match self {
            Extension::Panel { ext, .. } => Some(ext.location),
            Extension::CustomUi(CustomUiExtension {
                kind: CustomUiKind::Panel(l),
                ..
            }) => Some(*l),
            _ => None,
        }
    }
}
