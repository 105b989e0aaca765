//! `#[derive(ModalChoice)]`: a fieldless enum's variants as items (value = serde name, label = `#[modal(label)]`
//! or the variant name in sentence case, `#[modal(disabled)]` → `isDisabled`).

use super::{default_crate, did_you_mean};
use crate::case::sentence_case;
use crate::serde_attr;
use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, LitStr};

struct Variant {
    ident: syn::Ident,
    value: String,
    label: String,
    disabled: bool,
}

pub(crate) fn expand(input: &DeriveInput) -> TokenStream {
    let mut errors: Vec<syn::Error> = Vec::new();
    let mut krate = default_crate();
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("modal")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                krate = meta.value()?.parse::<LitStr>()?.parse()?;
            } else {
                let name = meta
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                errors.push(meta.error(format!(
                    "unknown modal attribute `{name}` on the enum{}",
                    did_you_mean(&name, &["crate"])
                )));
                super::attr::skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    let serde_container = serde_attr::container(&input.attrs);
    let mut variants = Vec::new();
    match &input.data {
        Data::Enum(e) => {
            if e.variants.is_empty() {
                errors.push(syn::Error::new(
                    input.ident.span(),
                    "a `ModalChoice` enum needs at least one variant",
                ));
            }
            for v in &e.variants {
                if !matches!(v.fields, Fields::Unit) {
                    errors.push(syn::Error::new(
                        v.fields.span(),
                        "`ModalChoice` variants carry no data: each variant is one item, its serde name the value",
                    ));
                    continue;
                }
                let member = serde_attr::member(&v.attrs);
                if member.skip_de || member.other {
                    continue; // not an item a user can pick
                }
                let mut label = None;
                let mut disabled = false;
                for attr in v.attrs.iter().filter(|a| a.path().is_ident("modal")) {
                    let result = attr.parse_nested_meta(|meta| {
                        if meta.path.is_ident("label") {
                            label = Some(meta.value()?.parse::<LitStr>()?.value());
                        } else if meta.path.is_ident("disabled") {
                            disabled = true;
                        } else {
                            let name = meta
                                .path
                                .get_ident()
                                .map(ToString::to_string)
                                .unwrap_or_default();
                            errors.push(meta.error(format!(
                                "unknown modal attribute `{name}` on a variant{}",
                                did_you_mean(&name, &["label", "disabled"])
                            )));
                            super::attr::skip_value(&meta)?;
                        }
                        Ok(())
                    });
                    if let Err(e) = result {
                        errors.push(e);
                    }
                }
                let name = v.ident.to_string();
                if serde_container.variant_name_ser(&member, &name)
                    != serde_container.variant_name_de(&member, &name)
                {
                    errors.push(syn::Error::new(
                        v.ident.span(),
                        "an item has one value: serde names this variant differently when serializing and deserializing",
                    ));
                }
                variants.push(Variant {
                    value: serde_container.variant_name_de(&member, &name),
                    label: label.unwrap_or_else(|| sentence_case(&name)),
                    ident: v.ident.clone(),
                    disabled,
                });
            }
            for (i, v) in variants.iter().enumerate() {
                if variants[..i].iter().any(|w| w.value == v.value) {
                    errors.push(syn::Error::new(
                        v.ident.span(),
                        format!("item value `{}` is used twice", v.value),
                    ));
                }
            }
        }
        _ => errors.push(syn::Error::new(
            input.ident.span(),
            "`ModalChoice` is derived on a fieldless enum (each variant is one item)",
        )),
    }
    if !input.generics.params.is_empty() {
        errors.push(syn::Error::new(
            input.generics.span(),
            "`ModalChoice` cannot be derived for a generic enum",
        ));
    }
    let ident = &input.ident;
    let k = &krate;
    if !errors.is_empty() {
        let errors = errors.iter().map(syn::Error::to_compile_error);
        let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
        return quote! {
            #(#errors)*
            impl #impl_generics #k::modal::ModalChoice for #ident #ty_generics #where_clause {
                fn choices() -> &'static [#k::modal::ChoiceItem] { &[] }
                fn value(&self) -> &'static str { "" }
            }
        };
    }
    let items = variants.iter().map(|v| {
        let (value, label, disabled) = (&v.value, &v.label, v.disabled);
        quote!(#k::modal::ChoiceItem { value: #value, label: #label, disabled: #disabled })
    });
    let arms = variants.iter().map(|v| {
        let (variant, value) = (&v.ident, &v.value);
        quote!(#ident::#variant => #value)
    });
    // `#[serde(other)]`/skipped variants have no item value of their own.
    let fallback = (variants.len() < count_variants(input)).then(|| quote!(_ => ""));
    quote! {
        #[automatically_derived]
        impl #k::modal::ModalChoice for #ident {
            fn choices() -> &'static [#k::modal::ChoiceItem] {
                &[#(#items),*]
            }

            fn value(&self) -> &'static str {
                match self {
                    #(#arms,)*
                    #fallback
                }
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<#ident> for #k::modal::ChoiceValue {
            fn from(choice: #ident) -> Self {
                #k::modal::ChoiceValue::String(::std::string::String::from(
                    <#ident as #k::modal::ModalChoice>::value(&choice),
                ))
            }
        }
    }
}

fn count_variants(input: &DeriveInput) -> usize {
    match &input.data {
        Data::Enum(e) => e.variants.len(),
        _ => 0,
    }
}
