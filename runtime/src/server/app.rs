//! [`App`]: a whole Pipedrive app — every extension's Developer Hub settings with its axum handler — checked
//! against Developer Hub's rules at once, exported as the files to upload, and served as a plain
//! [`axum::Router`].

use super::handler::{ModalHandler, PanelHandler};
use super::layer::{Endpoint, ExtensionLayer};
use super::settings::{DEFAULT_DEADLINE, ResponseChecks, Settings};
use crate::auth::AuthConfig;
use crate::context::Surface;
use crate::credentials::{BasicCredentials, JwtSecret};
use crate::hub::{
    AppExtensions, CustomUiExtension, ExportError, LinkActionExtension, ModalExtension,
    PanelExtension,
};
use crate::problem::Problems;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::{MethodRouter, get};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// Builds one route once the app's settings are final.
type Build<S> = Box<dyn FnOnce(&Settings) -> MethodRouter<S> + Send>;

/// A Pipedrive app: its extensions and their handlers.
///
/// Handlers are ordinary axum handlers. `S` is the state they extract with [`State<S>`](axum::extract::State),
/// as for [`Router<S>`]: [`App::into_router`] gives a `Router<S>`, and `.with_state(state)` supplies it.
/// Every extension route runs in an [`ExtensionLayer`], so nothing unverified reaches a handler whatever it
/// extracts.
pub struct App<S = ()> {
    extensions: AppExtensions,
    settings: Settings,
    routes: Vec<(String, Build<S>)>,
    #[cfg(feature = "install")]
    installations: Option<crate::install::Installations>,
}

impl<S> std::fmt::Debug for App<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("extensions", &self.extensions)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl<S: Clone + Send + Sync + 'static> App<S> {
    /// An app whose OAuth client secret verifies the tokens of every extension without its own JWT secret: JSON
    /// modals, link actions and custom UI, and a JSON panel that has HTTP Basic credentials instead. A JSON panel
    /// needs HTTP Basic credentials or its own JWT secret (Developer Hub requires one): [`App::check`] refuses a
    /// panel with neither.
    pub fn new(client_secret: impl Into<JwtSecret>) -> Self {
        Self {
            extensions: AppExtensions::new(),
            settings: Settings {
                client_secret: client_secret.into(),
                checks: ResponseChecks::default(),
                deadline: DEFAULT_DEADLINE,
            },
            routes: Vec::new(),
            #[cfg(feature = "install")]
            installations: None,
        }
    }

    /// Serves the OAuth install and uninstall routes of `installations` (listed in the manifest) and gives every
    /// handler its installations: extract [`PipedriveApi`](crate::api::PipedriveApi) for a Pipedrive API client
    /// of the request's company and user.
    #[cfg(feature = "install")]
    pub fn installations(mut self, installations: crate::install::Installations) -> Self {
        let paths = crate::hub::OAuthPaths {
            install: installations.install_path().to_owned(),
            callback: installations.callback_path().to_owned(),
        };
        self.extensions = self.extensions.oauth_paths(paths);
        self.installations = Some(installations);
        self
    }

    /// The app's name (shown in the Developer Hub summary).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.extensions = self.extensions.name(name);
        self
    }

    /// The public base URL (`https://…`) the app is served at: endpoint URLs in the export are this plus each
    /// extension's path.
    pub fn public_url(mut self, url: impl Into<String>) -> Self {
        self.extensions = self.extensions.public_url(url);
        self
    }

    /// The app's settings page as an external link (Developer Hub's "App settings" URL); the other way is a
    /// custom UI extension of kind settings.
    pub fn settings_url(mut self, url: impl Into<String>) -> Self {
        self.extensions = self.extensions.settings_url(url);
        self
    }

    /// What a failing response check does (default [`ResponseChecks::Enforce`]).
    pub fn response_checks(mut self, checks: ResponseChecks) -> Self {
        self.settings.checks = checks;
        self
    }

    /// How long handlers may run (default [`DEFAULT_DEADLINE`]).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.settings.deadline = deadline;
        self
    }

    /// Adds a JSON panel served by `handler` on `GET ext.path`. The handler's return type
    /// (`PanelResponse<T>` or `Result<PanelResponse<T>, PanelError>`) names the panel's object type `T`, whose
    /// data structure is exported and checked against.
    pub fn json_panel<H, T>(mut self, ext: PanelExtension, handler: H) -> Self
    where
        H: PanelHandler<T, S>,
        T: 'static,
    {
        let endpoint = endpoint_of(&ext.name, Surface::Panel, ext.jwt_secret.clone());
        let basic = ext.basic.clone();
        self.routes
            .push((ext.path.clone(), route(endpoint, basic, get(handler))));
        self.extensions.push_panel::<H::Panel>(ext);
        self
    }

    /// Adds a JSON modal served by `handler` on `GET` (load, refetch) and `POST` (submit) of `ext.path`. The
    /// handler's return type (`ModalReply<M>`) names the modal type `M`; extract the call with
    /// [`ModalCall<M>`](super::ModalCall) as its last argument.
    pub fn json_modal<H, T>(mut self, ext: ModalExtension, handler: H) -> Self
    where
        H: ModalHandler<T, S>,
        T: 'static,
    {
        let endpoint = endpoint_of(&ext.name, Surface::Modal, ext.jwt_secret.clone());
        let methods = get(handler.clone()).post(handler);
        self.routes
            .push((ext.path.clone(), route(endpoint, None, methods)));
        self.extensions.push_modal::<H::Modal>(ext);
        self
    }

    /// Adds a link action: the user's browser arrives on `GET ext.menu.path`; the handler answers a page or a
    /// redirect (anything axum can answer). A request whose token cannot be verified gets an HTML page, or a
    /// redirect to the action's [`login_url`](LinkActionExtension::login_url).
    pub fn link_action<H, T>(mut self, ext: LinkActionExtension, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        let mut endpoint = endpoint_of(
            &ext.menu.name,
            Surface::LinkAction,
            ext.menu.jwt_secret.clone(),
        );
        endpoint.verify_token = ext.verify_token;
        endpoint.login_url = ext.login_url.clone();
        self.routes
            .push((ext.menu.path.clone(), route(endpoint, None, get(handler))));
        self.extensions = self.extensions.link_action(ext);
        self
    }

    /// Adds a custom UI extension whose iframe page is served by `handler` on `GET ext.path`.
    pub fn custom_ui<H, T>(mut self, ext: CustomUiExtension, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        let endpoint = endpoint_of(&ext.name, Surface::CustomUi, ext.jwt_secret.clone());
        self.routes
            .push((ext.path.clone(), route(endpoint, None, get(handler))));
        self.extensions = self.extensions.custom_ui(ext);
        self
    }

    /// The layer that verifies Pipedrive's requests with this app's client secret, for a route of your own
    /// (e.g. a page a link action redirects to). Its handlers can extract [`PipedriveUser`](crate::auth::PipedriveUser),
    /// [`RequestContext`](crate::context::RequestContext) and [`Selection`](crate::context::Selection).
    pub fn extension_layer(&self, surface: Surface) -> ExtensionLayer {
        ExtensionLayer::new(surface, self.settings.client_secret.clone())
            .deadline(self.settings.deadline)
    }

    /// The extensions as registered, for the format layer (checks, manifest, export).
    pub fn extensions(&self) -> &AppExtensions {
        &self.extensions
    }

    /// Checks everything Developer Hub enforces, on every extension at once, and that the client secret is set.
    /// Pointers are into the manifest: `/extensions/<index in registration order>/<field>`.
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        if self.settings.client_secret.is_empty() {
            problems.error("/client_secret", "the OAuth client secret is empty: it verifies tokens of every extension without its own JWT secret");
        }
        problems.extend_under("", self.extensions.check());
        problems
    }

    /// The router serving every extension. Refuses (returning every problem) when [`App::check`] finds an error;
    /// warnings are logged. The result is a plain axum router: merge, nest and layer it as any other.
    pub fn into_router(self) -> Result<Router<S>, Problems> {
        let problems = self.check().into_result()?;
        for warning in problems.warnings() {
            tracing::warn!(%warning, "pdx app check");
        }
        let mut router = Router::new();
        for (path, build) in self.routes {
            router = router.route(&path, build(&self.settings));
        }
        #[cfg(feature = "install")]
        if let Some(installations) = self.installations {
            router = router
                .merge(installations.routes())
                .layer(axum::Extension(installations));
        }
        Ok(router.layer(DefaultBodyLimit::max(super::MAX_BODY_BYTES)))
    }

    /// `manifest.json`: every extension with its kind, name, path, uploaded file, authentication and locations.
    pub fn manifest(&self) -> Value {
        self.extensions.manifest()
    }

    /// `DEVELOPER_HUB.md`: what to enter in Developer Hub, extension by extension.
    pub fn developer_hub_summary(&self) -> String {
        self.extensions.developer_hub_summary()
    }

    /// The exported files: relative file name → content. Refuses when [`App::check`] finds an error.
    pub fn export_files(&self) -> Result<BTreeMap<String, String>, Problems> {
        self.check().into_result()?;
        self.extensions.export_files()
    }

    /// Writes every file to upload, `manifest.json` and `DEVELOPER_HUB.md` into `dir` (created if needed).
    /// Refuses, writing nothing, when [`App::check`] finds an error. Secrets are never written.
    pub fn export(&self, dir: impl AsRef<Path>) -> Result<Vec<String>, ExportError> {
        self.check().into_result().map_err(ExportError::Problems)?;
        self.extensions.export(dir)
    }
}

/// The one place of the secret rule: an extension's own JWT secret, or the app's client secret when it has none
/// (filled in when the router is built).
fn endpoint_of(name: &str, surface: Surface, jwt_secret: Option<JwtSecret>) -> PendingEndpoint {
    PendingEndpoint {
        name: name.to_owned(),
        surface,
        jwt_secret,
        verify_token: true,
        login_url: None,
    }
}

/// An endpoint before the app's settings are final.
struct PendingEndpoint {
    name: String,
    surface: Surface,
    jwt_secret: Option<JwtSecret>,
    verify_token: bool,
    login_url: Option<String>,
}

fn route<S: Clone + Send + Sync + 'static>(
    pending: PendingEndpoint,
    basic: Option<BasicCredentials>,
    methods: MethodRouter<S>,
) -> Build<S> {
    Box::new(move |settings: &Settings| {
        let endpoint = Endpoint {
            name: pending.name,
            auth: AuthConfig {
                surface: pending.surface,
                jwt_secret: pending
                    .jwt_secret
                    .unwrap_or_else(|| settings.client_secret.clone()),
                basic,
            },
            verify_token: pending.verify_token,
            login_url: pending.login_url,
            checks: settings.checks,
            deadline: settings.deadline,
        };
        methods.layer(ExtensionLayer::from_endpoint(endpoint))
    })
}
