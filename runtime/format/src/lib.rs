//! Pipedrive's app-extension limits, name tables and format constants, each written once with the Pipedrive page
//! it comes from. `pdx-runtime` (the checks, the wire models) and `pdx-macros` (the derives' compile-time
//! checks) both read them, so a limit Pipedrive changes is changed here only.
//!
//! Where Pipedrive's docs are silent, the constant's doc says so in plain words and says what pdx assumes.
//!
//! Names: `MAX_…` for a maximum and `MIN_…` for a minimum (`MAX_BLOCKS`, `MIN_ACTIONS`), with `_CHARS` when it
//! counts characters (`MAX_LABEL_CHARS`: Pipedrive shows a label up to 40 characters, then truncates it); tables
//! and fixed names are nouns in Pipedrive's words (`FIELD_TYPES`, `ELEMENTS`, `URL_HANDLER`).
//!
//! No dependencies, `no_std`: plain `const`s and `&[&str]` tables, and the word splitting of [`case`] (with
//! `alloc`).

#![no_std]

extern crate alloc;

pub mod api;
pub mod case;
pub mod date;
pub mod hub;
pub mod location;
pub mod modal;
pub mod page;
pub mod panel;
pub mod registration;
pub mod scope;
