//! `#[derive(JsonPanel)]`: reads the struct (`attr`), checks the panel's rules across fields (`check`), then
//! writes the `JsonPanel` impl (`expand`). On error it writes the errors and a dummy impl.

mod attr;
mod check;
mod expand;

use crate::errors::Errors;
use proc_macro2::TokenStream;
use syn::DeriveInput;

pub(crate) fn expand(input: &DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let model = attr::read(input, &mut errors);
    if let Some(model) = &model {
        check::check(model, &mut errors);
    }
    match (errors.to_compile_errors(), model) {
        (None, Some(model)) => expand::implementation(&model),
        (error, model) => {
            let krate = model.as_ref().and_then(|m| m.krate.clone());
            let list = model.as_ref().is_some_and(|m| m.list.is_some());
            let dummy = expand::dummy(input, krate.as_ref(), list);
            quote::quote!(#error #dummy)
        }
    }
}
