//! Writes the `JsonPanel` impl of a checked panel model.

use super::attr::{FieldKind, PanelInput};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

fn krate_path(krate: Option<&syn::Path>) -> TokenStream {
    match krate {
        Some(path) => quote!(#path),
        None => quote!(::pdx),
    }
}

/// The `$ref` type of a `type = "..."` name (checked by `attr`).
fn field_type_variant(name: &str) -> TokenStream {
    match name {
        "date" => quote!(Date),
        "time" => quote!(Time),
        "date-time" => quote!(DateTime),
        "email" => quote!(Email),
        "link" => quote!(Link),
        "phone" => quote!(Phone),
        "address" => quote!(Address),
        _ => quote!(Text),
    }
}

pub(crate) fn implementation(model: &PanelInput) -> TokenStream {
    let krate = krate_path(model.krate.as_ref());
    let ident = &model.ident;
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    let (kind, objects) = if model.list.is_some() {
        (quote!(Multiple), quote!(MultipleObjects))
    } else {
        (quote!(Single), quote!(SingleObject))
    };

    let fields = model.fields.iter().map(|f| {
        let ty = &f.ty;
        let key = &f.key;
        let (field_type, required) = match &f.kind {
            FieldKind::Natural => (
                quote_spanned!(ty.span()=> <#ty as #krate::panel::PanelField>::FIELD_TYPE),
                quote_spanned!(ty.span()=> <#ty as #krate::panel::PanelField>::REQUIRED),
            ),
            FieldKind::Header(_) => (
                quote!(#krate::panel::FieldType::Header),
                quote_spanned!(ty.span()=> <#ty as #krate::panel::PanelString>::REQUIRED),
            ),
            FieldKind::Explicit(name) => {
                let variant = field_type_variant(name);
                (
                    quote!(#krate::panel::FieldType::#variant),
                    quote_spanned!(ty.span()=> <#ty as #krate::panel::PanelString>::REQUIRED),
                )
            }
        };
        let label = match &f.label {
            Some(l) => quote!(::core::option::Option::Some(#l)),
            None => quote!(::core::option::Option::None),
        };
        quote! {
            #krate::panel::StructureField { key: #key, field_type: #field_type, label: #label, required: #required }
        }
    });

    let action = |name: &syn::LitStr, target: TokenStream| quote!(#krate::panel::PanelAction { name: #name, target: #krate::panel::ActionTarget::#target });
    let mut actions: Vec<TokenStream> = Vec::new();
    actions.extend(
        model
            .global_actions
            .iter()
            .map(|a| action(a, quote!(Global))),
    );
    actions.extend(
        model
            .object_actions
            .iter()
            .map(|a| action(a, quote!(Object))),
    );
    actions.extend(model.fields.iter().filter_map(|f| {
        let key = &f.key;
        f.action.as_ref().map(|a| action(a, quote!(Field(#key))))
    }));

    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::panel::JsonPanel for #ident #ty_generics #where_clause {
            type Objects = #krate::panel::#objects;

            fn data_structure() -> &'static #krate::panel::DataStructure {
                static STRUCTURE: #krate::__private::OnceLock<#krate::panel::DataStructure> =
                    #krate::__private::OnceLock::new();
                STRUCTURE.get_or_init(|| {
                    #krate::panel::DataStructure::from_fields(
                        #krate::panel::PanelKind::#kind,
                        &[#(#fields),*],
                    )
                })
            }

            fn actions() -> &'static [#krate::panel::PanelAction] {
                &[#(#actions),*]
            }
        }
    }
}

/// The impl written next to the errors, so that one mistake gives one message.
pub(crate) fn dummy(
    input: &syn::DeriveInput,
    krate: Option<&syn::Path>,
    list: bool,
) -> TokenStream {
    let krate = krate_path(krate);
    // The kind the user asked for, so that their `PanelResponse::object`/`objects` calls add no second error.
    let objects = if list {
        quote!(MultipleObjects)
    } else {
        quote!(SingleObject)
    };
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    // Bounded on `Serialize` so that a type serde cannot serialize (e.g. a bad generic) adds no second error.
    let mut where_clause = where_clause
        .cloned()
        .unwrap_or_else(|| syn::parse_quote!(where));
    where_clause
        .predicates
        .push(syn::parse_quote!(#ident #ty_generics: #krate::__private::serde::Serialize));
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::panel::JsonPanel for #ident #ty_generics #where_clause {
            type Objects = #krate::panel::#objects;

            fn data_structure() -> &'static #krate::panel::DataStructure {
                ::core::unreachable!("the JsonPanel derive failed to compile")
            }
        }
    }
}
