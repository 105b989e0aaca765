//! `#[derive(JsonModal)]` and `#[derive(ModalChoice)]`.
//!
//! Like the panel derive: `parse` reads the `#[modal(...)]` attributes into a raw model, `block` turns each field
//! into a block (its element and the checks of its own options), `check` checks the rules across blocks and
//! buttons, `expand` writes the code from the checked `model`. Every error is collected; on error a dummy impl
//! is written next to them. `choice` is the `ModalChoice` derive.

mod block;
mod check;
mod choice;
mod element;
mod expand;
mod model;
mod parse;

use crate::errors::Errors;
use crate::serde_attr;
use model::Modal;
use proc_macro2::TokenStream;
use syn::{Data, DeriveInput, Fields};

pub(crate) fn expand(input: &DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let modal = read(input, &mut errors);
    match errors.to_compile_errors() {
        None => expand::expand(&modal),
        Some(compile_errors) => {
            let dummy = expand::dummy(input, &modal.krate);
            quote::quote! { #compile_errors #dummy }
        }
    }
}

pub(crate) fn expand_choice(input: &DeriveInput) -> TokenStream {
    choice::expand(input)
}

/// Reads and checks the struct; the model is complete only when no error was reported.
fn read(input: &DeriveInput, errors: &mut Errors) -> Modal {
    let container = parse::container(&input.attrs, errors);
    check::buttons(&container.buttons, &input.ident, errors);
    let serde_container = serde_attr::container(&input.attrs);
    let mut pending: Vec<block::PendingBlock> = named_fields(input, errors)
        .iter()
        .filter_map(|field| block::read(field, &serde_container, errors))
        .collect();
    check::blocks(&pending, errors);
    check::visibility(&mut pending, errors);
    let actions = check::button_visibility(&pending, container.buttons, errors);
    Modal {
        ident: input.ident.clone(),
        krate: container.krate,
        blocks: pending.into_iter().map(|p| p.block).collect(),
        actions,
    }
}

/// The struct's named fields (each one block); an error for anything else.
fn named_fields<'a>(input: &'a DeriveInput, errors: &mut Errors) -> Vec<&'a syn::Field> {
    if !input.generics.params.is_empty() {
        errors.push(
            syn::spanned::Spanned::span(&input.generics),
            "`JsonModal` cannot be derived for a generic type",
        );
    }
    match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => named.named.iter().collect(),
            _ => {
                errors.push(
                    input.ident.span(),
                    "`JsonModal` needs a struct with named fields: each field is a block, its name the block key",
                );
                Vec::new()
            }
        },
        _ => {
            errors.push(
                input.ident.span(),
                "`JsonModal` is derived on a struct with named fields (each field is a block)",
            );
            Vec::new()
        }
    }
}
