//! # pdx: typed, checked Pipedrive app extensions
//!
//! Write a Rust type once; pdx derives the JSON panel data structure or JSON modal schema to upload to
//! Developer Hub, checks what your endpoints answer against it, and serves Pipedrive's requests with verified
//! identity. See the README for a tour.

pub use pdx_runtime::{
    Problem, Problems, Severity, app, auth, context, link, modal, panel, problem, testing,
};

#[cfg(feature = "install")]
pub use pdx_runtime::{api, install, store};

#[cfg(feature = "derive")]
pub use pdx_macros::{JsonModal, JsonPanel, ModalChoice};

#[doc(hidden)]
pub use pdx_runtime::__private;
