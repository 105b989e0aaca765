//! One builder for a whole Pipedrive app: every extension (name, description, locations, endpoint path,
//! authentication), its handler, the Developer Hub rules checked on all of them at once, the exported files to
//! upload, and the [`axum::Router`] that serves Pipedrive's requests.
//!
//! ```no_run
//! # use pdx_runtime::app::*;
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let app = App::new("client-secret");
//! // .json_panel::<Invoice, _, _>(PanelExtension::new("Invoices", "/panel", PanelLocation::DealDetails), handler)
//! let router = app.into_router()?;
//! # let _ = router; Ok(()) }
//! ```
//!
//! Every request goes through the same steps: decode the query (400 when a known parameter is given twice),
//! verify the credentials (401), parse the context (400), run the handler under a deadline (see
//! [`DEFAULT_DEADLINE`]), check the response against the uploaded file (see [`ResponseChecks`]), answer.

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::{AuthConfig, BasicCredentials, JwtSecret, PipedriveUser, Rejection};
use crate::context::{QueryParams, RefetchForm, RequestContext, Selection, Surface};
use crate::modal::{self, GlobalError, JsonModal, ModalResponse, ModalSchema};
use crate::panel::{self, DataStructure, JsonPanel, PanelError, PanelResponse};
use crate::problem::{Problems, pointer_push};

/// How long a handler may run before pdx answers with an error body instead: 8 seconds, under Pipedrive's
/// 10-second limit (`json-panels.md` §4, `json-modals.md` §4.7), leaving room for the network. Change it per app
/// with [`App::deadline`].
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(8);

/// Largest request body accepted (modal submits): 64 KiB. A modal has at most 10 blocks, so real submits are far
/// smaller; larger bodies get 413 with a JSON error body.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Status of a panel error state returned by a handler (`Err(PanelError)`).
///
/// [DECIDED, `json-panels.md` §5 "Error state": any 4xx/5xx shows the error state]: 400, the status Pipedrive's
/// examples use for app-side errors. Authentication failures use 401 instead.
pub const PANEL_ERROR_STATUS: StatusCode = StatusCode::BAD_REQUEST;

/// Status answered when a handler misses the deadline, per surface.
///
/// [DECIDED]: panels get 503 with the panel error state (`json-panels.md` §5: any non-2xx shows it). Modals get
/// 400 with a global error, because Pipedrive is only known to show a modal's `error.message` from a 400
/// (`json-modals.md` §5.4, CODE S15); any other status shows the generic "Something went wrong". Link actions and
/// custom UI pages get 503.
pub fn deadline_status(surface: Surface) -> StatusCode {
    match surface {
        Surface::Modal => StatusCode::BAD_REQUEST,
        Surface::Panel | Surface::LinkAction | Surface::CustomUi => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// Longest extension name Developer Hub accepts (`auth-and-install.md` §4).
pub const NAME_MAX: usize = 30;
/// Longest extension description Developer Hub accepts.
pub const DESCRIPTION_MAX: usize = 150;
/// Most menu extensions (link actions, JSON modals, custom modals) in one location.
pub const PER_LOCATION_MAX: usize = 3;
/// Most menu extensions in one app ([DECIDED, `auth-and-install.md` §4]: 21 = 7 locations × 3, the current docs;
/// an older form said 24).
pub const MENU_EXTENSIONS_MAX: usize = 21;
/// Most global actions per panel (`json-panels.md` §6).
pub const PANEL_GLOBAL_ACTIONS_MAX: usize = 3;
/// Most object actions per panel (multiple-object panels only).
pub const PANEL_OBJECT_ACTIONS_MAX: usize = 3;
/// Most fields with an action per panel object (one action each).
pub const PANEL_FIELD_ACTIONS_MAX: usize = 3;

/// What happens when a handler's response fails its check against the uploaded file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResponseChecks {
    /// The default: log an error and answer 500 with the surface's error body, so a broken response never
    /// reaches Pipedrive (which would show "Something went wrong" with no clue).
    #[default]
    Enforce,
    /// Log a warning (tracing) and send the response anyway.
    Warn,
}

/// A location of a menu extension (link action, JSON modal, custom modal) (`json-modals.md` §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    /// Deal details.
    DealDetails,
    /// Deals list.
    DealsList,
    /// Person details.
    PersonDetails,
    /// People list.
    PeopleList,
    /// Organization details.
    OrganizationDetails,
    /// Organizations list.
    OrganizationsList,
    /// Activities list.
    ActivitiesList,
}

impl Location {
    /// The id written in `manifest.json`.
    pub fn id(self) -> &'static str {
        match self {
            Location::DealDetails => "deal_details",
            Location::DealsList => "deals_list",
            Location::PersonDetails => "person_details",
            Location::PeopleList => "people_list",
            Location::OrganizationDetails => "organization_details",
            Location::OrganizationsList => "organizations_list",
            Location::ActivitiesList => "activities_list",
        }
    }

    /// The name Developer Hub shows.
    pub fn label(self) -> &'static str {
        match self {
            Location::DealDetails => "Deal details",
            Location::DealsList => "Deals list",
            Location::PersonDetails => "Person details",
            Location::PeopleList => "People list",
            Location::OrganizationDetails => "Organization details",
            Location::OrganizationsList => "Organizations list",
            Location::ActivitiesList => "Activities list",
        }
    }
}

/// A detail view that can hold one panel (JSON or custom UI) per app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PanelLocation {
    /// Deal details.
    DealDetails,
    /// Person details.
    PersonDetails,
    /// Organization details.
    OrganizationDetails,
}

impl PanelLocation {
    /// The same place as a [`Location`].
    pub fn location(self) -> Location {
        match self {
            PanelLocation::DealDetails => Location::DealDetails,
            PanelLocation::PersonDetails => Location::PersonDetails,
            PanelLocation::OrganizationDetails => Location::OrganizationDetails,
        }
    }
}

/// Where a panel action sits (`json-panels.md` §6).
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
    /// HTTP Basic credentials, when set in Developer Hub.
    pub basic: Option<BasicCredentials>,
    /// The panel's own JWT secret; `None` means the app's client secret verifies its tokens.
    pub jwt_secret: Option<JwtSecret>,
    /// Actions added to the panel in Developer Hub.
    pub actions: Vec<PanelAction>,
}

impl PanelExtension {
    /// A panel with a name, endpoint path and location; no credentials yet.
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

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets HTTP Basic credentials.
    pub fn basic(mut self, credentials: BasicCredentials) -> Self {
        self.basic = Some(credentials);
        self
    }

    /// Sets the panel's own JWT secret.
    pub fn jwt_secret(mut self, secret: impl Into<JwtSecret>) -> Self {
        self.jwt_secret = Some(secret.into());
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

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the extension's own JWT secret.
    pub fn jwt_secret(mut self, secret: impl Into<JwtSecret>) -> Self {
        self.jwt_secret = Some(secret.into());
        self
    }
}

/// A JSON modal's Developer Hub settings.
pub type ModalExtension = MenuExtension;

/// A link action's Developer Hub settings, plus whether pdx verifies its token.
#[derive(Debug, Clone)]
pub struct LinkActionExtension {
    /// The common settings.
    pub menu: MenuExtension,
    verify_token: bool,
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
    /// company. Only for when Pipedrive turns out not to sign link actions ([INFERRED] `json-modals.md` §6.2);
    /// the handler then gets no [`PipedriveUser`], and the manifest check warns.
    pub fn insecure_skip_token_verification(mut self) -> Self {
        self.verify_token = false;
        self
    }

    /// Whether the token is verified.
    pub fn verifies_token(&self) -> bool {
        self.verify_token
    }
}

/// The kind of a custom UI extension (an iframe).
#[derive(Debug, Clone, PartialEq, Eq)]
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
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the extension's own JWT secret.
    pub fn jwt_secret(mut self, secret: impl Into<JwtSecret>) -> Self {
        self.jwt_secret = Some(secret.into());
        self
    }
}

/// A verified panel request.
#[derive(Debug, Clone)]
pub struct PanelRequest {
    /// Who is looking (verified).
    pub user: PipedriveUser,
    /// The query context.
    pub context: RequestContext,
}

impl PanelRequest {
    /// The id of the viewed deal, person or organization.
    pub fn entity_id(&self) -> Option<u64> {
        self.context.selection().single()
    }

    /// Whether the viewer has not installed the app (`isShared=true`): show data, but actions do not work.
    pub fn is_shared(&self) -> bool {
        self.context.is_shared
    }
}

/// What a modal request asks for.
#[derive(Debug, Clone)]
pub enum ModalCall<M> {
    /// The initial GET: answer the initial data.
    Load,
    /// A refetch GET after a `fetchOnChange` block changed.
    Refetch {
        /// The key of the block that changed (checked to have `fetchOnChange`).
        invoker: String,
        /// The current form state.
        form: RefetchForm,
    },
    /// The POST of the primary button, parsed into the modal's type.
    Submit(M),
}

/// A verified modal request.
#[derive(Debug, Clone)]
pub struct ModalRequest<M> {
    /// Who is acting (verified).
    pub user: PipedriveUser,
    /// The query context.
    pub context: RequestContext,
    /// Load, refetch or submit.
    pub call: ModalCall<M>,
}

/// A link-action request (the user's browser, redirected by Pipedrive).
#[derive(Debug, Clone)]
pub struct LinkRequest {
    /// Who is acting; `None` only when the action was registered with
    /// [`LinkActionExtension::insecure_skip_token_verification`].
    pub user: Option<PipedriveUser>,
    /// The query context.
    pub context: RequestContext,
    /// What the user selected (ids, or select-all as filter minus exclusions).
    pub selection: Selection,
}

/// A custom UI iframe request.
#[derive(Debug, Clone)]
pub struct CustomUiRequest {
    /// Who is looking (verified).
    pub user: PipedriveUser,
    /// The `id` to initialize the App Extensions SDK with.
    pub id: String,
    /// The query context.
    pub context: RequestContext,
}

/// Settings every endpoint reads when the router is built.
#[derive(Debug, Clone)]
struct Settings {
    client_secret: JwtSecret,
    checks: ResponseChecks,
    deadline: Duration,
}

type Build = Box<dyn FnOnce(&Settings) -> MethodRouter + Send>;

#[derive(Debug, Clone)]
enum Kind {
    Panel {
        ext: PanelExtension,
        structure: &'static DataStructure,
    },
    Modal {
        ext: ModalExtension,
        schema: &'static ModalSchema,
    },
    Link(LinkActionExtension),
    CustomUi(CustomUiExtension),
}

impl Kind {
    fn name(&self) -> &str {
        match self {
            Kind::Panel { ext, .. } => &ext.name,
            Kind::Modal { ext, .. } => &ext.name,
            Kind::Link(l) => &l.menu.name,
            Kind::CustomUi(c) => &c.name,
        }
    }
    fn description(&self) -> Option<&str> {
        match self {
            Kind::Panel { ext, .. } => ext.description.as_deref(),
            Kind::Modal { ext, .. } => ext.description.as_deref(),
            Kind::Link(l) => l.menu.description.as_deref(),
            Kind::CustomUi(c) => c.description.as_deref(),
        }
    }
    fn path(&self) -> &str {
        match self {
            Kind::Panel { ext, .. } => &ext.path,
            Kind::Modal { ext, .. } => &ext.path,
            Kind::Link(l) => &l.menu.path,
            Kind::CustomUi(c) => &c.path,
        }
    }
    fn jwt_secret(&self) -> Option<&JwtSecret> {
        match self {
            Kind::Panel { ext, .. } => ext.jwt_secret.as_ref(),
            Kind::Modal { ext, .. } => ext.jwt_secret.as_ref(),
            Kind::Link(l) => l.menu.jwt_secret.as_ref(),
            Kind::CustomUi(c) => c.jwt_secret.as_ref(),
        }
    }
    fn kind_id(&self) -> &'static str {
        match self {
            Kind::Panel { .. } => "json_panel",
            Kind::Modal { .. } => "json_modal",
            Kind::Link(_) => "link_action",
            Kind::CustomUi(_) => "custom_ui",
        }
    }
    /// Menu locations, for menu extensions only.
    fn menu_locations(&self) -> Option<&[Location]> {
        match self {
            Kind::Modal { ext, .. } => Some(&ext.locations),
            Kind::Link(l) => Some(&l.menu.locations),
            Kind::CustomUi(CustomUiExtension {
                kind: CustomUiKind::Modal(locations),
                ..
            }) => Some(locations),
            _ => None,
        }
    }
    fn panel_location(&self) -> Option<PanelLocation> {
        match self {
            Kind::Panel { ext, .. } => Some(ext.location),
            Kind::CustomUi(CustomUiExtension {
                kind: CustomUiKind::Panel(l),
                ..
            }) => Some(*l),
            _ => None,
        }
    }
    /// The file uploaded to Developer Hub, relative to the export folder.
    fn file(&self) -> Option<(String, String)> {
        match self {
            Kind::Panel { ext, structure } => Some((
                format!("json-panel-{}.json", slug(&ext.name)),
                structure.to_string_pretty(),
            )),
            Kind::Modal { ext, schema } => Some((
                format!("json-modal-{}.json", slug(&ext.name)),
                schema.to_string_pretty(),
            )),
            _ => None,
        }
    }
}

struct Entry {
    kind: Kind,
    build: Build,
}

/// A Pipedrive app: its extensions and handlers. See the module docs.
pub struct App {
    name: Option<String>,
    public_url: Option<String>,
    settings: Settings,
    entries: Vec<Entry>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("name", &self.name)
            .field("public_url", &self.public_url)
            .field("settings", &self.settings)
            .field(
                "extensions",
                &self.entries.iter().map(|e| &e.kind).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// Why [`App::export`] wrote nothing.
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

impl App {
    /// An app whose OAuth client secret verifies the tokens of every extension without its own JWT secret.
    pub fn new(client_secret: impl Into<JwtSecret>) -> Self {
        Self {
            name: None,
            public_url: None,
            settings: Settings {
                client_secret: client_secret.into(),
                checks: ResponseChecks::default(),
                deadline: DEFAULT_DEADLINE,
            },
            entries: Vec::new(),
        }
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

    /// Adds a JSON panel whose objects are `T`, served by `handler`.
    pub fn json_panel<T, F, Fut>(mut self, ext: PanelExtension, handler: F) -> Self
    where
        T: JsonPanel + Send + 'static,
        F: Fn(PanelRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<PanelResponse<T>, PanelError>> + Send + 'static,
    {
        let structure = T::data_structure();
        let mut ext = ext;
        // Actions the type names (`#[panel(action = ...)]`) join those given here.
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
        let basic = ext.basic.clone();
        let secret = ext.jwt_secret.clone();
        let name = ext.name.clone();
        let handler = Arc::new(handler);
        let build: Build = Box::new(move |settings: &Settings| {
            let endpoint = Endpoint::new(name, Surface::Panel, secret, basic, settings);
            axum::routing::get(move |req: Request| {
                let endpoint = endpoint.clone();
                let handler = handler.clone();
                async move { serve_panel::<T, F, Fut>(&endpoint, structure, &*handler, req).await }
            })
        });
        self.entries.push(Entry {
            kind: Kind::Panel { ext, structure },
            build,
        });
        self
    }

    /// Adds a JSON modal whose blocks are `M`: GET (initial load, refetch) and POST (submit) on its one path, all
    /// served by `handler`, which tells them apart by [`ModalRequest::call`].
    pub fn json_modal<M, F, Fut>(mut self, ext: ModalExtension, handler: F) -> Self
    where
        M: JsonModal + Send + 'static,
        F: Fn(ModalRequest<M>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ModalResponse> + Send + 'static,
    {
        let schema = M::schema();
        let secret = ext.jwt_secret.clone();
        let name = ext.name.clone();
        let handler = Arc::new(handler);
        let build: Build = Box::new(move |settings: &Settings| {
            let endpoint = Endpoint::new(name, Surface::Modal, secret, None, settings);
            let h = move |req: Request| {
                let endpoint = endpoint.clone();
                let handler = handler.clone();
                async move { serve_modal::<M, F, Fut>(&endpoint, schema, &*handler, req).await }
            };
            axum::routing::get(h.clone()).post(h)
        });
        self.entries.push(Entry {
            kind: Kind::Modal { ext, schema },
            build,
        });
        self
    }

    /// Adds a link action served by `handler` (an HTML page, a redirect: anything axum can answer).
    pub fn link_action<F, Fut, R>(mut self, ext: LinkActionExtension, handler: F) -> Self
    where
        F: Fn(LinkRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoResponse + 'static,
    {
        let verify = ext.verify_token;
        let secret = ext.menu.jwt_secret.clone();
        let name = ext.menu.name.clone();
        let handler = Arc::new(handler);
        let build: Build = Box::new(move |settings: &Settings| {
            let endpoint = Endpoint::new(name, Surface::LinkAction, secret, None, settings);
            axum::routing::get(move |req: Request| {
                let endpoint = endpoint.clone();
                let handler = handler.clone();
                async move {
                    let (user, context) =
                        match crate::link::verify_request(&endpoint.auth, verify, &req) {
                            Ok(v) => v,
                            Err(rejection) => return rejection.into_response(),
                        };
                    let selection = context.selection();
                    let call = handler(LinkRequest {
                        user,
                        context,
                        selection,
                    });
                    run_with_deadline(&endpoint, call)
                        .await
                        .map_or_else(|r| r, IntoResponse::into_response)
                }
            })
        });
        self.entries.push(Entry {
            kind: Kind::Link(ext),
            build,
        });
        self
    }

    /// Adds a custom UI extension whose iframe page is served by `handler`.
    pub fn custom_ui<F, Fut, R>(mut self, ext: CustomUiExtension, handler: F) -> Self
    where
        F: Fn(CustomUiRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoResponse + 'static,
    {
        let secret = ext.jwt_secret.clone();
        let name = ext.name.clone();
        let handler = Arc::new(handler);
        let build: Build = Box::new(move |settings: &Settings| {
            let endpoint = Endpoint::new(name, Surface::CustomUi, secret, None, settings);
            axum::routing::get(move |req: Request| {
                let endpoint = endpoint.clone();
                let handler = handler.clone();
                async move {
                    let (user, id, context) =
                        match crate::link::verify_custom_ui(&endpoint.auth, &req) {
                            Ok(v) => v,
                            Err(rejection) => return rejection.into_response(),
                        };
                    let call = handler(CustomUiRequest { user, id, context });
                    run_with_deadline(&endpoint, call)
                        .await
                        .map_or_else(|r| r, IntoResponse::into_response)
                }
            })
        });
        self.entries.push(Entry {
            kind: Kind::CustomUi(ext),
            build,
        });
        self
    }

    /// Checks everything Developer Hub enforces, on every extension at once (`auth-and-install.md` §4,
    /// `json-panels.md` §6). Pointers are into the manifest: `/extensions/<index in registration order>/<field>`.
    pub fn check(&self) -> Problems {
        check_app(self)
    }

    /// The router serving every extension. Refuses (returning every problem) when [`App::check`] finds an error;
    /// warnings are logged.
    pub fn into_router(self) -> Result<Router, Problems> {
        let problems = self.check().into_result()?;
        for warning in problems.warnings() {
            tracing::warn!(%warning, "pdx app check");
        }
        let mut router = Router::new();
        for entry in self.entries {
            let path = entry.kind.path().to_owned();
            router = router.route(&path, (entry.build)(&self.settings));
        }
        Ok(router)
    }

    /// The exported files: relative file name → content. Refuses when [`App::check`] finds an error.
    pub fn export_files(&self) -> Result<BTreeMap<String, String>, Problems> {
        let problems = self.check().into_result()?;
        for warning in problems.warnings() {
            tracing::warn!(%warning, "pdx app check");
        }
        let mut files = BTreeMap::new();
        for entry in &self.entries {
            if let Some((file, content)) = entry.kind.file() {
                files.insert(file, format!("{content}\n"));
            }
        }
        let manifest = self.manifest();
        let manifest_text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
        files.insert("manifest.json".to_owned(), format!("{manifest_text}\n"));
        files.insert("DEVELOPER_HUB.md".to_owned(), self.developer_hub_summary());
        Ok(files)
    }

    /// Writes every file to upload (panel data structures, modal schemas), `manifest.json` and
    /// `DEVELOPER_HUB.md` into `dir` (created if needed). Refuses, writing nothing, when [`App::check`] finds an
    /// error. Secrets are never written.
    pub fn export(&self, dir: impl AsRef<Path>) -> Result<Vec<String>, ExportError> {
        let files = self.export_files().map_err(ExportError::Problems)?;
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(ExportError::Io)?;
        for (name, content) in &files {
            std::fs::write(dir.join(name), content).map_err(ExportError::Io)?;
        }
        Ok(files.into_keys().collect())
    }

    /// `manifest.json`: every extension with its kind, name, path, uploaded file, authentication and locations.
    pub fn manifest(&self) -> Value {
        let extensions: Vec<Value> = self
            .entries
            .iter()
            .map(|e| self.manifest_entry(&e.kind))
            .collect();
        let mut root = Map::new();
        if let Some(name) = &self.name {
            root.insert("name".into(), json!(name));
        }
        if let Some(url) = &self.public_url {
            root.insert("public_url".into(), json!(url));
        }
        root.insert("extensions".into(), Value::Array(extensions));
        Value::Object(root)
    }

    fn manifest_entry(&self, kind: &Kind) -> Value {
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
        if let Kind::Panel { ext, .. } = kind {
            auth.insert("basic".into(), json!(ext.basic.is_some()));
        }
        auth.insert("jwt_secret".into(), json!(jwt));
        if let Kind::Link(l) = kind {
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
            Kind::Panel { ext, structure } => {
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
            Kind::CustomUi(c) => {
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
        for (i, entry) in self.entries.iter().enumerate() {
            let k = &entry.kind;
            let heading = match k {
                Kind::Panel { .. } => "JSON panel",
                Kind::Modal { .. } => "JSON modal",
                Kind::Link(_) => "Link action",
                Kind::CustomUi(_) => "Custom UI",
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
                Kind::Panel { .. } | Kind::Modal { .. } => "API endpoint",
                Kind::Link(_) => "URL",
                Kind::CustomUi(_) => "Iframe URL",
            };
            let _ = writeln!(s, "- {field}: {url}");
            if let Kind::Panel { ext, .. } = k
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
                let what = if matches!(k, Kind::Panel { .. }) {
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
            if let Kind::Panel { ext, .. } = k {
                for a in &ext.actions {
                    let target = match &a.target {
                        ActionTarget::Global => "global action".to_owned(),
                        ActionTarget::Object => "object action".to_owned(),
                        ActionTarget::Field(f) => format!("action on field `{f}`"),
                    };
                    let _ = writeln!(s, "- Panel {target}: \"{}\"", a.extension);
                }
            }
            if let Kind::Link(l) = k
                && !l.verify_token
            {
                let _ = writeln!(s, "- WARNING: pdx does not verify this action's token");
            }
        }
        s
    }
}

/// File-name slug of an extension name: lowercase ASCII letters and digits, other runs as `-`.
fn slug(name: &str) -> String {
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

fn check_app(app: &App) -> Problems {
    let mut p = Problems::new();
    if app.settings.client_secret.is_empty() {
        p.error("/client_secret", "the OAuth client secret is empty: it verifies tokens of every extension without its own JWT secret");
    }
    if let Some(url) = &app.public_url
        && !url.starts_with("https://")
    {
        p.error(
            "/public_url",
            format!("`{url}` must start with https:// (Developer Hub requires HTTPS endpoints)"),
        );
    }
    let mut names: HashMap<&str, usize> = HashMap::new();
    let mut paths: HashMap<&str, usize> = HashMap::new();
    let mut slugs: HashMap<String, usize> = HashMap::new();
    let mut panel_views: HashMap<PanelLocation, usize> = HashMap::new();
    let mut per_location: BTreeMap<Location, usize> = BTreeMap::new();
    let mut menu_count = 0;
    // Names used by panel actions: such extensions need no menu location.
    let action_targets: Vec<&str> = app
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            Kind::Panel { ext, .. } => Some(ext.actions.iter().map(|a| a.extension.as_str())),
            _ => None,
        })
        .flatten()
        .collect();

    for (i, entry) in app.entries.iter().enumerate() {
        let k = &entry.kind;
        let base = pointer_push("/extensions", i);
        let name = k.name();
        let name_len = name.chars().count();
        if name.trim().is_empty() {
            p.error(pointer_push(&base, "name"), "name is required");
        } else {
            if name_len > NAME_MAX {
                p.error(
                    pointer_push(&base, "name"),
                    format!(
                        "name is {name_len} characters; Developer Hub allows at most {NAME_MAX}"
                    ),
                );
            }
            if name.chars().next().is_some_and(|c| c.is_lowercase()) {
                p.warning(
                    pointer_push(&base, "name"),
                    "name should be in sentence case (start with a capital letter)",
                );
            }
            if let Some(first) = names.insert(name, i) {
                p.error(
                    pointer_push(&base, "name"),
                    format!("name `{name}` is already used by /extensions/{first}"),
                );
            }
        }
        if let Some(d) = k.description() {
            let len = d.chars().count();
            if len > DESCRIPTION_MAX {
                p.error(pointer_push(&base, "description"), format!("description is {len} characters; Developer Hub allows at most {DESCRIPTION_MAX}"));
            }
        }
        let path = k.path();
        if !path.starts_with('/') {
            p.error(
                pointer_push(&base, "path"),
                format!("path `{path}` must start with `/`"),
            );
        } else if path.contains(['{', '}', '*', '?', '#', ' ']) {
            p.error(
                pointer_push(&base, "path"),
                format!("path `{path}` must be a plain path (no `{{}}`, `*`, `?`, `#` or spaces)"),
            );
        } else if let Some(first) = paths.insert(path, i) {
            p.error(
                pointer_push(&base, "path"),
                format!("path `{path}` is already used by /extensions/{first}"),
            );
        }
        if let Some(secret) = k.jwt_secret()
            && secret.is_empty()
        {
            p.error(
                pointer_push(&base, "jwt_secret"),
                "JWT secret is empty: leave it unset to use the client secret",
            );
        }
        if k.file().is_some() {
            let s = slug(name);
            if let Some(first) = slugs.insert(format!("{}-{s}", k.kind_id()), i) {
                p.error(
                    pointer_push(&base, "name"),
                    format!("name gives the same export file name as /extensions/{first}"),
                );
            }
        }
        if let Some(view) = k.panel_location()
            && let Some(first) = panel_views.insert(view, i)
        {
            let message = format!(
                "{} already has a panel (/extensions/{first}); an app has at most one panel per detail view",
                view.location().label()
            );
            p.error(pointer_push(&base, "location"), message);
        }
        if let Kind::Panel { ext, structure } = k {
            check_panel(&mut p, &base, ext, structure, app);
        }
        if let Some(locations) = k.menu_locations() {
            menu_count += 1;
            if locations.is_empty()
                && !action_targets.contains(&name)
                && !matches!(k, Kind::CustomUi(_))
            {
                p.error(
                    pointer_push(&base, "locations"),
                    "needs at least one location, or a panel action that uses it",
                );
            }
            for (j, loc) in locations.iter().enumerate() {
                if locations[..j].contains(loc) {
                    p.error(
                        pointer_push(&pointer_push(&base, "locations"), j),
                        format!("{} is listed twice", loc.label()),
                    );
                    continue;
                }
                let n = per_location.entry(*loc).or_default();
                *n += 1;
                if *n > PER_LOCATION_MAX {
                    p.error(pointer_push(&pointer_push(&base, "locations"), j), format!("{} already has {PER_LOCATION_MAX} extensions of this app (the most Developer Hub allows)", loc.label()));
                }
            }
        }
        if let Kind::Link(l) = k
            && !l.verify_token
        {
            p.warning(
                pointer_push(&base, "auth"),
                "token verification is switched off: anyone with the URL can act as any user",
            );
        }
    }
    if menu_count > MENU_EXTENSIONS_MAX {
        p.error("/extensions", format!("{menu_count} menu extensions (link actions, JSON modals, custom modals); Developer Hub allows at most {MENU_EXTENSIONS_MAX}"));
    }
    p
}

fn check_panel(
    p: &mut Problems,
    base: &str,
    ext: &PanelExtension,
    structure: &DataStructure,
    app: &App,
) {
    if ext.basic.is_none() && ext.jwt_secret.is_none() {
        // [DECIDED, `json-panels.md` §1]: Developer Hub requires Basic credentials or the panel's own JWT secret;
        // the client-secret fallback only decides which secret signs the token, it does not fill the field.
        p.error(pointer_push(base, "auth"), "a JSON panel needs HTTP Basic credentials or its own JWT secret (Developer Hub requires one)");
    }
    if let Some(basic) = &ext.basic
        && basic.username().is_empty()
    {
        p.error(pointer_push(base, "basic"), "HTTP Basic username is empty");
    }
    p.extend_under(
        &pointer_push(base, "data_structure"),
        panel::check_data_structure(structure.to_value()),
    );
    let multiple = structure.is_multiple();
    let properties = if multiple {
        structure.to_value().pointer("/items/properties")
    } else {
        structure.to_value().pointer("/properties")
    };
    let actions_ptr = pointer_push(base, "actions");
    let (mut global, mut object, mut fields) = (0, 0, Vec::<&str>::new());
    for (j, action) in ext.actions.iter().enumerate() {
        let ptr = pointer_push(&actions_ptr, j);
        match &action.target {
            ActionTarget::Global => {
                global += 1;
                if global > PANEL_GLOBAL_ACTIONS_MAX {
                    p.error(
                        ptr.clone(),
                        format!("more than {PANEL_GLOBAL_ACTIONS_MAX} global actions"),
                    );
                }
            }
            ActionTarget::Object => {
                object += 1;
                if !multiple {
                    p.error(
                        ptr.clone(),
                        "object actions exist only on multiple-object panels",
                    );
                } else if object > PANEL_OBJECT_ACTIONS_MAX {
                    p.error(
                        ptr.clone(),
                        format!("more than {PANEL_OBJECT_ACTIONS_MAX} object actions"),
                    );
                }
            }
            ActionTarget::Field(key) => {
                if properties.and_then(|props| props.get(key)).is_none() {
                    p.error(
                        pointer_push(&ptr, "target"),
                        format!("field `{key}` is not in the panel's data structure"),
                    );
                }
                if fields.contains(&key.as_str()) {
                    p.error(
                        ptr.clone(),
                        format!("field `{key}` already has an action (one per field)"),
                    );
                } else {
                    fields.push(key);
                    if fields.len() > PANEL_FIELD_ACTIONS_MAX {
                        p.error(
                            ptr.clone(),
                            format!("more than {PANEL_FIELD_ACTIONS_MAX} fields with actions"),
                        );
                    }
                }
            }
        }
        let known = app.entries.iter().any(|e| {
            matches!(e.kind, Kind::Link(_) | Kind::Modal { .. })
                && e.kind.name() == action.extension
        });
        if !known {
            p.error(
                pointer_push(&ptr, "extension"),
                format!(
                    "`{}` is not a link action or JSON modal of this app",
                    action.extension
                ),
            );
        }
    }
}

/// What every endpoint holds.
struct Endpoint {
    name: String,
    auth: AuthConfig,
    settings: Settings,
}

impl Endpoint {
    /// The one place of the secret rule: an extension's own JWT secret, or the app's client secret when it has
    /// none (`shared/spec/auth-and-install.md` §1).
    fn new(
        name: String,
        surface: Surface,
        jwt_secret: Option<JwtSecret>,
        basic: Option<BasicCredentials>,
        settings: &Settings,
    ) -> Arc<Self> {
        Arc::new(Self {
            name,
            auth: AuthConfig {
                surface,
                jwt_secret: jwt_secret.unwrap_or_else(|| settings.client_secret.clone()),
                basic,
            },
            settings: settings.clone(),
        })
    }
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    (status, axum::Json(body)).into_response()
}

fn error_response(surface: Surface, status: StatusCode, message: &str) -> Response {
    json_response(status, &surface.error_body(status, message))
}

/// Decodes the query and verifies the credentials, then parses the context.
fn verify(
    endpoint: &Endpoint,
    req: &Request,
) -> Result<(PipedriveUser, RequestContext), Rejection> {
    let surface = endpoint.auth.surface;
    let params = QueryParams::parse(req.uri().query().unwrap_or_default())
        .map_err(|e| Rejection::from((surface, e)))?;
    let user = endpoint
        .auth
        .verify(req.headers(), &params)
        .map_err(|e| Rejection::unauthorized(surface, &e))?;
    let context =
        RequestContext::from_params(&params).map_err(|e| Rejection::from((surface, e)))?;
    Ok((user, context))
}

async fn run_with_deadline<T>(
    endpoint: &Endpoint,
    fut: impl Future<Output = T>,
) -> Result<T, Response> {
    match tokio::time::timeout(endpoint.settings.deadline, fut).await {
        Ok(v) => Ok(v),
        Err(_) => {
            let surface = endpoint.auth.surface;
            tracing::error!(extension = %endpoint.name, deadline = ?endpoint.settings.deadline, "handler missed its deadline");
            let message = "The app took too long to answer. Please try again.";
            Err(error_response(surface, deadline_status(surface), message))
        }
    }
}

/// Sends `body` if its check passed (or checks only warn); else a 500 with the surface's error body.
fn checked(endpoint: &Endpoint, status: StatusCode, body: Value, problems: Problems) -> Response {
    if problems.has_errors() {
        match endpoint.settings.checks {
            ResponseChecks::Enforce => {
                tracing::error!(extension = %endpoint.name, problems = %problems, "response fails its check; answering 500");
                let message =
                    "The app's answer does not match its uploaded file; see the app's log.";
                return error_response(
                    endpoint.auth.surface,
                    StatusCode::INTERNAL_SERVER_ERROR,
                    message,
                );
            }
            ResponseChecks::Warn => {
                tracing::warn!(extension = %endpoint.name, problems = %problems, "response fails its check; sent anyway");
            }
        }
    } else if !problems.is_empty() {
        tracing::warn!(extension = %endpoint.name, problems = %problems, "response check warnings");
    }
    json_response(status, &body)
}

async fn serve_panel<T, F, Fut>(
    endpoint: &Endpoint,
    structure: &DataStructure,
    handler: &F,
    req: Request,
) -> Response
where
    T: JsonPanel,
    F: Fn(PanelRequest) -> Fut,
    Fut: Future<Output = Result<PanelResponse<T>, PanelError>>,
{
    let (user, context) = match verify(endpoint, &req) {
        Ok(v) => v,
        Err(rejection) => return rejection.into_response(),
    };
    let result = match run_with_deadline(endpoint, handler(PanelRequest { user, context })).await {
        Ok(r) => r,
        Err(response) => return response,
    };
    match result {
        Ok(response) => match serde_json::to_value(&response) {
            Ok(body) => {
                let problems = structure.check_response(&body);
                checked(endpoint, StatusCode::OK, body, problems)
            }
            Err(e) => serialize_failure(endpoint, &e),
        },
        Err(error) => match serde_json::to_value(&error) {
            Ok(body) => checked(endpoint, PANEL_ERROR_STATUS, body, error.check()),
            Err(e) => serialize_failure(endpoint, &e),
        },
    }
}

fn serialize_failure(endpoint: &Endpoint, e: &serde_json::Error) -> Response {
    tracing::error!(extension = %endpoint.name, error = %e, "cannot serialize the response");
    error_response(
        endpoint.auth.surface,
        StatusCode::INTERNAL_SERVER_ERROR,
        "The app could not build its answer.",
    )
}

async fn serve_modal<M, F, Fut>(
    endpoint: &Endpoint,
    schema: &ModalSchema,
    handler: &F,
    req: Request,
) -> Response
where
    M: JsonModal,
    F: Fn(ModalRequest<M>) -> Fut,
    Fut: Future<Output = ModalResponse>,
{
    let surface = Surface::Modal;
    let (user, mut context) = match verify(endpoint, &req) {
        Ok(v) => v,
        Err(rejection) => return rejection.into_response(),
    };
    let call = if req.method() == Method::POST {
        let bytes = match axum::body::to_bytes(req.into_body(), MAX_BODY_BYTES).await {
            Ok(b) => b,
            Err(_) => {
                let message = format!("the request body is larger than {MAX_BODY_BYTES} bytes");
                return error_response(surface, StatusCode::PAYLOAD_TOO_LARGE, &message);
            }
        };
        let body: Value = match serde_json::from_slice(&bytes) {
            Ok(v) => v,
            Err(e) => {
                return error_response(
                    surface,
                    StatusCode::BAD_REQUEST,
                    &format!("the submitted body is not valid JSON: {e}"),
                );
            }
        };
        match modal::parse_submission::<M>(&body) {
            Ok(m) => ModalCall::Submit(m),
            Err(e) => {
                tracing::warn!(extension = %endpoint.name, error = %e, "submission does not parse");
                let body = serde_json::to_value(GlobalError::new(format!(
                    "The form could not be read ({e})."
                )))
                .unwrap_or_else(|_| surface.error_body(StatusCode::BAD_REQUEST, &e.to_string()));
                return json_response(StatusCode::BAD_REQUEST, &body);
            }
        }
    } else {
        match (context.form.take(), context.invoker.take()) {
            (None, None) => ModalCall::Load,
            (Some(form), Some(invoker)) => {
                if let Err(e) = modal::ModalForm::check_invoker(schema, &invoker) {
                    let message = format!("query parameter `invoker`: {}", e.message);
                    return error_response(surface, StatusCode::BAD_REQUEST, &message);
                }
                ModalCall::Refetch { invoker, form }
            }
            (Some(_), None) => {
                return error_response(
                    surface,
                    StatusCode::BAD_REQUEST,
                    "query parameter `invoker`: required with `form` (refetch)",
                );
            }
            (None, Some(_)) => {
                return error_response(
                    surface,
                    StatusCode::BAD_REQUEST,
                    "query parameter `form`: required with `invoker` (refetch)",
                );
            }
        }
    };
    let response = match run_with_deadline(
        endpoint,
        handler(ModalRequest {
            user,
            context,
            call,
        }),
    )
    .await
    {
        Ok(r) => r,
        Err(response) => return response,
    };
    let status = StatusCode::from_u16(response.status()).unwrap_or(StatusCode::OK);
    match serde_json::to_value(&response) {
        Ok(body) => {
            let problems = schema.check_response(&body);
            checked(endpoint, status, body, problems)
        }
        Err(e) => serialize_failure(endpoint, &e),
    }
}

/// The body type of the router's requests, re-exported for handlers that build responses by hand.
pub type RequestBody = Body;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_file_safe() {
        assert_eq!(slug("Create invoice"), "create-invoice");
        assert_eq!(slug("  Déjà vu / 2 "), "d-j-vu-2");
        assert_eq!(slug("Invoices"), "invoices");
    }

    #[test]
    fn deadline_statuses_by_surface() {
        assert_eq!(deadline_status(Surface::Modal), StatusCode::BAD_REQUEST);
        assert_eq!(
            deadline_status(Surface::Panel),
            StatusCode::SERVICE_UNAVAILABLE
        );
    }
}
