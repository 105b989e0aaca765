//! `#[derive(CustomFields)]`: a struct's fields mapped to one kind of object's custom fields, by name or code.
//! Parsing (`parse`), checking (`check`) and code generation (`expand`) are apart; every error is collected and
//! reported next to a dummy impl.

mod check;
mod expand;
mod parse;

use crate::errors::Errors;
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn expand(input: &syn::DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let model = parse::model(input, &mut errors);
    check::model(&model, &mut errors);
    match errors.to_compile_errors() {
        Some(errors) => {
            let dummy = expand::dummy(input, &model.krate);
            quote!(#errors #dummy)
        }
        None => expand::implementation(input, &model),
    }
}
