//! `#[derive(ModalChoice)]`: a fieldless enum's variants as items (value = serde name, label = `#[modal(label)]`
//! or the variant name in sentence case, `#[modal(disabled)]` → `isDisabled`, `#[modal(visible_on(...))]` →
//! the item's `visibleOn`).

use super::model::RawVisibleOn;
use super::model::VisibleOn;
use super::parse;
use crate::errors::Errors;
use crate::hint::did_you_mean;
use crate::meta::{attrs_named, crate_path, default_crate, key_of, skip_value, string};
use crate::serde_attr::{self, SerdeContainer};
use pdx_format::case::sentence_case;
use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields};

/// The keys `#[modal(...)]` takes on a variant: `label`, then the item keys `pdx-format` names.
const VARIANT_KEYS: &[&str] = &["label", parse::DISABLED, parse::VISIBLE_ON];

/// One item, read.
struct Variant {
    ident: syn::Ident,
    value: String,
    label: String,
    disabled: bool,
    visible_on: Option<VisibleOn>,
}

pub(crate) fn expand(input: &DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let krate = container(input, &mut errors);
    let variants = variants(input, &mut errors);
    if !input.generics.params.is_empty() {
        errors.push(
            input.generics.span(),
            "`ModalChoice` cannot be derived for a generic enum",
        );
    }
    match errors.to_compile_errors() {
        Some(errors) => {
            let dummy = dummy(input, &krate);
            quote!(#errors #dummy)
        }
        None => implementation(input, &krate, &variants),
    }
}

/// The enum's `#[modal(crate = "...")]`.
fn container(input: &DeriveInput, errors: &mut Errors) -> syn::Path {
    let mut krate = default_crate();
    for attr in attrs_named(&input.attrs, "modal") {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                krate = crate_path(&meta)?;
            } else {
                let name = key_of(&meta);
                errors.add(meta.error(format!(
                    "unknown modal attribute `{name}` on the enum; {}",
                    did_you_mean(&name, &["crate"])
                )));
                skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.add(e);
        }
    }
    krate
}

/// The items: every unit variant serde reads, with unique values.
fn variants(input: &DeriveInput, errors: &mut Errors) -> Vec<Variant> {
    let Data::Enum(e) = &input.data else {
        errors.push(
            input.ident.span(),
            "`ModalChoice` is derived on a fieldless enum (each variant is one item)",
        );
        return Vec::new();
    };
    if e.variants.is_empty() {
        errors.push(
            input.ident.span(),
            "a `ModalChoice` enum needs at least one variant",
        );
    }
    let serde_container = serde_attr::container(&input.attrs);
    let variants: Vec<Variant> = e
        .variants
        .iter()
        .filter_map(|v| variant(v, &serde_container, errors))
        .collect();
    for (i, v) in variants.iter().enumerate() {
        if variants[..i].iter().any(|w| w.value == v.value) {
            errors.push(
                v.ident.span(),
                format!("item value `{}` is used twice", v.value),
            );
        }
    }
    variants
}

/// One variant; `None` when it is no item (skipped, `#[serde(other)]`) or carries data.
fn variant(
    v: &syn::Variant,
    serde_container: &SerdeContainer,
    errors: &mut Errors,
) -> Option<Variant> {
    if !matches!(v.fields, Fields::Unit) {
        errors.push(
            v.fields.span(),
            "`ModalChoice` variants carry no data: each variant is one item, its serde name the value",
        );
        return None;
    }
    let member = serde_attr::member(&v.attrs);
    if member.skip_de || member.other {
        return None; // not an item a user can pick
    }
    let name = v.ident.to_string();
    let value = serde_container.variant_name_de(&member, &name);
    if serde_container.variant_name_ser(&member, &name) != value {
        errors.push(
            v.ident.span(),
            "an item has one value: serde names this variant differently when serializing and deserializing",
        );
    }
    let mut item = Variant {
        ident: v.ident.clone(),
        value,
        label: sentence_case(&name),
        disabled: false,
        visible_on: None,
    };
    for attr in attrs_named(&v.attrs, "modal") {
        if let Err(e) = attr.parse_nested_meta(|meta| variant_key(&meta, &mut item, errors)) {
            errors.add(e);
        }
    }
    Some(item)
}

/// One key of a variant's `#[modal(...)]`.
fn variant_key(
    meta: &syn::meta::ParseNestedMeta<'_>,
    item: &mut Variant,
    errors: &mut Errors,
) -> syn::Result<()> {
    let name = key_of(meta);
    match name.as_str() {
        "label" => item.label = string(meta)?,
        parse::DISABLED => item.disabled = true,
        // The enum cannot see the modal's fields: the rule names the block by its key, as written.
        parse::VISIBLE_ON => {
            item.visible_on = Some(match parse::visible_on(meta)? {
                RawVisibleOn::Fixed(true) => VisibleOn::Always,
                RawVisibleOn::Fixed(false) => VisibleOn::Never,
                RawVisibleOn::When(key, condition) => VisibleOn::When {
                    key: key.to_string(),
                    condition,
                },
            });
        }
        _ => {
            errors.add(meta.error(format!(
                "unknown modal attribute `{name}` on a variant; {}",
                did_you_mean(&name, VARIANT_KEYS)
            )));
            skip_value(meta)?;
        }
    }
    Ok(())
}

fn implementation(input: &DeriveInput, k: &syn::Path, variants: &[Variant]) -> TokenStream {
    let ident = &input.ident;
    let values = variants.iter().map(|v| &v.value);
    let items = variants.iter().map(|v| {
        let (value, label, disabled) = (&v.value, &v.label, v.disabled);
        quote!(#k::modal::ChoiceItem { value: #value, label: #label, disabled: #disabled })
    });
    let arms = variants.iter().map(|v| {
        let (variant, value) = (&v.ident, &v.value);
        quote!(#ident::#variant => #value)
    });
    // `#[serde(other)]`/skipped variants have no item value of their own.
    let all = match &input.data {
        Data::Enum(e) => e.variants.len(),
        _ => 0,
    };
    let fallback = (variants.len() < all).then(|| quote!(_ => ""));
    let visibility = item_visible_on(k, variants);
    quote! {
        #[automatically_derived]
        impl #k::modal::ModalChoice for #ident {
            const VALUES: &'static [&'static str] = &[#(#values),*];

            fn choices() -> &'static [#k::modal::ChoiceItem] {
                &[#(#items),*]
            }

            fn value(&self) -> &'static str {
                match self {
                    #(#arms,)*
                    #fallback
                }
            }

            #visibility
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

/// `item_visible_on`, when a variant has a rule.
fn item_visible_on(k: &syn::Path, variants: &[Variant]) -> Option<TokenStream> {
    let arms: Vec<TokenStream> = variants
        .iter()
        .filter_map(|v| {
            let value = &v.value;
            let rule = super::expand::visible_on(k, v.visible_on.as_ref()?);
            Some(quote!(#value => ::core::option::Option::Some(#rule)))
        })
        .collect();
    if arms.is_empty() {
        return None;
    }
    Some(quote! {
        fn item_visible_on(value: &str) -> ::core::option::Option<#k::modal::VisibleOn> {
            match value {
                #(#arms,)*
                _ => ::core::option::Option::None,
            }
        }
    })
}

/// The impl written next to the errors, so that one mistake gives one message.
fn dummy(input: &DeriveInput, k: &syn::Path) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        impl #impl_generics #k::modal::ModalChoice for #ident #ty_generics #where_clause {
            const VALUES: &'static [&'static str] = &[];
            fn choices() -> &'static [#k::modal::ChoiceItem] { &[] }
            fn value(&self) -> &'static str { "" }
        }
    }
}
