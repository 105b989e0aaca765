//! Pipedrive's app-extension limits, name tables and format constants, each written once with the Pipedrive page
//! it comes from. `pdx-runtime` (the checks, the wire models) and `pdx-macros` (the derives' compile-time
//! checks) both read them, so a limit Pipedrive changes is changed here only.
//!
//! Where Pipedrive's docs are silent, the constant's doc says so in plain words and says what pdx assumes.
//!
//! No dependencies, `no_std`: plain `const`s and `&[&str]` tables.

#![no_std]

pub mod api;
pub mod hub;
pub mod location;
pub mod modal;
pub mod page;
pub mod panel;
pub mod registration;
pub mod scope;
