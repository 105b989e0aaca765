//! Each app extension's Developer Hub settings: name, description, endpoint path, locations, credentials and,
//! for panels, actions (Pipedrive's docs, *App extensions*: <https://pipedrive.readme.io/docs/app-extensions>).

use super::location::{Location, PanelLocation};
use crate::credentials::{BasicCredentials, JwtSecret};

/// The settings every extension form has: a description and the extension's own JWT secret (whose docs differ
/// for panels, which must have a credential of their own).
macro_rules! common_settings {
    ($($extension:ty => $jwt_secret_doc:expr),*) => {$(
        impl $extension {
            /// Sets the description (at most 150 characters).
            pub fn description(mut self, description: impl Into<String>) -> Self {
                self.description = Some(description.into());
                self
            }

            #[doc = $jwt_secret_doc]
            pub fn jwt_secret(mut self, secret: impl Into<JwtSecret>) -> Self {
                self.jwt_secret = Some(secret.into());
                self
            }
        }
    )*};
}
common_settings!(
    PanelExtension => concat!(
        "Sets the panel's own JWT secret (Developer Hub's \"JWT secret\" field): its tokens are verified with ",
        "it. A JSON panel needs HTTP Basic credentials or its own JWT secret (Developer Hub requires one): ",
        "`App::check` refuses a panel with neither. A panel with only Basic credentials verifies a token it is ",
        "sent with the app's client secret.",
    ),
    MenuExtension => "Sets the extension's own JWT secret; without one, the app's client secret verifies its tokens.",
    CustomUiExtension => "Sets the extension's own JWT secret; without one, the app's client secret verifies its tokens."
);

/// Where a panel action sits (Pipedrive's docs, *Actions in JSON panels*:
/// <https://pipedrive.readme.io/docs/json-panels-actions-in-panels>).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionTarget {
    /// The panel's green button / dropdown at its foot.
    Global,
    /// The "actions" dropdown of each object (multiple-object panels only).
    Object,
    /// One field of each object, by key.
    Field(String),
}

/// An action of a panel: a link action or a JSON modal of this app, named by its extension name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelAction {
    /// Where the action sits.
    pub target: ActionTarget,
    /// The name of the link action or JSON modal it runs.
    pub extension: String,
}

/// A JSON panel's Developer Hub settings.
///
/// A JSON panel needs HTTP Basic credentials or its own JWT secret (Developer Hub requires one): `App::check`
/// refuses a panel with neither ([`basic`](Self::basic), [`jwt_secret`](Self::jwt_secret)).
#[derive(Debug, Clone)]
pub struct PanelExtension {
    /// Name (≤ 30 characters).
    pub name: String,
    /// Description (optional, ≤ 150).
    pub description: Option<String>,
    /// Endpoint path on this server (e.g. `/panels/invoices`).
    pub path: String,
    /// The detail view it sits in.
    pub location: PanelLocation,
    /// HTTP Basic credentials, when set in Developer Hub; accepted in place of a token.
    pub basic: Option<BasicCredentials>,
    /// The panel's own JWT secret. `None` is valid only with [`basic`](Self::basic) credentials (a JSON panel
    /// needs HTTP Basic credentials or its own JWT secret (Developer Hub requires one)); such a panel verifies a
    /// token it is sent with the app's client secret.
    pub jwt_secret: Option<JwtSecret>,
    /// Actions added to the panel in Developer Hub.
    pub actions: Vec<PanelAction>,
}

impl PanelExtension {
    /// A panel with a name, endpoint path and location; no credentials yet: give it its own JWT secret or HTTP
    /// Basic credentials.
    pub fn new(name: impl Into<String>, path: impl Into<String>, location: PanelLocation) -> Self {
        Self {
            name: name.into(),
            description: None,
            path: path.into(),
            location,
            basic: None,
            jwt_secret: None,
            actions: Vec::new(),
        }
    }

    /// Sets HTTP Basic credentials (Developer Hub's username and password): Pipedrive sends them on every
    /// request, and pdx accepts them in place of a token. With them the panel needs no JWT secret of its own.
    pub fn basic(mut self, credentials: BasicCredentials) -> Self {
        self.basic = Some(credentials);
        self
    }

    /// Adds an action running the link action or JSON modal named `extension`.
    pub fn action(mut self, target: ActionTarget, extension: impl Into<String>) -> Self {
        self.actions.push(PanelAction {
            target,
            extension: extension.into(),
        });
        self
    }
}

/// A menu extension's (JSON modal, link action) Developer Hub settings.
#[derive(Debug, Clone)]
pub struct MenuExtension {
    /// Name (≤ 30 characters, sentence case): the menu label.
    pub name: String,
    /// Description (optional, ≤ 150).
    pub description: Option<String>,
    /// Endpoint path on this server.
    pub path: String,
    /// Where it appears in menus; may be empty when only a panel action uses it.
    pub locations: Vec<Location>,
    /// The extension's own JWT secret; `None` means the app's client secret.
    pub jwt_secret: Option<JwtSecret>,
}

impl MenuExtension {
    /// A menu extension with a name, endpoint path and locations.
    pub fn new(
        name: impl Into<String>,
        path: impl Into<String>,
        locations: impl IntoIterator<Item = Location>,
    ) -> Self {
        Self {
            name: name.into(),
            description: None,
            path: path.into(),
            locations: locations.into_iter().collect(),
            jwt_secret: None,
        }
    }
}

/// A JSON modal's Developer Hub settings.
pub type ModalExtension = MenuExtension;

/// A link action's Developer Hub settings, plus whether pdx verifies its token.
#[derive(Debug, Clone)]
pub struct LinkActionExtension {
    /// The common settings.
    pub menu: MenuExtension,
    pub(crate) verify_token: bool,
    pub(crate) login_url: Option<String>,
}

impl LinkActionExtension {
    /// A link action; its `token` is verified.
    pub fn new(
        name: impl Into<String>,
        path: impl Into<String>,
        locations: impl IntoIterator<Item = Location>,
    ) -> Self {
        Self {
            menu: MenuExtension::new(name, path, locations),
            verify_token: true,
            login_url: None,
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.menu = self.menu.description(description);
        self
    }

    /// Sets the extension's own JWT secret.
    pub fn jwt_secret(mut self, secret: impl Into<JwtSecret>) -> Self {
        self.menu = self.menu.jwt_secret(secret);
        self
    }

    /// Turns token verification OFF: anyone who knows the URL can call the action on behalf of any user and
    /// company. Pipedrive's *Link actions* page shows no `token` parameter, but Developer Hub's form has a JWT
    /// secret field, so pdx verifies by default; this switch exists only in case Pipedrive turns out not to sign
    /// link actions. The handler then gets no verified user, and the app check warns.
    pub fn insecure_skip_token_verification(mut self) -> Self {
        self.verify_token = false;
        self
    }

    /// Where to send the user's browser when its request cannot be verified (no token, a bad or expired one),
    /// instead of an HTML error page. Pipedrive's docs, *Link actions*: "If the user isn't logged in to your
    /// app, the URL must redirect to your app's login or register an account page".
    pub fn login_url(mut self, url: impl Into<String>) -> Self {
        self.login_url = Some(url.into());
        self
    }

    /// Whether the token is verified.
    pub fn verifies_token(&self) -> bool {
        self.verify_token
    }
}

/// The kind of a custom UI extension (an iframe).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CustomUiKind {
    /// A custom panel in a detail view (counts as that view's one panel).
    Panel(PanelLocation),
    /// A custom modal, with its menu locations (may be empty when opened only from the SDK).
    Modal(Vec<Location>),
    /// A floating window.
    FloatingWindow,
    /// The app's settings page.
    Settings,
}

/// A custom UI extension's Developer Hub settings.
#[derive(Debug, Clone)]
pub struct CustomUiExtension {
    /// Name (≤ 30 characters).
    pub name: String,
    /// Description (optional, ≤ 150).
    pub description: Option<String>,
    /// Iframe path on this server.
    pub path: String,
    /// What it is.
    pub kind: CustomUiKind,
    /// The extension's own JWT secret; `None` means the app's client secret.
    pub jwt_secret: Option<JwtSecret>,
    /// The height in pixels the page passes to the SDK's `initialize` (panels: 100–750; floating windows:
    /// 70–700; modals: at least 120).
    pub height: Option<u32>,
    /// The width in pixels the page passes to the SDK's `initialize` (floating windows: 200–800; modals: at
    /// least 320; a panel's width is fixed by Pipedrive).
    pub width: Option<u32>,
}

impl CustomUiExtension {
    /// A custom UI extension.
    pub fn new(name: impl Into<String>, path: impl Into<String>, kind: CustomUiKind) -> Self {
        Self {
            name: name.into(),
            description: None,
            path: path.into(),
            kind,
            jwt_secret: None,
            height: None,
            width: None,
        }
    }

    /// The height the page asks for in the SDK's `initialize({ size: { height } })`, checked against the
    /// kind's range (Pipedrive's docs, *Custom UI extensions*: <https://pipedrive.readme.io/docs/custom-ui-extensions>).
    pub fn height(mut self, px: u32) -> Self {
        self.height = Some(px);
        self
    }

    /// The size the page asks for in the SDK's `initialize({ size: { width, height } })` (modals and floating
    /// windows), checked against the kind's ranges.
    pub fn size(mut self, width: u32, height: u32) -> Self {
        self.width = Some(width);
        self.height = Some(height);
        self
    }
}
