//! [`App`]: a whole Pipedrive app — every extension's Developer Hub settings with its axum handler — checked
//! against Developer Hub's rules at once, exported as the files to upload, and served as a plain
//! [`axum::Router`].

use super::handler::{ExtensionHandler, ModalHandler, PanelHandler};
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
use axum::routing::{MethodRouter, get};
use serde_json::Value;
use std::any::TypeId;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// Builds one route once the app's settings are final.
type Build<S> = Box<dyn FnOnce(&Settings) -> MethodRouter<S> + Send>;

/// One extension's route: its path, what its handler extracts, and how to build it.
struct Route<S> {
    path: String,
    /// Read by the check of extractors that need installations (feature `install`).
    #[cfg_attr(not(feature = "install"), allow(dead_code))]
    argument_types: Vec<TypeId>,
    build: Build<S>,
}

/// A Pipedrive app: its extensions and their handlers.
///
/// Handlers are ordinary axum handlers. `S` is the state they extract with [`State<S>`](axum::extract::State),
/// as for [`Router<S>`]: [`App::into_router`] gives a `Router<S>`, and `.with_state(state)` supplies it.
/// Every extension route runs in an [`ExtensionLayer`], so nothing unverified reaches a handler whatever it
/// extracts.
pub struct App<S = ()> {
    extensions: AppExtensions,
    settings: Settings,
    routes: Vec<Route<S>>,
    custom_ui_calls: Vec<(String, Router<S>)>,
    #[cfg(feature = "install")]
    installations: Option<crate::install::Installations>,
    /// What pdx knows statically the app needs scopes for (the endpoints listed with [`App::calls_api`]).
    #[cfg(feature = "install")]
    scope_needs: Vec<crate::api::ScopeNeed>,
    /// Whether the app listed its API calls (then unused declared scopes are reported).
    #[cfg(feature = "install")]
    calls_listed: bool,
    /// The webhook receiver and the webhooks the app declares.
    #[cfg(feature = "install")]
    webhooks: Option<crate::webhooks::Webhooks<S>>,
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
    ///
    /// An app that installs (OAuth) starts with [`App::with_installations`] instead, which takes the secret from
    /// its configuration.
    pub fn new(client_secret: impl Into<JwtSecret>) -> Self {
        Self {
            extensions: AppExtensions::new(),
            settings: Settings {
                client_secret: client_secret.into(),
                checks: ResponseChecks::default(),
                deadline: DEFAULT_DEADLINE,
            },
            routes: Vec::new(),
            custom_ui_calls: Vec::new(),
            #[cfg(feature = "install")]
            installations: None,
            #[cfg(feature = "install")]
            scope_needs: Vec::new(),
            #[cfg(feature = "install")]
            calls_listed: false,
            #[cfg(feature = "install")]
            webhooks: None,
        }
    }

    /// An app with installations: it serves the OAuth install and uninstall routes of `installations` (listed in
    /// the manifest), gives every handler its installations (extract [`PipedriveApi`](crate::api::PipedriveApi)
    /// for a Pipedrive API client of the request's company and user), and verifies the tokens of every extension
    /// without its own JWT secret with the client secret of the installations' configuration (given once, there).
    #[cfg(feature = "install")]
    pub fn with_installations(installations: crate::install::Installations) -> Self {
        let mut app = Self::new(installations.config().client_secret.as_str());
        let paths = crate::hub::OAuthPaths {
            install: installations.install_path().to_owned(),
            callback: installations.callback_path().to_owned(),
        };
        app.extensions = app.extensions.oauth_paths(paths);
        app.installations = Some(installations);
        app
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
        self.push_route::<H, T>(&ext.path, route(endpoint, basic, get(handler)));
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
        self.push_route::<H, T>(&ext.path, route(endpoint, None, methods));
        self.extensions.push_modal::<H::Modal>(ext);
        self
    }

    /// Adds a link action: the user's browser arrives on `GET ext.menu.path`; the handler answers a page or a
    /// redirect (anything axum can answer). A request whose token cannot be verified gets an HTML page, or a
    /// redirect to the action's [`login_url`](LinkActionExtension::login_url).
    pub fn link_action<H, T>(mut self, ext: LinkActionExtension, handler: H) -> Self
    where
        H: ExtensionHandler<T, S>,
        T: 'static,
    {
        let mut endpoint = endpoint_of(
            &ext.menu.name,
            Surface::LinkAction,
            ext.menu.jwt_secret.clone(),
        );
        endpoint.verify_token = ext.verify_token;
        endpoint.login_url = ext.login_url.clone();
        self.push_route::<H, T>(&ext.menu.path, route(endpoint, None, get(handler)));
        self.extensions = self.extensions.link_action(ext);
        self
    }

    /// Adds a custom UI extension whose iframe page is served by `handler` on `GET ext.path`.
    pub fn custom_ui<H, T>(mut self, ext: CustomUiExtension, handler: H) -> Self
    where
        H: ExtensionHandler<T, S>,
        T: 'static,
    {
        let endpoint = endpoint_of(&ext.name, Surface::CustomUi, ext.jwt_secret.clone());
        self.push_route::<H, T>(&ext.path, route(endpoint, None, get(handler)));
        self.extensions = self.extensions.custom_ui(ext);
        self
    }

    /// Records an extension's route, in registration order (the order of the manifest's extensions).
    fn push_route<H: ExtensionHandler<T, S>, T>(&mut self, path: &str, build: Build<S>) {
        self.routes.push(Route {
            path: path.to_owned(),
            argument_types: H::argument_types(),
            build,
        });
    }

    /// Serves `calls`, the backend calls of the custom UI extension named `extension`: each must carry the SDK's
    /// signed token (`Authorization: Bearer`), verified with that extension's JWT secret or the client secret
    /// (see [`CustomUiCallLayer`](super::CustomUiCallLayer)). Handlers extract
    /// [`PipedriveUser`](crate::auth::PipedriveUser).
    pub fn custom_ui_calls(mut self, extension: impl Into<String>, calls: Router<S>) -> Self {
        self.custom_ui_calls.push((extension.into(), calls));
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

    /// Checks everything Developer Hub enforces, on every extension at once, that the client secret is set, and
    /// that every handler's extractors can be served (an extractor of the API client needs installations).
    /// Pointers are into the manifest: `/extensions/<index in registration order>/<field>`.
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        if self.settings.client_secret.is_empty() {
            problems.error("/client_secret", "the OAuth client secret is empty: it verifies tokens of every extension without its own JWT secret");
        }
        problems.extend_under("", self.extensions.check());
        #[cfg(feature = "install")]
        if self.installations.is_none() {
            for (index, route) in self.routes.iter().enumerate() {
                if let Some(problem) =
                    crate::api::needs_installations(&route.path, &route.argument_types)
                {
                    problems.error(format!("/extensions/{index}"), problem);
                }
            }
        }
        #[cfg(feature = "install")]
        problems.extend(self.check_webhooks());
        #[cfg(feature = "install")]
        problems.extend(crate::api::check_declared_scopes(
            self.extensions.registration_form(),
            &self.all_scope_needs(),
            self.calls_listed,
        ));
        let names = self.custom_ui_calls.iter().map(|(name, _)| name.as_str());
        problems.extend(super::custom_ui::check_call_names(&self.extensions, names));
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
        for Route { path, build, .. } in self.routes {
            router = router.route(&path, build(&self.settings));
        }
        for (name, calls) in self.custom_ui_calls {
            let secret = super::custom_ui::custom_ui_secret(&self.extensions, &name)
                .flatten()
                .unwrap_or_else(|| self.settings.client_secret.clone());
            router =
                router.merge(calls.route_layer(super::CustomUiCallLayer::named(&name, secret)));
        }
        #[cfg(feature = "install")]
        if let (Some(webhooks), Some(installations)) = (self.webhooks, &self.installations) {
            installations.set_webhook_plan(crate::install::WebhookPlan {
                declared: webhooks.declared(),
                url: self.extensions.webhook_receiver_url().unwrap_or_default(),
                app_name: self.extensions.name.clone().unwrap_or_default(),
            });
            let path = webhooks.path().to_owned();
            router = router.route(&path, webhooks.into_route(installations.clone()));
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

    /// The exported files: relative file name → bytes. Refuses when the extensions or the registration break
    /// Developer Hub's rules. Needs no secret (an empty client secret does not stop it): none is written.
    pub fn export_files(&self) -> Result<BTreeMap<String, Vec<u8>>, Problems> {
        self.extensions.export_files()
    }

    /// Writes every file to upload, `manifest.json` and `DEVELOPER_HUB.md` into `dir` (created if needed).
    /// Refuses, writing nothing, when the extensions or the registration break Developer Hub's rules. Needs
    /// no secret: none is written.
    pub fn export(&self, dir: impl AsRef<Path>) -> Result<Vec<String>, ExportError> {
        self.extensions.export(dir)
    }

    /// Lists the API endpoints the app's handlers call (e.g. `&pdx::api::endpoints::DEAL`), which pdx cannot
    /// see inside handlers: [`App::check`] then reports an endpoint no declared scope of the registration allows
    /// (an error), and a declared scope none of them needs or a `:full` scope where `:read` is enough
    /// (warnings). Calls made at run time are compared by [`App::scope_report`].
    #[cfg(feature = "install")]
    pub fn calls_api(
        mut self,
        endpoints: impl IntoIterator<Item = &'static crate::api::Endpoint>,
    ) -> Self {
        self.scope_needs
            .extend(endpoints.into_iter().map(crate::api::ScopeNeed::from));
        self.calls_listed = true;
        self
    }

    /// The registration's declared scopes against what the app needs: the endpoints listed with
    /// [`App::calls_api`] and every call its installations' API clients made in this process (their
    /// [`ScopeLedger`](crate::api::ScopeLedger)). At the end of an app's tests,
    /// `app.scope_report().assert_clean()` fails when a scope is declared but unused, used but undeclared, or
    /// broader than needed; it knows only the calls the tests made.
    #[cfg(feature = "install")]
    pub fn scope_report(&self) -> crate::api::ScopeReport {
        let declared = self
            .extensions
            .registration_form()
            .map(|r| {
                r.scopes()
                    .iter()
                    .map(|d| d.scope.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let mut needs = self.all_scope_needs();
        if let Some(installations) = &self.installations {
            needs.extend(installations.scope_ledger().needs());
        }
        crate::api::ScopeReport::new(declared, needs)
    }

    /// Serves the webhook receiver and declares its webhooks: on install pdx creates them for the installation
    /// (see [`Webhooks`](crate::webhooks::Webhooks) and the README's "Webhooks"). Needs installations
    /// ([`App::with_installations`]) and a public https URL; [`App::check`] refuses more than 40 webhooks and
    /// reports the scopes they need (`webhooks:full` or `admin`, and the read scope of each object).
    #[cfg(feature = "install")]
    pub fn webhooks(mut self, webhooks: crate::webhooks::Webhooks<S>) -> Self {
        self.extensions = self
            .extensions
            .webhooks(webhooks.path(), webhooks.declared());
        self.webhooks = Some(webhooks);
        self
    }

    /// The webhooks the app declares (none without [`App::webhooks`]).
    #[cfg(feature = "install")]
    pub fn declared_webhooks(&self) -> Vec<crate::webhooks::DeclaredWebhook> {
        self.webhooks
            .as_ref()
            .map(crate::webhooks::Webhooks::declared)
            .unwrap_or_default()
    }

    /// The webhook receiver's public URL, when the app declares webhooks and has a public URL.
    #[cfg(feature = "install")]
    pub fn webhook_receiver_url(&self) -> Option<String> {
        self.extensions.webhook_receiver_url()
    }

    /// That the declared webhooks have installations to create them (their count, receiver URL and
    /// duplicates are checked with the extensions).
    #[cfg(feature = "install")]
    fn check_webhooks(&self) -> Problems {
        let mut problems = Problems::new();
        if self.webhooks.is_some() && self.installations.is_none() {
            problems.error(
                "/webhooks",
                "webhooks are declared but the app has no installations: build it with `App::with_installations`",
            );
        }
        problems
    }

    /// What the app needs scopes for: the listed endpoints, and the declared webhooks (managing them, and
    /// receiving each object's events).
    #[cfg(feature = "install")]
    fn all_scope_needs(&self) -> Vec<crate::api::ScopeNeed> {
        let mut needs = self.scope_needs.clone();
        for webhook in self.declared_webhooks() {
            let event = webhook.event();
            needs.push(crate::api::ScopeNeed::new(
                format!("webhook `{event}` (create, list, delete)"),
                crate::webhooks::WEBHOOK_MANAGEMENT_SCOPES,
            ));
            let read = crate::webhooks::read_scope_of(&webhook.object);
            if !read.is_empty() {
                needs.push(crate::api::ScopeNeed::new(
                    format!("`{event}` events"),
                    read,
                ));
            }
        }
        needs
    }

    /// The rest of Developer Hub's registration form (listing, scopes, setup instructions, support and legal
    /// links, review info): [`App::check`] then applies every rule of the form, and the export is the whole
    /// registration sheet.
    pub fn registration(mut self, registration: crate::hub::Registration) -> Self {
        self.extensions = self.extensions.registration(registration);
        self
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
