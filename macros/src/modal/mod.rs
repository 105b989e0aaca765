//! `#[derive(JsonModal)]` and `#[derive(ModalChoice)]`. SKELETON: the modal helper replaces this module.

use proc_macro2::TokenStream;
use syn::DeriveInput;

pub(crate) fn expand(_input: &DeriveInput) -> TokenStream {
    TokenStream::new()
}

pub(crate) fn expand_choice(_input: &DeriveInput) -> TokenStream {
    TokenStream::new()
}
