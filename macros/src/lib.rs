//! Derive macros of pdx. Use them through the `pdx` crate: `use pdx::{JsonPanel, JsonModal, ModalChoice};`.
//!
//! Each derive parses its attributes into a typed model first (`*/attr.rs`), checks it, collecting every error,
//! and only then generates code (`*/expand.rs`). On error it still emits a dummy impl of the trait, so one
//! mistake gives one message and no cascade of "trait not implemented" errors.

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

mod case;
mod errors;
mod hint;
mod meta;
mod modal;
mod panel;
mod serde_attr;

/// Derives `pdx::panel::JsonPanel`: the struct is one object of a Pipedrive JSON panel.
#[proc_macro_derive(JsonPanel, attributes(panel))]
pub fn derive_json_panel(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    panel::expand(&input).into()
}

/// Derives `pdx::modal::JsonModal`: the struct's fields are the blocks of a Pipedrive JSON modal.
#[proc_macro_derive(JsonModal, attributes(modal))]
pub fn derive_json_modal(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    modal::expand(&input).into()
}

/// Derives `pdx::modal::ModalChoice`: a fieldless enum whose variants are the items of a select, radio group or
/// checkbox group.
#[proc_macro_derive(ModalChoice, attributes(modal))]
pub fn derive_modal_choice(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    modal::expand_choice(&input).into()
}
