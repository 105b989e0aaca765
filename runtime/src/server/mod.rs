//! The server layer (feature `server`): serve a Pipedrive app with axum.
//!
//! - [`App`]: register each extension with an ordinary axum handler; get a plain [`axum::Router`].
//! - [`ExtensionLayer`]: verification, deadline, panic handling and response checks, on every extension route
//!   (and on routes of your own that need them).
//! - Extractors: [`PipedriveUser`](crate::auth::PipedriveUser), [`RequestContext`](crate::context::RequestContext),
//!   [`Selection`](crate::context::Selection), and [`ModalCall`] for modals.
//!
//! pdx logs through [`tracing`](https://docs.rs/tracing): every refused request with its reason, every failed
//! response check with its problems, panics and missed deadlines. Install a subscriber to see them, e.g.
//! `tracing_subscriber::fmt().with_env_filter("info").init()`. Every value that came from a request or from
//! Pipedrive is logged through [`Untrusted`]: one quoted line, control characters escaped, length capped.

mod app;
mod custom_ui;
mod extract;
mod handler;
mod layer;
mod modal_call;
mod respond;
mod serve;
mod settings;
mod untrusted;

pub use app::App;
pub use custom_ui::{CustomUiCallLayer, CustomUiCallService, verify_sdk_token};
pub use handler::{ExtensionHandler, ModalHandler, ModalOutput, PanelHandler, PanelOutput};
pub use layer::{ExtensionLayer, ExtensionService};
pub use modal_call::{ModalCall, ModalCallRejection};
pub use respond::escape_html;
pub use serve::{HEADER_READ_TIMEOUT, Serve, serve};
pub use settings::{
    DEFAULT_DEADLINE, MAX_BODY_BYTES, PANEL_ERROR_STATUS, ResponseChecks, deadline_status,
};
pub use untrusted::{MAX_LOGGED_BYTES, Untrusted};
