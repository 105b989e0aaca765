//! # pdx: typed, checked Pipedrive app extensions
//!
//! Write a Rust type once; pdx derives the JSON panel data structure or JSON modal schema to upload to
//! Developer Hub, checks what your endpoints answer against it, and serves Pipedrive's requests with verified
//! identity through ordinary axum handlers.
//!
//! Features: `derive` (the derive macros), `validate` (the checks of hand-written files and responses, by the
//! formats' JSON Schemas), `server` (the axum layer: [`App`], extractors; re-exports [`axum`]; turns `validate`
//! on), `testing` (the test kit; with `install`, a fake Pipedrive), `install` (OAuth install, the token store, the API client). All are on by
//! default; `default-features = false, features = ["derive"]` keeps only the derives, wire models, the checks of
//! derived types and export.
#![doc = include_str!("../README.md")]

pub use pdx_runtime::{Problem, Problems, Severity};
pub use pdx_runtime::{context, credentials, hub, modal, panel, problem, scope, webhooks};

#[cfg(feature = "server")]
pub use pdx_runtime::{auth, link, server};

/// The axum pdx is built on, so an app uses the same major version.
#[cfg(feature = "server")]
pub use axum;

#[cfg(feature = "server")]
pub use pdx_runtime::server::App;

#[cfg(feature = "testing")]
pub use pdx_runtime::testing;

#[cfg(feature = "install")]
pub use pdx_runtime::{api, install, store};

#[cfg(feature = "derive")]
pub use pdx_macros::{JsonModal, JsonPanel, ModalChoice};

#[doc(hidden)]
pub use pdx_runtime::__private;
