//! Runtime of pdx: the wire models of Pipedrive's app-extension formats, their limits and checks (always built),
//! and an axum server layer that verifies Pipedrive's requests and checks what the app answers (feature
//! `server`).
//!
//! One module per Pipedrive surface, each holding its wire types, limits and validation together; the server
//! layer is apart from the format layer. Users normally depend on the `pdx` facade crate, which re-exports
//! these modules.

pub mod problem;

pub mod context;
pub mod credentials;
pub mod hub;
pub mod modal;
pub mod panel;

#[cfg(feature = "server")]
pub mod auth;
#[cfg(feature = "server")]
pub mod link;
#[cfg(feature = "server")]
pub mod server;
#[cfg(feature = "testing")]
pub mod testing;

pub use problem::{Problem, Problems, Severity};

/// Items used by the code that `pdx-macros` generates. Not a public API: may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
    pub use std::sync::OnceLock;
}
