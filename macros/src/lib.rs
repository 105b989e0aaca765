//! Derive macros of pdx. Use them through the `pdx` crate: `use pdx::{JsonPanel, JsonModal, ModalChoice};`.
//!
//! The reference of every attribute is on each derive: [`JsonPanel`](macro@JsonPanel),
//! [`JsonModal`](macro@JsonModal), [`ModalChoice`](macro@ModalChoice).
//!
//! Each derive reads its attributes into a typed model first (`parse`), checks it with the limits of `pdx-format`
//! (`check`), collecting every error in one accumulator, and only then generates code (`expand`). On error it
//! still emits a dummy impl of the trait, so one mistake gives one message and no cascade of "trait not
//! implemented" errors.
//!
//! Attributes are read with syn's `parse_nested_meta`, not darling: their grammar (tuples in `items(...)`, rules
//! in `visible_on(field, equals = value)`, keys that depend on the element the Rust type picks) needs a hand
//! reader anyway, and reading key by key lets every mistake be reported with its span while reading goes on.

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

mod case;
mod custom_fields;
mod errors;
mod hint;
mod meta;
mod modal;
mod panel;
mod serde_attr;

#[doc = include_str!("doc/json_panel.md")]
#[proc_macro_derive(JsonPanel, attributes(panel))]
pub fn derive_json_panel(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    panel::expand(&input).into()
}

#[doc = include_str!("doc/json_modal.md")]
#[proc_macro_derive(JsonModal, attributes(modal))]
pub fn derive_json_modal(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    modal::expand(&input).into()
}

#[doc = include_str!("doc/modal_choice.md")]
#[proc_macro_derive(ModalChoice, attributes(modal))]
pub fn derive_modal_choice(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    modal::expand_choice(&input).into()
}

#[doc = include_str!("doc/custom_fields.md")]
#[proc_macro_derive(CustomFields, attributes(custom_fields, custom_field))]
pub fn derive_custom_fields(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    custom_fields::expand(&input).into()
}
