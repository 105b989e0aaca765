//! `#[derive(JsonPanel)]`: reads the struct (`attr`), checks the panel's rules across fields (`check`), then
//! writes the `JsonPanel` impl (`expand`). On error it writes the errors and a dummy impl.

mod attr;
mod check;
mod expand;

use proc_macro2::TokenStream;
use syn::DeriveInput;

pub(crate) fn expand(input: &DeriveInput) -> TokenStream {
    let mut errors = attr::Errors::default();
    let model = attr::read(input, &mut errors);
    if let Some(model) = &model {
        check::check(model, &mut errors);
    }
    match (errors.combined(), model) {
        (None, Some(model)) => expand::implementation(&model),
        (error, model) => {
            let error = error.map(|e| e.to_compile_error()).unwrap_or_default();
            let krate = model.as_ref().and_then(|m| m.krate.clone());
            let dummy = expand::dummy(input, krate.as_ref());
            quote::quote!(#error #dummy)
        }
    }
}
