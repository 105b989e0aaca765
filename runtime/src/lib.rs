//! Runtime of pdx: the wire models of Pipedrive's app-extension formats, their limits and checks, and an
//! axum server layer that verifies Pipedrive's requests and checks what the app answers.
//!
//! One module per Pipedrive surface, each holding its wire types, limits and validation together.
//! Users normally depend on the `pdx` facade crate, which re-exports these modules.

pub mod problem;

pub mod modal;
pub mod panel;

pub mod app;
pub mod auth;
pub mod context;
pub mod link;
pub mod testing;

pub use problem::{Problem, Problems, Severity};

/// Items used by the code that `pdx-macros` generates. Not a public API: may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
    pub use std::sync::OnceLock;
}

#[cfg(feature = "install")]
pub mod api;
#[cfg(feature = "install")]
pub mod install;
#[cfg(feature = "install")]
pub mod store;
