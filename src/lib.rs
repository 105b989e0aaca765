//! # pdx: typed, checked Pipedrive app extensions
//!
//! Write a Rust type once; pdx derives the JSON panel data structure or JSON modal schema to upload to
//! Developer Hub, checks what your endpoints answer against it, and serves Pipedrive's requests with verified
//! identity through ordinary axum handlers.
//!
//! Features (the first five are the default):
//! - `derive`: the derive macros [`JsonPanel`], [`JsonModal`] and [`ModalChoice`].
//! - `validate`: the checks of hand-written files and responses, by the formats' JSON Schemas (derived types are
//!   checked without it).
//! - `server`: the axum layer: [`App`], verification, extractors; re-exports [`axum`]; turns `validate` on.
//! - `install`: OAuth install and uninstall, the token store (in memory by default) and the Pipedrive API client.
//! - `sqlite`: the token store in a SQLite file.
//! - `postgres` (off by default): the token store in PostgreSQL, for several instances of an app.
//! - `testing` (off by default): the test kit `pdx::testing` (requests signed as Pipedrive signs them; with
//!   `install`, a fake Pipedrive). Turn it on under `[dev-dependencies]`, so that release builds leave it out.
//!
//! `default-features = false, features = ["derive"]` keeps only the derives, wire models, the checks of derived
//! types and export.
#![doc = include_str!("../README.md")]

pub use pdx_runtime::{Problem, Problems, Severity};
pub use pdx_runtime::{context, credentials, format, hub, modal, panel, problem, scope, webhooks};

// What needs a feature (`server`: `App`, `auth`, `link`, `server`, `axum`; `install`: `api`, `install`, `store`;
// `testing`: `testing`) is there whenever the runtime has it, whether pdx's features or a dev-dependency on
// `pdx-runtime` turned it on (pdx's own tests turn on `testing` that way): a `cfg(feature)` here would see only
// pdx's own features. Empty in a build with none of them (the derive-only build).
#[allow(unused_imports, unreachable_pub)]
pub use pdx_runtime::facade_extras::*;

#[cfg(feature = "derive")]
pub use pdx_macros::{CustomFields, JsonModal, JsonPanel, ModalChoice};

/// Custom fields per company: a struct's fields mapped to each company's custom fields by name, with typed
/// values (see [`CustomFields`](macro@CustomFields) and the runtime's module page below).
pub mod custom_fields {
    /// Derives [`CustomFields`](trait@CustomFields) (the derive's page: [`pdx::CustomFields`](macro@crate::CustomFields)).
    #[cfg(feature = "derive")]
    pub use pdx_macros::CustomFields;
    #[doc(inline)]
    pub use pdx_runtime::custom_fields::*;
}

#[doc(hidden)]
pub use pdx_runtime::__private;
