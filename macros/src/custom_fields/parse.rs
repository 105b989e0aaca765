//! Reads `#[custom_fields(...)]` on the struct and `#[custom_field(...)]` on each field.

use crate::errors::Errors;
use crate::hint::did_you_mean;
use crate::meta::{attrs_named, crate_path, default_crate, key_of, skip_value};
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields};

/// The kinds of objects `entity = "..."` takes, and their `FieldEntity` variants.
pub(super) const ENTITIES: [(&str, &str); 4] = [
    ("deal", "Deal"),
    ("person", "Person"),
    ("organization", "Organization"),
    ("product", "Product"),
];

/// The keys of `#[custom_fields(...)]`.
const CONTAINER_KEYS: &[&str] = &["entity", "crate"];
/// The keys of `#[custom_field(...)]`.
const FIELD_KEYS: &[&str] = &["name", "code"];

/// How a field names its Pipedrive field, with the span of the value.
pub(super) enum Named {
    Name(String, Span),
    Code(String, Span),
}

/// One struct field.
pub(super) struct Member {
    pub(super) ident: syn::Ident,
    pub(super) ty: syn::Type,
    pub(super) named: Option<Named>,
}

/// The struct, read.
pub(super) struct Model {
    pub(super) krate: syn::Path,
    /// The `FieldEntity` variant.
    pub(super) entity: Option<&'static str>,
    pub(super) members: Vec<Member>,
}

pub(super) fn model(input: &DeriveInput, errors: &mut Errors) -> Model {
    let (krate, entity) = container(input, errors);
    if !input.generics.params.is_empty() {
        errors.push(
            input.generics.span(),
            "`CustomFields` cannot be derived for a generic struct: each field's Rust type is checked against its \
             Pipedrive field type",
        );
    }
    Model {
        krate,
        entity,
        members: members(input, errors),
    }
}

fn container(input: &DeriveInput, errors: &mut Errors) -> (syn::Path, Option<&'static str>) {
    let mut krate = default_crate();
    let mut entity = None;
    let mut seen_entity = false;
    for attr in attrs_named(&input.attrs, "custom_fields") {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                krate = crate_path(&meta)?;
            } else if meta.path.is_ident("entity") {
                seen_entity = true;
                let lit = meta.value()?.parse::<syn::LitStr>()?;
                let value = lit.value();
                entity = ENTITIES.iter().find(|(n, _)| *n == value).map(|(_, v)| *v);
                if entity.is_none() {
                    let names: Vec<&str> = ENTITIES.iter().map(|(n, _)| *n).collect();
                    errors.push(
                        lit.span(),
                        format!(
                            "`{value}` is not a kind of object with custom fields; {}",
                            did_you_mean(&value, &names)
                        ),
                    );
                }
            } else {
                let name = key_of(&meta);
                errors.add(meta.error(format!(
                    "unknown custom_fields attribute `{name}` on the struct; {}",
                    did_you_mean(&name, CONTAINER_KEYS)
                )));
                skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.add(e);
        }
    }
    if !seen_entity {
        errors.push(
            input.ident.span(),
            "missing `#[custom_fields(entity = \"...\")]`: the kind of object whose custom fields these are \
             (`deal`, `person`, `organization` or `product`)",
        );
    }
    (krate, entity)
}

fn members(input: &DeriveInput, errors: &mut Errors) -> Vec<Member> {
    let Data::Struct(data) = &input.data else {
        errors.push(
            input.ident.span(),
            "`CustomFields` is derived on a struct with named fields, one per custom field",
        );
        return Vec::new();
    };
    let Fields::Named(fields) = &data.fields else {
        errors.push(
            data.fields.span(),
            "`CustomFields` needs named fields: `struct Invoice { #[custom_field(name = \"Invoice terms\")] terms: \
             Option<String> }`",
        );
        return Vec::new();
    };
    fields
        .named
        .iter()
        .filter_map(|f| {
            Some(Member {
                ident: f.ident.clone()?,
                ty: f.ty.clone(),
                named: named(f, errors),
            })
        })
        .collect()
}

/// The field's `name = "..."` or `code = "..."`.
fn named(field: &syn::Field, errors: &mut Errors) -> Option<Named> {
    let mut found: Vec<Named> = Vec::new();
    let before = errors.len();
    for attr in attrs_named(&field.attrs, "custom_field") {
        let result = attr.parse_nested_meta(|meta| {
            let key = key_of(&meta);
            if key == "name" || key == "code" {
                let lit = meta.value()?.parse::<syn::LitStr>()?;
                found.push(if key == "name" {
                    Named::Name(lit.value(), lit.span())
                } else {
                    Named::Code(lit.value(), lit.span())
                });
            } else {
                errors.add(meta.error(format!(
                    "unknown custom_field attribute `{key}`; {}",
                    did_you_mean(&key, FIELD_KEYS)
                )));
                skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.add(e);
        }
    }
    let span = field
        .ident
        .as_ref()
        .map_or_else(|| field.span(), syn::Ident::span);
    match found.len() {
        // A misspelt key was reported already: no second error for the same attribute.
        0 if errors.len() > before => None,
        0 => {
            errors.push(
                span,
                "missing `#[custom_field(name = \"...\")]` (the field's name in Pipedrive) or \
                 `#[custom_field(code = \"...\")]` (its key)",
            );
            None
        }
        1 => found.pop(),
        _ => {
            let second = match &found[1] {
                Named::Name(_, s) | Named::Code(_, s) => *s,
            };
            errors.push(
                second,
                "a field is named once: give either `name` or `code`, not both nor twice",
            );
            None
        }
    }
}
