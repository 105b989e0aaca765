//! Reads `#[derive(JsonPanel)]`'s input into a typed model: the `#[panel(...)]` attributes and the serde
//! attributes that name keys. Every error is collected; the checks across fields live in `check`.

use crate::errors::Errors;
use crate::hint::did_you_mean;
use crate::meta::{attrs_named, crate_path, key_of, skip_value};
use crate::serde_attr;
use pdx_format::case::sentence_case;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, LitStr, Type};

/// The struct-level `#[panel(...)]` keys.
const CONTAINER_KEYS: &[&str] = &[
    "list",
    "no_label",
    "global_action",
    "object_action",
    "crate",
];
/// The field-level `#[panel(...)]` keys.
const FIELD_KEYS: &[&str] = &[
    "label", "no_label", "header", "type", "email", "phone", "address", "link", "action",
];
/// The field types a `type = "..."` may name: those whose value is a plain JSON string.
const STRING_TYPES: &[&str] = &[
    "text",
    "date",
    "time",
    "date-time",
    "email",
    "link",
    "phone",
    "address",
];
/// The field types whose value has its own shape: they come from the Rust type, never from `type = "..."`.
const SHAPED_TYPES: &[(&str, &str)] = &[
    ("numerical", "a number type (`i64`, `f64`...)"),
    ("currency", "`pdx::panel::Currency`"),
    ("label", "`pdx::panel::Label`"),
    ("tags", "`pdx::panel::Tags` or `Vec<String>`"),
];

/// The derive's input, read.
pub(crate) struct PanelInput {
    pub(crate) ident: syn::Ident,
    pub(crate) generics: syn::Generics,
    /// `#[panel(list)]`: a multiple-object panel.
    pub(crate) list: Option<Span>,
    /// `#[panel(crate = "...")]`.
    pub(crate) krate: Option<syn::Path>,
    pub(crate) global_actions: Vec<LitStr>,
    pub(crate) object_actions: Vec<LitStr>,
    pub(crate) fields: Vec<PanelFieldInput>,
}

/// How a field's type is chosen.
pub(crate) enum FieldKind {
    /// From the Rust type's `PanelField` impl.
    Natural,
    /// `#[panel(header)]`.
    Header(Span),
    /// `#[panel(type = "email")]` or a shorthand (`email`...): the `$ref` type name, on a string field.
    Explicit(String),
}

/// One serialized field, read.
pub(crate) struct PanelFieldInput {
    /// The key, as serde serializes it.
    pub(crate) key: String,
    pub(crate) ty: Type,
    pub(crate) span: Span,
    pub(crate) kind: FieldKind,
    /// `None`: no label.
    pub(crate) label: Option<String>,
    pub(crate) action: Option<LitStr>,
}

/// Reads the whole input. Returns the model (possibly partial) and the errors met.
pub(crate) fn read(input: &DeriveInput, errors: &mut Errors) -> Option<PanelInput> {
    let mut model = PanelInput {
        ident: input.ident.clone(),
        generics: input.generics.clone(),
        list: None,
        krate: None,
        global_actions: Vec::new(),
        object_actions: Vec::new(),
        fields: Vec::new(),
    };
    let mut no_label_all = false;
    for attr in attrs_named(&input.attrs, "panel") {
        let result = attr.parse_nested_meta(|meta| {
            let key = key_of(&meta);
            match key.as_str() {
                "list" => model.list = Some(meta.path.span()),
                "no_label" => no_label_all = true,
                "global_action" => model.global_actions.push(meta.value()?.parse()?),
                "object_action" => model.object_actions.push(meta.value()?.parse()?),
                "crate" => {
                    model.krate = Some(crate_path(&meta)?);
                }
                _ => {
                    let message = format!(
                        "unknown panel attribute `{key}`: {}",
                        did_you_mean(&key, CONTAINER_KEYS)
                    );
                    errors.push(meta.path.span(), message);
                    skip_value(&meta)?;
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.add(e);
        }
    }

    if let Some(param) = input.generics.type_params().next() {
        errors.push(
            param.span(),
            "a JSON panel type cannot have type parameters: its data structure is built once for the type",
        );
    } else if let Some(param) = input.generics.const_params().next() {
        errors.push(
            param.span(),
            "a JSON panel type cannot have const parameters: its data structure is built once for the type",
        );
    }

    let fields = named_fields(input, errors)?;

    let serde_container = serde_attr::container(&input.attrs);
    for field in fields {
        let Some(ident) = &field.ident else { continue };
        let serde = serde_attr::member(&field.attrs);
        if serde.flatten {
            let message = "`#[serde(flatten)]` is not supported in a JSON panel: the data structure must list every \
                           key; write the fields out";
            match field.attrs.iter().find(|a| a.path().is_ident("serde")) {
                Some(attr) => errors.add(syn::Error::new_spanned(attr, message)),
                None => errors.push(ident.span(), message),
            }
            continue;
        }
        if serde.skip_ser {
            continue;
        }
        let rust_name = ident.to_string();
        let key = serde_container.field_key_ser(&serde, &rust_name);
        if let Some(f) = read_field(field, key, &rust_name, no_label_all, errors) {
            model.fields.push(f);
        }
    }
    Some(model)
}

/// The struct's named fields (each one field of the panel object); an error for anything else.
fn named_fields<'a>(
    input: &'a DeriveInput,
    errors: &mut Errors,
) -> Option<&'a syn::punctuated::Punctuated<syn::Field, syn::Token![,]>> {
    match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => Some(&named.named),
            _ => {
                errors.push(
                    input.ident.span(),
                    "JsonPanel needs a struct with named fields: each field is one field of the panel object, \
                     named by its key",
                );
                None
            }
        },
        Data::Enum(e) => {
            errors.push(
                e.enum_token.span(),
                "JsonPanel can only be derived for a struct with named fields (one panel object), not an enum",
            );
            None
        }
        Data::Union(u) => {
            errors.push(
                u.union_token.span(),
                "JsonPanel can only be derived for a struct with named fields (one panel object), not a union",
            );
            None
        }
    }
}

/// Records an explicit field type; false (and an error) when one was given already.
fn set_type(
    explicit: &mut Option<(String, Span, String)>,
    name: String,
    written: String,
    span: Span,
    errors: &mut Errors,
) -> bool {
    if let Some((_, _, before)) = explicit {
        errors.push(
            span,
            format!("`{written}` conflicts with `{before}`: a field has one type"),
        );
        false
    } else {
        *explicit = Some((name, span, written));
        true
    }
}

/// `type = "..."`: a field type whose value is a plain string; false (and an error) for anything else.
fn explicit_type(
    lit: &LitStr,
    explicit: &mut Option<(String, Span, String)>,
    errors: &mut Errors,
) -> bool {
    let name = lit.value();
    if STRING_TYPES.contains(&name.as_str()) {
        return set_type(
            explicit,
            name.clone(),
            format!("type = \"{name}\""),
            lit.span(),
            errors,
        );
    }
    if name == "header" {
        errors.push(
            lit.span(),
            "write `#[panel(header)]` for the header field, not `type = \"header\"`",
        );
    } else if let Some((_, rust)) = SHAPED_TYPES.iter().find(|(t, _)| *t == name) {
        errors.push(
            lit.span(),
            format!(
                "a `{name}` field takes its shape from its Rust type: use {rust} (or implement \
                 `pdx::panel::PanelField` for your type) instead of `type = \"{name}\"`"
            ),
        );
    } else {
        let mut all: Vec<&str> = STRING_TYPES.to_vec();
        all.extend(SHAPED_TYPES.iter().map(|(t, _)| *t));
        errors.push(
            lit.span(),
            format!(
                "unknown panel field type `{name}`: {}",
                did_you_mean(&name, &all)
            ),
        );
    }
    false
}

/// One field's `#[panel(...)]` keys, as written.
#[derive(Default)]
struct RawPanelField {
    label: Option<LitStr>,
    no_label: Option<Span>,
    header: Option<Span>,
    /// (type, span, how it was written).
    explicit: Option<(String, Span, String)>,
    action: Option<LitStr>,
    /// No error was reported while reading.
    ok: bool,
}

/// Reads one field's `#[panel(...)]` keys; each mistake is reported and reading goes on.
fn field_keys(field: &syn::Field, errors: &mut Errors) -> RawPanelField {
    let mut raw = RawPanelField {
        ok: true,
        ..RawPanelField::default()
    };
    for attr in attrs_named(&field.attrs, "panel") {
        let result = attr.parse_nested_meta(|meta| {
            let key = key_of(&meta);
            let span = meta.path.span();
            match key.as_str() {
                "label" => {
                    let lit: LitStr = meta.value()?.parse()?;
                    if raw.label.is_some() {
                        errors.push(lit.span(), "`label` is given twice");
                        raw.ok = false;
                    }
                    raw.label = Some(lit);
                }
                "no_label" => raw.no_label = Some(span),
                "header" => raw.header = Some(span),
                "email" | "phone" | "address" | "link" => {
                    raw.ok &= set_type(&mut raw.explicit, key.clone(), key.clone(), span, errors);
                }
                "type" => {
                    let lit: LitStr = meta.value()?.parse()?;
                    raw.ok &= explicit_type(&lit, &mut raw.explicit, errors);
                }
                "action" => {
                    let lit: LitStr = meta.value()?.parse()?;
                    if raw.action.is_some() {
                        errors.push(
                            lit.span(),
                            "a field has at most one action (Pipedrive: 1 action per field)",
                        );
                        raw.ok = false;
                    }
                    raw.action = Some(lit);
                }
                _ => {
                    errors.push(
                        span,
                        format!(
                            "unknown panel attribute `{key}`: {}",
                            did_you_mean(&key, FIELD_KEYS)
                        ),
                    );
                    raw.ok = false;
                    skip_value(&meta)?;
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.add(e);
            raw.ok = false;
        }
    }
    raw
}

fn read_field(
    field: &syn::Field,
    key: String,
    rust_name: &str,
    no_label_all: bool,
    errors: &mut Errors,
) -> Option<PanelFieldInput> {
    let raw = field_keys(field, errors);
    let mut ok = raw.ok;
    if let (Some(l), Some(_)) = (&raw.label, raw.no_label) {
        errors.push(l.span(), "`label` conflicts with `no_label`: choose one");
        ok = false;
    }
    let kind = match (raw.header, raw.explicit) {
        (Some(h), Some((_, _, written))) => {
            errors.push(
                h,
                format!("`header` conflicts with `{written}`: the header field is always a `header` string"),
            );
            ok = false;
            FieldKind::Header(h)
        }
        (Some(h), None) => FieldKind::Header(h),
        (None, Some((name, _, _))) => FieldKind::Explicit(name),
        (None, None) => FieldKind::Natural,
    };
    if !ok {
        return None;
    }
    let label = match (raw.label, raw.no_label) {
        (Some(l), _) => Some(l.value()),
        (None, Some(_)) => None,
        (None, None) if no_label_all => None,
        // pdx's choice (the docs show the key when there is no label): the field name in sentence case.
        (None, None) => Some(sentence_case(rust_name)),
    };
    let span = field
        .ident
        .as_ref()
        .map_or_else(|| field.span(), syn::Ident::span);
    Some(PanelFieldInput {
        key,
        ty: field.ty.clone(),
        span,
        kind,
        label,
        action: raw.action,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The derive's two lists of field types are Pipedrive's 13 without `header` (written `#[panel(header)]`).
    #[test]
    fn field_type_lists_are_pipedrives() {
        let mut ours: Vec<&str> = STRING_TYPES.to_vec();
        ours.extend(SHAPED_TYPES.iter().map(|(t, _)| *t));
        ours.push("header");
        ours.sort_unstable();
        let mut theirs = pdx_format::panel::FIELD_TYPES.to_vec();
        theirs.sort_unstable();
        assert_eq!(ours, theirs);
    }
}
