//! Runtime of pdx: the wire models of Pipedrive's app-extension formats, their limits and the checks of what
//! derived types produce (always built), the checks of hand-written files and responses by the JSON Schemas of the
//! formats (feature `validate`), and an axum server layer that verifies Pipedrive's requests and checks what the
//! app answers (feature `server`).
//!
//! One module per Pipedrive surface, each holding its wire types, limits and validation together; the server
//! layer is apart from the format layer. Users normally depend on the `pdx` facade crate, which re-exports
//! these modules.

pub mod problem;

#[cfg(feature = "validate")]
mod json_schema;
mod script_url;

pub mod context;
pub mod credentials;
pub mod custom_fields;
pub mod hub;
pub mod modal;
pub mod panel;
pub mod scope;
pub mod webhooks;

#[cfg(feature = "server")]
pub mod auth;
#[cfg(feature = "server")]
pub mod link;
#[cfg(feature = "server")]
pub mod server;
#[cfg(feature = "testing")]
pub mod testing;

pub use problem::{Problem, Problems, Severity};

/// Every Pipedrive limit and name table (scopes, locations, panel and modal limits...), written once with the
/// Pipedrive page it comes from.
pub use pdx_format as format;

/// What the `pdx` facade re-exports whenever this crate has it, whichever package of the build turned the
/// feature on: `pdx`'s own features, or a dev-dependency on this crate (`pdx`'s own tests turn `testing` on here;
/// this crate's doctests use `pdx::` paths while `pdx` has only its `derive` feature). A `cfg(feature)` in `pdx`
/// would see only `pdx`'s own features; `pdx` glob-imports this module instead.
#[doc(hidden)]
pub mod facade_extras {
    #[cfg(feature = "server")]
    pub use crate::server::App;
    #[cfg(feature = "server")]
    pub use crate::{auth, link, server};
    /// The axum pdx is built on, so an app uses the same major version.
    #[cfg(feature = "server")]
    pub use axum;

    #[cfg(feature = "install")]
    pub use crate::{api, install, store};

    #[cfg(feature = "testing")]
    pub use crate::testing;
}

/// Items used by the code that `pdx-macros` generates. Not a public API: may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
    pub use std::sync::OnceLock;

    /// Whether `list` holds `value`, at compile time: `#[derive(JsonModal)]` checks a default `value` against
    /// a `ModalChoice` enum's `VALUES` with it.
    pub const fn contains(list: &[&str], value: &str) -> bool {
        let mut i = 0;
        while i < list.len() {
            if str_eq(list[i], value) {
                return true;
            }
            i += 1;
        }
        false
    }

    const fn str_eq(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
}

#[cfg(feature = "install")]
pub mod api;
#[cfg(feature = "install")]
pub mod install;
#[cfg(feature = "install")]
pub mod store;
